namespace Controllers.Firmware.Common.Can
{
    /// <summary>
    /// MCP2515 register addresses and bit masks, from the Microchip MCP2515 datasheet (DS20001801):
    /// Table 11-1 (register map) and the register descriptions named on each group.
    /// </summary>
    public static class Mcp2515Register
    {
        // Acceptance filters, 4 bytes each (SIDH, SIDL, EID8, EID0), Registers 4-10 to 4-13.
        // RXF0 to RXF2 sit at 0x00-0x0B and RXF3 to RXF5 at 0x10-0x1B.

        /// <summary>RXF0SIDH, first byte of filter 0.</summary>
        public const byte Rxf0Sidh = 0x00;

        /// <summary>RXF3SIDH, first byte of filter 3.</summary>
        public const byte Rxf3Sidh = 0x10;

        /// <summary>BFPCTRL, RXnBF pin control (Register 4-3).</summary>
        public const byte Bfpctrl = 0x0C;

        /// <summary>TXRTSCTRL, TXnRTS pin control (Register 3-2); writable in Configuration mode only.</summary>
        public const byte Txrtsctrl = 0x0D;

        /// <summary>CANSTAT (Register 10-2); read-only, also mirrored at every address ending in 0xE.</summary>
        public const byte Canstat = 0x0E;

        /// <summary>CANCTRL (Register 10-1); also mirrored at every address ending in 0xF.</summary>
        public const byte Canctrl = 0x0F;

        /// <summary>TEC, transmit error counter (Register 6-1), read-only.</summary>
        public const byte Tec = 0x1C;

        /// <summary>REC, receive error counter (Register 6-2), read-only.</summary>
        public const byte Rec = 0x1D;

        /// <summary>RXM0SIDH, first byte of mask 0; mask 1 follows at 0x24 (Registers 4-14 to 4-17).</summary>
        public const byte Rxm0Sidh = 0x20;

        /// <summary>CNF3 (Register 5-3); CNF2 and CNF1 follow at 0x29 and 0x2A.</summary>
        public const byte Cnf3 = 0x28;

        /// <summary>CNF2 (Register 5-2).</summary>
        public const byte Cnf2 = 0x29;

        /// <summary>CNF1 (Register 5-1).</summary>
        public const byte Cnf1 = 0x2A;

        /// <summary>CANINTE, interrupt enables (Register 7-1).</summary>
        public const byte Caninte = 0x2B;

        /// <summary>CANINTF, interrupt flags (Register 7-2).</summary>
        public const byte Canintf = 0x2C;

        /// <summary>EFLG, error flags (Register 6-3).</summary>
        public const byte Eflg = 0x2D;

        /// <summary>TXB0CTRL (Register 3-1); TXB1CTRL is at 0x40 and TXB2CTRL at 0x50.</summary>
        public const byte Txb0ctrl = 0x30;

        /// <summary>RXB0CTRL (Register 4-1).</summary>
        public const byte Rxb0ctrl = 0x60;

        /// <summary>RXB1CTRL (Register 4-2).</summary>
        public const byte Rxb1ctrl = 0x70;

        /// <summary>Distance between the TXBnCTRL (and RXBnCTRL) registers of consecutive buffers.</summary>
        public const byte BufferStride = 0x10;

        // Offsets inside a TX or RX buffer, relative to its CTRL register.

        /// <summary>Offset of SIDH from the buffer's CTRL register.</summary>
        public const byte SidhOffset = 1;

        /// <summary>Offset of DLC from the buffer's CTRL register.</summary>
        public const byte DlcOffset = 5;

        /// <summary>Offset of data byte 0 from the buffer's CTRL register.</summary>
        public const byte DataOffset = 6;

        // CANCTRL bits (Register 10-1).

        /// <summary>CANCTRL.REQOP2:0, requested operation mode (bits 7-5).</summary>
        public const byte CanctrlReqopMask = 0xE0;

        /// <summary>CANCTRL.ABAT, abort all pending transmissions.</summary>
        public const byte CanctrlAbat = 0x10;

        /// <summary>CANCTRL.OSM, one-shot mode.</summary>
        public const byte CanctrlOsm = 0x08;

        // CANSTAT bits (Register 10-2).

        /// <summary>CANSTAT.OPMOD2:0, current operation mode (bits 7-5).</summary>
        public const byte CanstatOpmodMask = 0xE0;

        /// <summary>CANSTAT.ICOD2:0, interrupt code (bits 3-1).</summary>
        public const byte CanstatIcodMask = 0x0E;

        // TXBnCTRL bits (Register 3-1).

        /// <summary>TXBnCTRL.ABTF, message aborted.</summary>
        public const byte TxctrlAbtf = 0x40;

        /// <summary>TXBnCTRL.MLOA, message lost arbitration.</summary>
        public const byte TxctrlMloa = 0x20;

        /// <summary>TXBnCTRL.TXERR, transmission error detected.</summary>
        public const byte TxctrlTxerr = 0x10;

