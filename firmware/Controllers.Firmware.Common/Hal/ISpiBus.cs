namespace Controllers.Firmware.Common.Hal
{
    /// <summary>
    /// SPI master connected to one peripheral. A board implements it with nanoFramework's
    /// <c>SpiDevice</c>; tests implement it with a chip emulator or a recording fake.
    /// </summary>
    public interface ISpiBus
    {
        /// <summary>
        /// Clocks out the first <paramref name="length"/> bytes of <paramref name="write"/> and stores the bytes
        /// clocked in at the same time in <paramref name="read"/> (full duplex). Chip select is asserted before
        /// the first byte and released after the last one, because SPI peripherals such as the MCP2515 end an
        /// instruction on the rising edge of chip select. <paramref name="read"/> may be null when the caller
        /// ignores the response. Must not allocate.
        /// </summary>
        void Transfer(byte[] write, byte[]? read, int length);
    }
}
