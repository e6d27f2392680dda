namespace Controllers.Firmware.Common.Can
{
    /// <summary>
    /// First byte of each MCP2515 SPI instruction, from Table 12-1 of the Microchip MCP2515 datasheet
    /// (DS20001801).
    /// </summary>
    public static class Mcp2515Instruction
    {
        /// <summary>RESET, 1100 0000: resets every register and enters Configuration mode.</summary>
        public const byte Reset = 0xC0;

        /// <summary>READ, 0000 0011, then an address; the address auto-increments while clocking.</summary>
        public const byte Read = 0x03;

        /// <summary>
        /// READ RX BUFFER, 1001 0nm0: n selects RXB0 or RXB1, m selects SIDH or D0 as start address.
        /// Raising chip select afterwards clears CANINTF.RXnIF.
        /// </summary>
        public const byte ReadRxBuffer = 0x90;

        /// <summary>WRITE, 0000 0010, then an address and data with auto-increment.</summary>
        public const byte Write = 0x02;

        /// <summary>
        /// LOAD TX BUFFER, 0100 0abc: 0x40/0x42/0x44 start at TXB0/1/2 SIDH, 0x41/0x43/0x45 at TXB0/1/2 D0.
        /// </summary>
        public const byte LoadTxBuffer = 0x40;

        /// <summary>RTS (request to send), 1000 0nnn: bit n requests transmission of TXBn.</summary>
        public const byte RequestToSend = 0x80;

        /// <summary>READ STATUS, 1010 0000: RXnIF, TXREQ and TXnIF bits in one byte.</summary>
        public const byte ReadStatus = 0xA0;

        /// <summary>RX STATUS, 1011 0000: which RX buffers are full, frame type and matching filter.</summary>
        public const byte RxStatus = 0xB0;

        /// <summary>BIT MODIFY, 0000 0101, then address, mask and data.</summary>
        public const byte BitModify = 0x05;

        // READ STATUS response bits (Figure 12-8).

        /// <summary>READ STATUS bit 0: CANINTF.RX0IF.</summary>
        public const byte StatusRx0If = 0x01;

        /// <summary>READ STATUS bit 1: CANINTF.RX1IF.</summary>
        public const byte StatusRx1If = 0x02;

        /// <summary>READ STATUS bit 2: TXB0CTRL.TXREQ.</summary>
        public const byte StatusTx0Req = 0x04;

        /// <summary>READ STATUS bit 3: CANINTF.TX0IF.</summary>
        public const byte StatusTx0If = 0x08;

        /// <summary>READ STATUS bit 4: TXB1CTRL.TXREQ.</summary>
        public const byte StatusTx1Req = 0x10;

        /// <summary>READ STATUS bit 5: CANINTF.TX1IF.</summary>
        public const byte StatusTx1If = 0x20;

        /// <summary>READ STATUS bit 6: TXB2CTRL.TXREQ.</summary>
        public const byte StatusTx2Req = 0x40;

        /// <summary>READ STATUS bit 7: CANINTF.TX2IF.</summary>
        public const byte StatusTx2If = 0x80;
    }
}
