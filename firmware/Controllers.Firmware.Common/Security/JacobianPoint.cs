namespace Controllers.Firmware.Common.Security
{
    /// <summary>
    /// A P-256 point in Jacobian coordinates (X, Y, Z), which stand for the affine point (X/Z², Y/Z³).
    /// The coordinates are in Montgomery form modulo p.
    /// </summary>
    internal sealed class JacobianPoint
    {
        public readonly uint[] X = new uint[UInt256.LimbCount];
        public readonly uint[] Y = new uint[UInt256.LimbCount];
        public readonly uint[] Z = new uint[UInt256.LimbCount];

        /// <summary>Whether this is the point at infinity, in which case the coordinates are meaningless.</summary>
        public bool IsInfinity = true;

        /// <summary>Copies the coordinates and the infinity flag of <paramref name="source"/>.</summary>
        public void CopyFrom(JacobianPoint source)
        {
            UInt256.Copy(source.X, X);
            UInt256.Copy(source.Y, Y);
            UInt256.Copy(source.Z, Z);
            IsInfinity = source.IsInfinity;
        }
    }
}
