namespace Controllers.Firmware.Common.Can
{
    /// <summary>
    /// Converts between <see cref="CanFrame"/> and the MCP2515 identifier, DLC and data registers.
    /// </summary>
    /// <remarks>
    /// Layout from Registers 3-3 to 3-8 and 4-4 to 4-9 of the MCP2515 datasheet (DS20001801): SIDH holds
    /// identifier bits 10-3 of a standard frame, SIDL bits 7-5 hold bits 2-0. An extended identifier puts its
    /// 11 most significant bits there, and its 18 least significant bits in SIDL1:0 (bits 17-16), EID8 and
    /// EID0. SIDL bit 3 (EXIDE/IDE) marks an extended identifier.
    /// </remarks>
    public static class Mcp2515FrameCodec
    {
        /// <summary>Bytes from SIDH to D7 of one TX or RX buffer.</summary>
        public const int BufferLength = 13;

        /// <summary>
        /// Writes SIDH, SIDL, EID8 and EID0 for <paramref name="id"/>, with EXIDE set when
        /// <paramref name="extended"/>. Filters use the same layout.
        /// </summary>
        public static void EncodeId(uint id, bool extended, byte[] destination, int offset)
        {
            if (extended)
            {
                destination[offset] = (byte)(id >> 21);
                destination[offset + 1] = (byte)((((id >> 18) & 0x07) << 5) | Mcp2515Register.SidlExide | ((id >> 16) & 0x03));
                destination[offset + 2] = (byte)(id >> 8);
                destination[offset + 3] = (byte)id;
            }
            else
            {
                destination[offset] = (byte)(id >> 3);
                destination[offset + 1] = (byte)((id & 0x07) << 5);
                destination[offset + 2] = 0;
                destination[offset + 3] = 0;
            }
        }

        /// <summary>
        /// Writes RXMnSIDH to RXMnEID0 for <paramref name="mask"/>. A standard mask clears EID8 and EID0,
        /// because on standard frames those mask bits compare the first two data bytes (datasheet Section 4.5).
        /// </summary>
        public static void EncodeMask(uint mask, bool extended, byte[] destination, int offset)
        {
            EncodeId(mask, extended, destination, offset);
            destination[offset + 1] = (byte)(destination[offset + 1] & ~Mcp2515Register.SidlExide);
        }

        /// <summary>
        /// Writes SIDH to D(n-1) of a TX buffer for <paramref name="frame"/> and returns the byte count: 5 plus
        /// the data length, or 5 for a remote frame, which carries its DLC but no data.
        /// </summary>
        public static int EncodeTxBuffer(CanFrame frame, byte[] destination, int offset)
        {
            EncodeId(frame.Id, frame.IsExtended, destination, offset);
            int dlc = frame.Length;
            if (frame.IsRemote)
            {
                destination[offset + 4] = (byte)(Mcp2515Register.DlcRtr | dlc);
                return 5;
            }

            destination[offset + 4] = (byte)dlc;
            byte[] data = frame.Data;
            for (int i = 0; i < dlc; i++)
            {
                destination[offset + 5 + i] = data[i];
            }

            return 5 + dlc;
        }

        /// <summary>
        /// Reads a frame from the 13 bytes SIDH to D7 of an RX buffer. A DLC above 8 is read as 8, since a
        /// classic CAN frame carries at most 8 data bytes.
        /// </summary>
        public static void DecodeRxBuffer(byte[] source, int offset, CanFrame frame)
        {
            int sidh = source[offset];
            int sidl = source[offset + 1];
            int dlcRegister = source[offset + 4];
            bool extended = (sidl & Mcp2515Register.SidlExide) != 0;

            uint id;
            bool remote;
            if (extended)
            {
                id = ((uint)sidh << 21) | ((uint)(sidl >> 5) << 18) | ((uint)(sidl & 0x03) << 16)
                    | ((uint)source[offset + 2] << 8) | source[offset + 3];
                remote = (dlcRegister & Mcp2515Register.DlcRtr) != 0;
            }
            else
            {
                id = ((uint)sidh << 3) | (uint)(sidl >> 5);
                remote = (sidl & Mcp2515Register.SidlSrr) != 0;
            }

            int length = dlcRegister & Mcp2515Register.DlcMask;
            if (length > 8)
            {
                length = 8;
            }

            frame.SetId(id, extended);
            frame.IsRemote = remote;
            frame.Length = length;
            byte[] data = frame.Data;
            for (int i = 0; i < 8; i++)
            {
                data[i] = i < length && !remote ? source[offset + 5 + i] : (byte)0;
            }
        }
    }
}
