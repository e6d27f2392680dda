namespace Controllers.Firmware.Common.Calibration
{
    /// <summary>
    /// One group of calibration values behind one data identifier (DID) of the calibration record, for
    /// example the gain and offset of one cell-voltage channel. The encoded value is the DID's value on the
    /// wire (big-endian, IEEE 754 single for real numbers) and also the block's bytes in the stored record.
    /// </summary>
    public interface ICalibrationBlock
    {
        /// <summary>Data identifier, 0x4100 to 0x41FC.</summary>
        int Identifier { get; }

        /// <summary>Length of the encoded value in bytes.</summary>
        int Length { get; }

        /// <summary>Writes the values in use, <see cref="Length"/> bytes, to <paramref name="destination"/> at <paramref name="offset"/>.</summary>
        void Encode(byte[] destination, int offset);

        /// <summary>
        /// Checks <see cref="Length"/> bytes at <paramref name="offset"/> against the acceptance limits and, when
        /// they pass, puts them in use. Returns <c>UdsNegativeResponseCode.PositiveResponse</c>, or
        /// requestOutOfRange (0x31) and leaves the values in use unchanged.
        /// </summary>
        byte Decode(byte[] source, int offset);

        /// <summary>Puts the factory defaults in use (gain 1, offset 0, no check result).</summary>
        void ApplyDefaults();
    }
}
