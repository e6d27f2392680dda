using System;
using Controllers.Firmware.Common.Hal;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Common.Can
{
    /// <summary>
    /// CAN controller driver for a Microchip MCP2515 on SPI, used by boards without an on-chip CAN controller
    /// (ESP32 under nanoFramework). Register facts are from the MCP2515 datasheet (DS20001801).
    /// </summary>
    /// <remarks>
    /// Typical start-up: <see cref="Initialize"/> (leaves the chip in Configuration mode), optionally
    /// <see cref="SetMask"/>, <see cref="SetFilter"/>, <see cref="EnableFilters"/>, <see cref="SetRollover"/>
    /// and <see cref="SetInterruptEnable"/>, then <see cref="SetMode"/>. <see cref="TrySend"/> and
    /// <see cref="TryReceive"/> do not allocate. Not thread-safe: call it from one task.
    /// </remarks>
    public sealed class Mcp2515Controller : ICanTransmitter
    {
        /// <summary>Default number of CANSTAT reads while waiting for a requested mode.</summary>
        public const int DefaultModePollLimit = 100;

        /// <summary>
        /// Bit times a node needs to see before it leaves bus-off: 128 occurrences of 11 consecutive recessive bits
        /// (error-state diagram, Figure 6-1 of the datasheet).
        /// </summary>
        public const int BusOffRecoveryBitTimes = 128 * 11;

        private const int FilterCount = 6;
        private const int MaskCount = 2;

        private readonly Mcp2515Spi spi;
        private readonly IMonotonicClock clock;
        private readonly byte[] frameBytes = new byte[Mcp2515FrameCodec.BufferLength];
        private readonly byte[] filterRegisters = new byte[FilterCount * 4];
        private readonly byte[] maskRegisters = new byte[MaskCount * 4];
        private readonly int[] bufferPriority = new int[3];
        private readonly byte[] timingRegisters = new byte[3];

        private Mcp2515BitTiming? timing;
        private bool filtersEnabled;
        private bool rollover;
        private byte interruptEnable;
        private Mcp2515Mode requestedMode = Mcp2515Mode.Configuration;
        private bool busOff;
        private long busOffSinceMicroseconds;

        /// <summary>Creates the driver on <paramref name="bus"/>; <paramref name="clock"/> times bus-off recovery.</summary>
        public Mcp2515Controller(ISpiBus bus, IMonotonicClock clock)
        {
            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            spi = new Mcp2515Spi(bus);
            this.clock = clock;
            ModePollLimit = DefaultModePollLimit;
        }

        /// <summary>The SPI instruction layer, for diagnostics and registers the driver does not wrap.</summary>
        public Mcp2515Spi Spi
        {
            get { return spi; }
        }

        /// <summary>
        /// CANSTAT reads before a mode request counts as timed out. The chip enters Configuration mode only after
        /// pending transmissions finish, so the limit covers at least one frame time at the SPI clock in use.
        /// </summary>
        public int ModePollLimit { get; set; }

        /// <summary>The bit timing set by <see cref="Initialize"/>, or null before it.</summary>
        public Mcp2515BitTiming? BitTiming
        {
            get { return timing; }
        }

        /// <summary>True from the <see cref="PollBusOff"/> call that saw EFLG.TXBO until the chip left bus-off.</summary>
        public bool IsBusOff
        {
            get { return busOff; }
        }

        /// <summary>Bus-off recovery time in microseconds at the configured bit rate (128 × 11 bit times).</summary>
        public long BusOffRecoveryMicroseconds
        {
            get
            {
                int bitRate = RequireTiming().BitRate;
                return (BusOffRecoveryBitTimes * 1000000L + bitRate - 1) / bitRate;
            }
        }

        /// <summary>
        /// Resets the chip and sets the bit timing for <paramref name="bitRate"/> from an
        /// <paramref name="oscillatorHz"/> crystal. Clears masks and filters, turns filtering and rollover off and
        /// disables interrupts. Leaves the chip in Configuration mode. Throws <see cref="ArgumentException"/> for
        /// a bit rate the crystal cannot produce, and <see cref="InvalidOperationException"/> when the chip does
        /// not report Configuration mode (check wiring, chip select and the oscillator).
        /// </summary>
        public void Initialize(int oscillatorHz, int bitRate)
        {
            timing = Mcp2515BitTiming.Calculate(oscillatorHz, bitRate);
            Array.Clear(filterRegisters, 0, filterRegisters.Length);
            Array.Clear(maskRegisters, 0, maskRegisters.Length);
            filtersEnabled = false;
            rollover = false;
            interruptEnable = 0;
            requestedMode = Mcp2515Mode.Configuration;
            ApplyConfiguration();
        }

        /// <summary>
        /// Sets acceptance mask <paramref name="index"/> (0 for RXB0, 1 for RXB1). A 1 bit means the identifier
        /// bit must equal the filter bit. Configuration mode only.
        /// </summary>
        public void SetMask(int index, uint mask, bool extended)
        {
            if (index < 0 || index >= MaskCount)
            {
                throw new ArgumentOutOfRangeException("index", "The MCP2515 has masks 0 and 1.");
            }

            CheckIdentifier(mask, extended, "mask");
            RequireConfigurationMode();
            Mcp2515FrameCodec.EncodeMask(mask, extended, maskRegisters, index * 4);
            spi.WriteRegisters((byte)(Mcp2515Register.Rxm0Sidh + index * 4), maskRegisters, index * 4, 4);
        }

        /// <summary>
        /// Sets acceptance filter <paramref name="index"/>: filters 0 and 1 feed RXB0 with mask 0, and filters 2
        /// to 5 feed RXB1 with mask 1. A filter matches only frames of its own format (standard or extended).
        /// Configuration mode only.
        /// </summary>
        public void SetFilter(int index, uint id, bool extended)
        {
            if (index < 0 || index >= FilterCount)
            {
                throw new ArgumentOutOfRangeException("index", "The MCP2515 has filters 0 to 5.");
            }

            CheckIdentifier(id, extended, "id");
            RequireConfigurationMode();
            Mcp2515FrameCodec.EncodeId(id, extended, filterRegisters, index * 4);
            spi.WriteRegisters(FilterAddress(index), filterRegisters, index * 4, 4);
        }

        /// <summary>
        /// Turns the masks and filters on (RXBnCTRL.RXM = 00) or off so that any frame is received (RXM = 11).
        /// </summary>
        public void EnableFilters(bool enabled)
        {
            filtersEnabled = enabled;
            WriteReceiveControl();
        }

        /// <summary>Turns RXB0-to-RXB1 rollover (RXB0CTRL.BUKT) on or off.</summary>
        public void SetRollover(bool enabled)
        {
            rollover = enabled;
            WriteReceiveControl();
        }

        /// <summary>Writes CANINTE; use the Interrupt constants of <see cref="Mcp2515Register"/>.</summary>
        public void SetInterruptEnable(byte enableMask)
        {
            interruptEnable = enableMask;
            spi.WriteRegister(Mcp2515Register.Caninte, enableMask);
        }

        /// <summary>Reads the operation mode from CANSTAT.OPMOD.</summary>
        public Mcp2515Mode ReadMode()
        {
            return (Mcp2515Mode)(spi.ReadRegister(Mcp2515Register.Canstat) >> 5);
        }

        /// <summary>
        /// Requests <paramref name="mode"/> through CANCTRL.REQOP and polls CANSTAT.OPMOD up to
        /// <see cref="ModePollLimit"/> times. Returns false when the chip did not confirm the mode.
        /// </summary>
        public bool TrySetMode(Mcp2515Mode mode)
        {
            if ((int)mode < 0 || (int)mode > 4)
            {
                throw new ArgumentOutOfRangeException("mode");
            }

            requestedMode = mode;
            spi.BitModify(Mcp2515Register.Canctrl, Mcp2515Register.CanctrlReqopMask, (byte)((int)mode << 5));
            for (int poll = 0; poll < ModePollLimit; poll++)
            {
                if ((Mcp2515Mode)(spi.ReadRegister(Mcp2515Register.Canstat) >> 5) == mode)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Like <see cref="TrySetMode"/>, but throws <see cref="InvalidOperationException"/> on a timeout.</summary>
        public void SetMode(Mcp2515Mode mode)
        {
            if (!TrySetMode(mode))
            {
                throw new InvalidOperationException("The MCP2515 did not enter mode " + ((int)mode).ToString()
                    + " within " + ModePollLimit.ToString() + " CANSTAT reads; check the oscillator and pending transmissions.");
            }
        }

        /// <summary>Queues <paramref name="frame"/> in a free TX buffer at priority 0; see <see cref="TrySend(CanFrame, int)"/>.</summary>
        public bool TrySend(CanFrame frame)
        {
            return TrySend(frame, 0);
        }

        /// <summary>
        /// Queues <paramref name="frame"/> in the lowest-numbered free TX buffer with TXP =
        /// <paramref name="priority"/> (0 to 3, 3 highest) and requests transmission. Returns false when all
        /// three buffers are pending or the chip is bus-off. Among pending buffers the chip sends the highest TXP
        /// first, and at equal TXP the highest buffer number first (datasheet Section 3.2). Frames queued with one
        /// priority can therefore leave out of order, so a caller that needs order keeps one frame pending.
        /// </summary>
        public bool TrySend(CanFrame frame, int priority)
        {
            if (frame == null)
            {
                throw new ArgumentNullException("frame");
            }

            if (priority < 0 || priority > 3)
            {
                throw new ArgumentOutOfRangeException("priority", "TXP is 0 (lowest) to 3 (highest).");
            }

            if (busOff)
            {
                return false;
            }

            byte status = spi.ReadStatus();
            int buffer;
            if ((status & Mcp2515Instruction.StatusTx0Req) == 0)
            {
                buffer = 0;
            }
            else if ((status & Mcp2515Instruction.StatusTx1Req) == 0)
            {
                buffer = 1;
            }
            else if ((status & Mcp2515Instruction.StatusTx2Req) == 0)
            {
                buffer = 2;
            }
            else
            {
                return false;
            }

            if (bufferPriority[buffer] != priority)
            {
                spi.BitModify(TxControlAddress(buffer), Mcp2515Register.TxctrlTxpMask, (byte)priority);
                bufferPriority[buffer] = priority;
            }

            int count = Mcp2515FrameCodec.EncodeTxBuffer(frame, frameBytes, 0);
            spi.LoadTxBuffer(buffer, frameBytes, 0, count);
            spi.RequestToSend(1 << buffer);
            return true;
        }

        /// <summary>
        /// Copies the oldest received frame into <paramref name="frame"/> and frees its RX buffer. Returns false
        /// when both RX buffers are empty. RXB0 is read before RXB1 because, with rollover on, RXB1 contains the newer frame.
        /// </summary>
        public bool TryReceive(CanFrame frame)
        {
            if (frame == null)
            {
                throw new ArgumentNullException("frame");
            }

            byte status = spi.ReadStatus();
            int buffer;
            if ((status & Mcp2515Instruction.StatusRx0If) != 0)
            {
                buffer = 0;
            }
            else if ((status & Mcp2515Instruction.StatusRx1If) != 0)
            {
                buffer = 1;
            }
            else
            {
                return false;
            }

            spi.ReadRxBuffer(buffer, frameBytes, 0);
            Mcp2515FrameCodec.DecodeRxBuffer(frameBytes, 0, frame);
            return true;
        }

        /// <summary>Reads CANINTF.</summary>
        public byte ReadInterruptFlags()
        {
            return spi.ReadRegister(Mcp2515Register.Canintf);
        }

        /// <summary>Clears the CANINTF bits set in <paramref name="flags"/> with BIT MODIFY.</summary>
        public void ClearInterruptFlags(byte flags)
        {
            spi.BitModify(Mcp2515Register.Canintf, flags, 0);
        }

        /// <summary>Reads EFLG.</summary>
        public byte ReadErrorFlags()
        {
            return spi.ReadRegister(Mcp2515Register.Eflg);
        }

        /// <summary>Clears EFLG.RX0OVR and RX1OVR, the only EFLG bits the MCU may change.</summary>
        public void ClearReceiveOverflow()
        {
            spi.BitModify(Mcp2515Register.Eflg, Mcp2515Register.EflgRx0Ovr | Mcp2515Register.EflgRx1Ovr, 0);
        }

        /// <summary>Reads the transmit error counter TEC.</summary>
        public int ReadTransmitErrorCount()
        {
            return spi.ReadRegister(Mcp2515Register.Tec);
        }

        /// <summary>Reads the receive error counter REC.</summary>
        public int ReadReceiveErrorCount()
        {
            return spi.ReadRegister(Mcp2515Register.Rec);
        }

        /// <summary>
        /// Checks EFLG.TXBO; call it periodically. The first call that sees bus-off sets <see cref="IsBusOff"/> and
        /// starts the recovery timer. The chip leaves bus-off by itself after 128 × 11 recessive bits. If TXBO is
        /// still set once <see cref="BusOffRecoveryMicroseconds"/> have passed, this call runs
        /// <see cref="RecoverFromBusOff"/> and returns true. Otherwise it returns false.
        /// </summary>
        public bool PollBusOff()
        {
            bool chipBusOff = (spi.ReadRegister(Mcp2515Register.Eflg) & Mcp2515Register.EflgTxbo) != 0;
            if (!chipBusOff)
            {
                busOff = false;
                return false;
            }

            long now = clock.NowMicroseconds;
            if (!busOff)
            {
                busOff = true;
                busOffSinceMicroseconds = now;
                return false;
            }

            if (now - busOffSinceMicroseconds < BusOffRecoveryMicroseconds)
            {
                return false;
            }

            RecoverFromBusOff();
            return true;
        }

        /// <summary>
        /// Resets the chip, which clears TEC, REC and EFLG, then restores the bit timing, masks, filters, receive
        /// settings, interrupt enables and the last requested mode. Frames pending in the TX and RX buffers are lost.
        /// </summary>
        public void RecoverFromBusOff()
        {
            RequireTiming();
            Mcp2515Mode mode = requestedMode;
            ApplyConfiguration();
            busOff = false;
            if (mode != Mcp2515Mode.Configuration)
            {
                SetMode(mode);
            }
        }

        private void ApplyConfiguration()
        {
            Mcp2515BitTiming bitTiming = RequireTiming();
            spi.Reset();
            bufferPriority[0] = 0;
            bufferPriority[1] = 0;
            bufferPriority[2] = 0;
            requestedMode = Mcp2515Mode.Configuration;
            if (!WaitForMode(Mcp2515Mode.Configuration))
            {
                throw new InvalidOperationException("The MCP2515 did not report Configuration mode after RESET within "
                    + ModePollLimit.ToString() + " CANSTAT reads; check the SPI wiring, chip select and the oscillator.");
            }

            // CNF3, CNF2 and CNF1 are consecutive (0x28-0x2A), so one WRITE sets all three.
            timingRegisters[0] = bitTiming.Cnf3;
            timingRegisters[1] = bitTiming.Cnf2;
            timingRegisters[2] = bitTiming.Cnf1;
            spi.WriteRegisters(Mcp2515Register.Cnf3, timingRegisters, 0, 3);

            for (int mask = 0; mask < MaskCount; mask++)
            {
                spi.WriteRegisters((byte)(Mcp2515Register.Rxm0Sidh + mask * 4), maskRegisters, mask * 4, 4);
            }

            for (int filter = 0; filter < FilterCount; filter++)
            {
                spi.WriteRegisters(FilterAddress(filter), filterRegisters, filter * 4, 4);
            }

            WriteReceiveControl();
            spi.WriteRegister(Mcp2515Register.Caninte, interruptEnable);
        }

        private bool WaitForMode(Mcp2515Mode mode)
        {
            for (int poll = 0; poll < ModePollLimit; poll++)
            {
                if ((Mcp2515Mode)(spi.ReadRegister(Mcp2515Register.Canstat) >> 5) == mode)
                {
                    return true;
                }
            }

            return false;
        }

        private void WriteReceiveControl()
        {
            byte receiveMode = filtersEnabled ? (byte)0 : Mcp2515Register.RxctrlRxmAny;
            byte rxb0 = rollover ? (byte)(receiveMode | Mcp2515Register.Rxb0ctrlBukt) : receiveMode;
            spi.BitModify(Mcp2515Register.Rxb0ctrl, Mcp2515Register.RxctrlRxmMask | Mcp2515Register.Rxb0ctrlBukt, rxb0);
            spi.BitModify(Mcp2515Register.Rxb1ctrl, Mcp2515Register.RxctrlRxmMask, receiveMode);
        }

        private void RequireConfigurationMode()
        {
            RequireTiming();
            if (ReadMode() != Mcp2515Mode.Configuration)
            {
                throw new InvalidOperationException("MCP2515 masks and filters are writable only in Configuration mode; call SetMode(Mcp2515Mode.Configuration) first.");
            }
        }

        private Mcp2515BitTiming RequireTiming()
        {
            if (timing == null)
            {
                throw new InvalidOperationException("Call Initialize before using the MCP2515.");
            }

            return timing;
        }

        private static void CheckIdentifier(uint value, bool extended, string name)
        {
            if (value > (extended ? CanFrame.MaxExtendedId : CanFrame.MaxStandardId))
            {
                throw new ArgumentOutOfRangeException(name, extended
                    ? "An extended identifier or mask has 29 bits (at most 0x1FFFFFFF)."
                    : "A standard identifier or mask has 11 bits (at most 0x7FF).");
            }
        }

        private static byte FilterAddress(int index)
        {
            // RXF0-RXF2 occupy 0x00-0x0B and RXF3-RXF5 0x10-0x1B (Table 11-1).
            return index < 3
                ? (byte)(Mcp2515Register.Rxf0Sidh + index * 4)
                : (byte)(Mcp2515Register.Rxf3Sidh + (index - 3) * 4);
        }

        private static byte TxControlAddress(int buffer)
        {
            return (byte)(Mcp2515Register.Txb0ctrl + buffer * Mcp2515Register.BufferStride);
        }
    }
}
