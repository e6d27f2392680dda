namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>Reads and writes the values behind the entries of a <see cref="UdsDataIdentifierTable"/>.</summary>
    public interface IUdsDataIdentifierHandler
    {
        /// <summary>
        /// Writes the value of <paramref name="identifier"/>, exactly as many bytes as the table entry's
        /// length, to <paramref name="destination"/> at <paramref name="offset"/>. Returns
        /// <see cref="UdsNegativeResponseCode.PositiveResponse"/> or the negative response code to send.
        /// </summary>
        byte Read(int identifier, byte[] destination, int offset);

        /// <summary>
        /// Stores the new value of <paramref name="identifier"/> from <paramref name="length"/> bytes of
        /// <paramref name="source"/>. Returns <see cref="UdsNegativeResponseCode.PositiveResponse"/> or the
        /// negative response code to send, such as requestOutOfRange (0x31) for an invalid value.
        /// </summary>
        byte Write(int identifier, byte[] source, int offset, int length);
    }
}