        /// <summary>TXBnCTRL.TXREQ, transmit request pending.</summary>
        public const byte TxctrlTxreq = 0x08;

        /// <summary>TXBnCTRL.TXP1:0, buffer priority, 3 is highest.</summary>
        public const byte TxctrlTxpMask = 0x03;

        // RXBnCTRL bits (Registers 4-1 and 4-2).

        /// <summary>RXBnCTRL.RXM1:0, receive buffer operating mode (bits 6-5).</summary>
        public const byte RxctrlRxmMask = 0x60;

        /// <summary>RXBnCTRL.RXM1:0 = 11: masks and filters off, any message is received.</summary>
        public const byte RxctrlRxmAny = 0x60;

        /// <summary>RXBnCTRL.RXRTR, received remote transfer request.</summary>
        public const byte RxctrlRxrtr = 0x08;

        /// <summary>RXB0CTRL.BUKT, rollover of RXB0 into RXB1 when RXB0 is full.</summary>
        public const byte Rxb0ctrlBukt = 0x04;

        /// <summary>RXB0CTRL.BUKT1, read-only copy of BUKT.</summary>
        public const byte Rxb0ctrlBukt1 = 0x02;

        /// <summary>RXB0CTRL.FILHIT0, filter that accepted the message in RXB0.</summary>
        public const byte Rxb0ctrlFilhit = 0x01;

        /// <summary>RXB1CTRL.FILHIT2:0, filter that accepted the message in RXB1.</summary>
        public const byte Rxb1ctrlFilhitMask = 0x07;

        // SIDL and DLC bits of the identifier registers (Registers 3-4, 3-7, 4-5, 4-8, 4-11).

        /// <summary>SIDL.EXIDE (TX buffers and filters) or SIDL.IDE (RX buffers): extended identifier.</summary>
        public const byte SidlExide = 0x08;

        /// <summary>RXBnSIDL.SRR: a standard frame received as a remote frame.</summary>
        public const byte SidlSrr = 0x10;

        /// <summary>DLC.RTR: remote transmission request (TX buffers, and extended RX frames).</summary>
        public const byte DlcRtr = 0x40;

        /// <summary>DLC.DLC3:0, data length code.</summary>
        public const byte DlcMask = 0x0F;

        // CANINTE and CANINTF bits (Registers 7-1 and 7-2); the same position in both.

        /// <summary>MERRE/MERRF: message error.</summary>
        public const byte InterruptMessageError = 0x80;

        /// <summary>WAKIE/WAKIF: wake-up.</summary>
        public const byte InterruptWake = 0x40;

        /// <summary>ERRIE/ERRIF: an EFLG condition changed.</summary>
        public const byte InterruptError = 0x20;

        /// <summary>TX2IE/TX2IF: TXB2 became empty.</summary>
        public const byte InterruptTx2 = 0x10;

        /// <summary>TX1IE/TX1IF: TXB1 became empty.</summary>
        public const byte InterruptTx1 = 0x08;

        /// <summary>TX0IE/TX0IF: TXB0 became empty.</summary>
        public const byte InterruptTx0 = 0x04;

        /// <summary>RX1IE/RX1IF: a message was loaded into RXB1.</summary>
        public const byte InterruptRx1 = 0x02;

        /// <summary>RX0IE/RX0IF: a message was loaded into RXB0.</summary>
        public const byte InterruptRx0 = 0x01;

        // EFLG bits (Register 6-3).

        /// <summary>EFLG.RX1OVR, RXB1 overflow; cleared by the MCU.</summary>
        public const byte EflgRx1Ovr = 0x80;

        /// <summary>EFLG.RX0OVR, RXB0 overflow; cleared by the MCU.</summary>
        public const byte EflgRx0Ovr = 0x40;

        /// <summary>EFLG.TXBO, bus-off (TEC exceeded 255).</summary>
        public const byte EflgTxbo = 0x20;

        /// <summary>EFLG.TXEP, transmit error-passive (TEC above 127).</summary>
        public const byte EflgTxep = 0x10;

        /// <summary>EFLG.RXEP, receive error-passive (REC above 127).</summary>
        public const byte EflgRxep = 0x08;

        /// <summary>EFLG.TXWAR, transmit error warning (TEC at least 96).</summary>
        public const byte EflgTxwar = 0x04;

        /// <summary>EFLG.RXWAR, receive error warning (REC at least 96).</summary>
        public const byte EflgRxwar = 0x02;

        /// <summary>EFLG.EWARN, TXWAR or RXWAR is set.</summary>
        public const byte EflgEwarn = 0x01;

        // CNF2 and CNF3 bits (Registers 5-2 and 5-3).

        /// <summary>CNF2.BTLMODE: PS2 length comes from CNF3.PHSEG2.</summary>
        public const byte Cnf2Btlmode = 0x80;

        /// <summary>CNF2.SAM: sample the bus three times.</summary>
        public const byte Cnf2Sam = 0x40;
    }
}
