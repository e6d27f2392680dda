using System;
using Controllers.Firmware.Common.Can;

namespace Controllers.Simulation.Chips;

/// <summary>CAN side of the emulator: transmission, acceptance filtering and error counters.</summary>
public sealed partial class Mcp2515Emulator
{
    private readonly CanFrame transmitFrame = new();
    private bool transmitting;
    private bool rxb1FromRollover;
    private bool busOff;

    /// <summary>
    /// Receives each frame sent in Normal mode, as the bus would. The frame object is reused, so a handler
    /// copies what it keeps. In Loopback mode frames go to the emulator's own RX buffers instead.
    /// </summary>
    public Action<CanFrame>? Bus { get; set; }

    /// <summary>
    /// While true, requested transmissions stay pending (TXREQ set), as if the bus were busy. Setting it back to
    /// false sends them in priority order.
    /// </summary>
    public bool HoldTransmissions
    {
        get => holdTransmissions;
        set
        {
            holdTransmissions = value;
            TransmitPending();
        }
    }

    private bool holdTransmissions;

    /// <summary>True while EFLG.TXBO is set.</summary>
    public bool IsBusOff => (registers[Mcp2515Register.Eflg] & Mcp2515Register.EflgTxbo) != 0;

    /// <summary>
    /// Delivers a frame seen on the bus. It is received in Normal and Listen-only mode only, and not while
    /// bus-off. Returns true when the frame was stored in RXB0 or RXB1, and false when it was filtered out,
    /// lost to an overflow (EFLG.RXnOVR) or ignored in the current mode.
    /// </summary>
    public bool ReceiveFromBus(CanFrame frame)
    {
        Mcp2515Mode mode = Mode;
        if ((mode != Mcp2515Mode.Normal && mode != Mcp2515Mode.ListenOnly) || IsBusOff)
        {
            return false;
        }

        return Accept(frame);
    }

    /// <summary>
    /// Sets TEC and REC, as a test hook for error states, and updates EFLG: warning when a counter reaches 96,
    /// error-passive when it exceeds 127 (datasheet Section 7.6). ERRIF is set when an EFLG error-state bit
    /// changes. Bus-off needs TEC above 255, which the 8-bit register cannot hold, so use <see cref="EnterBusOff"/>.
    /// </summary>
    public void SetErrorCounters(int transmitErrors, int receiveErrors)
    {
        if (transmitErrors < 0 || transmitErrors > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(transmitErrors), transmitErrors, "TEC is 0 to 255.");
        }

