namespace Controllers.Firmware.Common.Security
{
    /// <summary>A P-256 point in affine coordinates, in Montgomery form modulo p.</summary>
    internal sealed class AffinePoint
    {
        public readonly uint[] X = new uint[UInt256.LimbCount];
        public readonly uint[] Y = new uint[UInt256.LimbCount];

        /// <summary>Whether this is the point at infinity, in which case the coordinates are meaningless.</summary>
        public bool IsInfinity = true;
    }
}