        if (receiveErrors < 0 || receiveErrors > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(receiveErrors), receiveErrors, "REC is 0 to 255.");
        }

        registers[Mcp2515Register.Tec] = (byte)transmitErrors;
        registers[Mcp2515Register.Rec] = (byte)receiveErrors;
        busOff = false;
        UpdateErrorFlags();
    }

    /// <summary>
    /// Puts the chip in bus-off, as after TEC exceeded 255 (Section 7.6.6): sets EFLG.TXBO and stops
    /// transmission until <see cref="CompleteBusOffRecovery"/> or RESET.
    /// </summary>
    /// <remarks>NOTE: TEC then reads 255 here; the datasheet does not say what TEC reads in bus-off.</remarks>
    public void EnterBusOff()
    {
        registers[Mcp2515Register.Tec] = 255;
        busOff = true;
        UpdateErrorFlags();
    }

    /// <summary>
    /// Models the 128 occurrences of 11 consecutive recessive bits after which a bus-off node returns to
    /// error-active (Figure 6-1): clears TEC, REC and the error-state bits of EFLG, then sends pending frames.
    /// </summary>
    public void CompleteBusOffRecovery()
    {
        if (!IsBusOff)
        {
            return;
        }

        registers[Mcp2515Register.Tec] = 0;
        registers[Mcp2515Register.Rec] = 0;
        busOff = false;
        UpdateErrorFlags();
        TransmitPending();
    }

    private void UpdateErrorFlags()
    {
        int tec = registers[Mcp2515Register.Tec];
        int rec = registers[Mcp2515Register.Rec];
        int state = 0;
        if (tec >= 96)
        {
            state |= Mcp2515Register.EflgTxwar;
        }

        if (rec >= 96)
        {
            state |= Mcp2515Register.EflgRxwar;
        }

        if (state != 0)
        {
            state |= Mcp2515Register.EflgEwarn;
        }

        if (tec >= 128)
        {
            state |= Mcp2515Register.EflgTxep;
        }

        if (rec >= 128)
        {
            state |= Mcp2515Register.EflgRxep;
        }

        if (busOff)
        {
            state |= Mcp2515Register.EflgTxbo;
        }

        const int overflowBits = Mcp2515Register.EflgRx0Ovr | Mcp2515Register.EflgRx1Ovr;
        int previous = registers[Mcp2515Register.Eflg];
        registers[Mcp2515Register.Eflg] = (byte)((previous & overflowBits) | state);
        if ((previous & ~overflowBits) != state)
        {
            registers[Mcp2515Register.Canintf] |= Mcp2515Register.InterruptError;
        }
    }

    private void AbortAllTransmissions()
    {
        for (int buffer = 0; buffer < 3; buffer++)
        {
            int control = Mcp2515Register.Txb0ctrl + buffer * Mcp2515Register.BufferStride;
            if ((registers[control] & Mcp2515Register.TxctrlTxreq) != 0)
            {
                registers[control] = (byte)((registers[control] & ~Mcp2515Register.TxctrlTxreq) | Mcp2515Register.TxctrlAbtf);
            }
        }
    }

    /// <summary>
    /// Sends every pending TX buffer, highest TXP first and, at equal TXP, highest buffer number first
    /// (Section 3.2). Each sent buffer gets TXREQ cleared and TXnIF set.
    /// </summary>
    private void TransmitPending()
    {
        Mcp2515Mode mode = Mode;
        if (transmitting || holdTransmissions || IsBusOff || (mode != Mcp2515Mode.Normal && mode != Mcp2515Mode.Loopback))
        {
            return;
        }

        transmitting = true;
        try
        {
            int buffer;
            while ((buffer = NextPendingBuffer()) >= 0)
            {
                int control = Mcp2515Register.Txb0ctrl + buffer * Mcp2515Register.BufferStride;
                ReadTransmitBuffer(control, transmitFrame);
                registers[control] &= unchecked((byte)~Mcp2515Register.TxctrlTxreq);
                registers[Mcp2515Register.Canintf] |= (byte)(Mcp2515Register.InterruptTx0 << buffer);

                if (Mode == Mcp2515Mode.Loopback)
                {
                    Accept(transmitFrame);
                }
                else
                {
                    Bus?.Invoke(transmitFrame);
                }
            }
        }
        finally
        {
            transmitting = false;
        }
    }

    private int NextPendingBuffer()
    {
        int best = -1;
        int bestPriority = -1;
        for (int buffer = 2; buffer >= 0; buffer--)
        {
            byte control = registers[Mcp2515Register.Txb0ctrl + buffer * Mcp2515Register.BufferStride];
            int priority = control & Mcp2515Register.TxctrlTxpMask;
            if ((control & Mcp2515Register.TxctrlTxreq) != 0 && priority > bestPriority)
            {
                best = buffer;
                bestPriority = priority;
            }
        }

        return best;
    }

    private void ReadTransmitBuffer(int control, CanFrame frame)
    {
        int sidh = registers[control + 1];
        int sidl = registers[control + 2];
        int dlc = registers[control + 5];
        bool extended = (sidl & Mcp2515Register.SidlExide) != 0;
        uint id = extended
            ? ((uint)sidh << 21) | ((uint)(sidl >> 5) << 18) | ((uint)(sidl & 0x03) << 16)
                | ((uint)registers[control + 3] << 8) | registers[control + 4]
            : ((uint)sidh << 3) | (uint)(sidl >> 5);

        frame.SetId(id, extended);
        frame.IsRemote = (dlc & Mcp2515Register.DlcRtr) != 0;
        frame.Length = Math.Min(dlc & Mcp2515Register.DlcMask, 8);
        Array.Copy(registers, control + 6, frame.Data, 0, 8);
    }

    /// <summary>
    /// Applies the receive flow of Figure 4-2 (datasheet Section 4): RXB0's masks and filters first, with
    /// rollover into RXB1 when RXB0 is full and BUKT is set, then RXB1's.
    /// </summary>
    private bool Accept(CanFrame frame)
    {
        byte flags = registers[Mcp2515Register.Canintf];
        bool rxb0Full = (flags & Mcp2515Register.InterruptRx0) != 0;
        bool rxb1Full = (flags & Mcp2515Register.InterruptRx1) != 0;

        int filter = MatchReceiveBuffer0(frame);
        if (filter >= 0)
        {
            if (!rxb0Full)
            {
                Store(0, frame, filter, rolledOver: false);
                return true;
            }

            if ((registers[Mcp2515Register.Rxb0ctrl] & Mcp2515Register.Rxb0ctrlBukt) == 0)
            {
                SetOverflow(Mcp2515Register.EflgRx0Ovr);
                return false;
            }

            if (!rxb1Full)
            {
                // After a rollover RXB0CTRL.FILHIT0 shows the filter of the rolled-over frame (Register 4-1, note 1).
                Store(1, frame, filter, rolledOver: true);
                byte rxb0Control = registers[Mcp2515Register.Rxb0ctrl];
                registers[Mcp2515Register.Rxb0ctrl] = (byte)((rxb0Control & ~Mcp2515Register.Rxb0ctrlFilhit) | filter);
                return true;
            }

            SetOverflow(Mcp2515Register.EflgRx1Ovr);
            return false;
        }

        filter = MatchReceiveBuffer1(frame);
        if (filter < 0)
        {
            return false;
        }

        if (rxb1Full)
        {
            SetOverflow(Mcp2515Register.EflgRx1Ovr);
            return false;
        }

        Store(1, frame, filter, rolledOver: false);
        return true;
    }

    private void SetOverflow(byte overflowBit)
    {
        registers[Mcp2515Register.Eflg] |= overflowBit;
        registers[Mcp2515Register.Canintf] |= Mcp2515Register.InterruptError;
    }

    private int MatchReceiveBuffer0(CanFrame frame)
    {
        if ((registers[Mcp2515Register.Rxb0ctrl] & Mcp2515Register.RxctrlRxmMask) == Mcp2515Register.RxctrlRxmAny)
        {
            return 0;
        }

        for (int filter = 0; filter < 2; filter++)
        {
            if (Matches(filter * 4, Mcp2515Register.Rxm0Sidh, frame))
            {
                return filter;
            }
        }

        return -1;
    }

    private int MatchReceiveBuffer1(CanFrame frame)
    {
        if ((registers[Mcp2515Register.Rxb1ctrl] & Mcp2515Register.RxctrlRxmMask) == Mcp2515Register.RxctrlRxmAny)
        {
            return 2;
        }

        for (int filter = 2; filter < 6; filter++)
        {
            int filterAddress = filter == 2 ? 0x08 : 0x10 + (filter - 3) * 4;
            if (Matches(filterAddress, Mcp2515Register.Rxm0Sidh + 4, frame))
            {
                return filter;
            }
        }

        return -1;
    }

    /// <summary>
    /// Compares a frame with one filter under one mask (Section 4.5). A filter matches only frames whose format
    /// equals its EXIDE bit. On a standard frame the EID8 and EID0 bits compare data bytes 0 and 1.
    /// </summary>
    /// <remarks>
    /// NOTE: the EXIDE comparison is applied even under an all-zero mask, as the filter register description
    /// states; whether silicon does the same under a zero mask is not verified here.
    /// </remarks>
    private bool Matches(int filterAddress, int maskAddress, CanFrame frame)
    {
        bool filterExtended = (registers[filterAddress + 1] & Mcp2515Register.SidlExide) != 0;
        if (filterExtended != frame.IsExtended)
        {
            return false;
        }

        uint id = frame.Id;
        byte sidh;
        byte sidl;
        byte eid8;
        byte eid0;
        byte sidlBits;
        if (frame.IsExtended)
        {
            sidh = (byte)(id >> 21);
            sidl = (byte)((((id >> 18) & 0x07) << 5) | ((id >> 16) & 0x03));
            eid8 = (byte)(id >> 8);
            eid0 = (byte)id;
            sidlBits = 0xE3;
        }
        else
        {
            sidh = (byte)(id >> 3);
            sidl = (byte)((id & 0x07) << 5);
            eid8 = frame.Length > 0 && !frame.IsRemote ? frame.Data[0] : (byte)0;
            eid0 = frame.Length > 1 && !frame.IsRemote ? frame.Data[1] : (byte)0;
            sidlBits = 0xE0;
        }

        return ((sidh ^ registers[filterAddress]) & registers[maskAddress]) == 0
            && ((sidl ^ registers[filterAddress + 1]) & registers[maskAddress + 1] & sidlBits) == 0
            && ((eid8 ^ registers[filterAddress + 2]) & registers[maskAddress + 2]) == 0
            && ((eid0 ^ registers[filterAddress + 3]) & registers[maskAddress + 3]) == 0;
    }

    private void Store(int buffer, CanFrame frame, int filter, bool rolledOver)
    {
        int control = buffer == 0 ? Mcp2515Register.Rxb0ctrl : Mcp2515Register.Rxb1ctrl;
        uint id = frame.Id;
        if (frame.IsExtended)
        {
            registers[control + 1] = (byte)(id >> 21);
            registers[control + 2] = (byte)((((id >> 18) & 0x07) << 5) | Mcp2515Register.SidlExide | ((id >> 16) & 0x03));
            registers[control + 3] = (byte)(id >> 8);
            registers[control + 4] = (byte)id;
            registers[control + 5] = (byte)((frame.IsRemote ? Mcp2515Register.DlcRtr : 0) | frame.Length);
        }
        else
        {
            registers[control + 1] = (byte)(id >> 3);
            registers[control + 2] = (byte)(((id & 0x07) << 5) | (frame.IsRemote ? (uint)Mcp2515Register.SidlSrr : 0u));
            registers[control + 3] = 0;
            registers[control + 4] = 0;
            registers[control + 5] = (byte)frame.Length;
        }

        for (int i = 0; i < 8; i++)
        {
            registers[control + 6 + i] = i < frame.Length && !frame.IsRemote ? frame.Data[i] : (byte)0;
        }

        // RXB0CTRL keeps RXM, BUKT and BUKT1; RXB1CTRL keeps RXM. RXRTR and FILHIT are set here.
        int preservedBits = registers[control] & (buffer == 0 ? 0x66 : 0x60);
        int filterHit = buffer == 0 ? filter & 0x01 : filter & 0x07;
        registers[control] = (byte)(preservedBits | (frame.IsRemote ? Mcp2515Register.RxctrlRxrtr : 0) | filterHit);
        if (buffer == 1)
        {
            rxb1FromRollover = rolledOver;
        }

        registers[Mcp2515Register.Canintf] |= buffer == 0 ? Mcp2515Register.InterruptRx0 : Mcp2515Register.InterruptRx1;
    }

    /// <summary>
    /// Returns the RX STATUS byte (Figure 12-9): bits 7-6 which buffers are full, bits 4-3 extended and remote,
    /// bits 2-0 the filter (6 and 7 are RXF0 and RXF1 rolled over into RXB1).
    /// </summary>
    /// <remarks>With both buffers full, bits 4-0 describe RXB0, which has the higher priority (Figure 12-9).</remarks>
    private byte RxStatusByte()
    {
        byte flags = registers[Mcp2515Register.Canintf];
        bool rxb0Full = (flags & Mcp2515Register.InterruptRx0) != 0;
        bool rxb1Full = (flags & Mcp2515Register.InterruptRx1) != 0;
        if (!rxb0Full && !rxb1Full)
        {
            return 0;
        }

        int status = (rxb0Full ? 0x40 : 0) | (rxb1Full ? 0x80 : 0);
        int control = rxb0Full ? Mcp2515Register.Rxb0ctrl : Mcp2515Register.Rxb1ctrl;
        if ((registers[control + 2] & Mcp2515Register.SidlExide) != 0)
        {
            status |= 0x10;
        }

        if ((registers[control] & Mcp2515Register.RxctrlRxrtr) != 0)
        {
            status |= 0x08;
        }

        int filter = rxb0Full
            ? registers[control] & Mcp2515Register.Rxb0ctrlFilhit
            : registers[control] & Mcp2515Register.Rxb1ctrlFilhitMask;
        if (!rxb0Full && rxb1FromRollover)
        {
            filter += 6;
        }

        return (byte)(status | filter);
    }
}
