using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Hal;

namespace Controllers.Simulation.Chips;

/// <summary>
/// Register-level emulator of a Microchip MCP2515 CAN controller, driven through its SPI instruction set.
/// </summary>
/// <remarks>
/// Facts are from the MCP2515 datasheet (DS20001801): the 128-byte register map of Table 11-1 with CANSTAT
/// and CANCTRL mirrored at every address ending in 0xE and 0xF, the instructions of Table 12-1, and the
/// read-only, bit-modify and Configuration-mode-only rules of each register description. This file holds the
/// SPI side; Mcp2515EmulatorCan.cs holds the CAN side. The emulator does not model bit timing, arbitration
/// against other nodes, error frames, one-shot mode, Sleep wake-up or the RXnBF and TXnRTS pins.
/// </remarks>
public sealed partial class Mcp2515Emulator : ISpiBus
{
    /// <summary>Size of the register map.</summary>
    public const int RegisterCount = 128;

    private const byte CanstatResetValue = 0x80;
    private const byte CanctrlResetValue = 0x87;

    private readonly byte[] registers = new byte[RegisterCount];

    private bool selected;
    private int byteIndex;
    private byte instruction;
    private int address;
    private byte bitModifyMask;
    private int rxBufferBeingRead = -1;

    private Mcp2515Mode? pendingMode;
    private int pendingModeReads;

    /// <summary>Creates an emulator in its reset state (Configuration mode).</summary>
    public Mcp2515Emulator()
    {
        ResetRegisters();
    }

    /// <summary>
    /// CANSTAT reads that pass after a CANCTRL.REQOP change before CANSTAT.OPMOD shows the new mode; 0 applies
    /// it at once. A real chip waits, for example, for pending transmissions before it enters Configuration mode.
    /// </summary>
    public int ModeChangeDelayReads { get; set; }

    /// <summary>Current operation mode (CANSTAT.OPMOD).</summary>
    public Mcp2515Mode Mode => (Mcp2515Mode)(registers[Mcp2515Register.Canstat] >> 5);

    /// <summary>State of the active-low INT pin as a bool: true while an enabled CANINTF flag is set.</summary>
    public bool InterruptAsserted => (registers[Mcp2515Register.Caninte] & registers[Mcp2515Register.Canintf]) != 0;

    /// <summary>Returns register <paramref name="registerAddress"/> without SPI side effects.</summary>
    public byte Peek(int registerAddress)
    {
        int resolved = ResolveMirror(registerAddress & 0x7F);
        return resolved == Mcp2515Register.Canstat ? ReadCanstat(countRead: false) : registers[resolved];
    }

    /// <summary>Runs one full-duplex SPI transfer with chip select asserted for all <paramref name="length"/> bytes.</summary>
    public void Transfer(byte[] write, byte[]? read, int length)
    {
        Select();
        for (int i = 0; i < length; i++)
        {
            byte miso = Exchange(write[i]);
            if (read != null)
            {
                read[i] = miso;
            }
        }

        Deselect();
    }

    /// <summary>Asserts chip select (falling edge), which starts a new instruction.</summary>
    public void Select()
    {
        selected = true;
        byteIndex = 0;
        rxBufferBeingRead = -1;
    }

    /// <summary>Clocks one byte in on SI and returns the byte clocked out on SO.</summary>
    public byte Exchange(byte mosi)
    {
        if (!selected)
        {
            throw new InvalidOperationException("SPI byte clocked while chip select is released; call Select first.");
        }

        int index = byteIndex++;
        if (index == 0)
        {
            instruction = mosi;
            StartInstruction(mosi);
            return 0;
        }

        return ContinueInstruction(index, mosi);
    }

    /// <summary>
    /// Releases chip select (rising edge). After READ RX BUFFER this clears CANINTF.RXnIF of the buffer read.
    /// </summary>
    public void Deselect()
    {
        if (rxBufferBeingRead >= 0)
        {
            byte flag = rxBufferBeingRead == 0 ? Mcp2515Register.InterruptRx0 : Mcp2515Register.InterruptRx1;
            registers[Mcp2515Register.Canintf] &= (byte)~flag;
            rxBufferBeingRead = -1;
        }

        selected = false;
    }

    private void StartInstruction(byte code)
    {
        if (code == Mcp2515Instruction.Reset)
        {
            ResetRegisters();
        }
        else if ((code & 0xF9) == Mcp2515Instruction.ReadRxBuffer)
        {
            // 1001 0nm0: n picks RXB0 (0x61/0x66) or RXB1 (0x71/0x76), m picks SIDH or D0.
            int buffer = (code >> 2) & 1;
            bool fromData = (code & 0x02) != 0;
            address = (buffer == 0 ? Mcp2515Register.Rxb0ctrl : Mcp2515Register.Rxb1ctrl) + (fromData ? 6 : 1);
            rxBufferBeingRead = buffer;
        }
        else if ((code & 0xF8) == Mcp2515Instruction.LoadTxBuffer && (code & 0x07) <= 5)
        {
            // 0100 0abc: ab picks TXB0/1/2, c picks SIDH or D0.
            int buffer = (code >> 1) & 0x03;
            address = Mcp2515Register.Txb0ctrl + buffer * Mcp2515Register.BufferStride + ((code & 1) != 0 ? 6 : 1);
        }
        else if ((code & 0xF8) == Mcp2515Instruction.RequestToSend)
        {
            for (int buffer = 0; buffer < 3; buffer++)
            {
                if ((code & (1 << buffer)) != 0)
                {
                    int control = Mcp2515Register.Txb0ctrl + buffer * Mcp2515Register.BufferStride;
                    StoreRegister(control, Mcp2515Register.TxctrlTxreq, Mcp2515Register.TxctrlTxreq);
                }
            }
        }
    }

    private byte ContinueInstruction(int index, byte mosi)
    {
        switch (instruction)
        {
            case Mcp2515Instruction.Read:
                if (index == 1)
                {
                    address = mosi & 0x7F;
                    return 0;
                }

                return ReadAndAdvance();

            case Mcp2515Instruction.Write:
                if (index == 1)
                {
                    address = mosi & 0x7F;
                    return 0;
                }

                StoreRegister(address, mosi, 0xFF);
                address = (address + 1) & 0x7F;
                return 0;

            case Mcp2515Instruction.BitModify:
                if (index == 1)
                {
                    address = mosi & 0x7F;
                }
                else if (index == 2)
                {
                    bitModifyMask = mosi;
                }
                else if (index == 3)
                {
                    // On registers without bit-modify support the chip forces the mask to 0xFF (Section 12.10).
                    byte mask = IsBitModifiable(address) ? bitModifyMask : (byte)0xFF;
                    StoreRegister(address, mosi, mask);
                }

                return 0;

            case Mcp2515Instruction.ReadStatus:
                return ReadStatusByte();

            case Mcp2515Instruction.RxStatus:
                return RxStatusByte();
        }

        if ((instruction & 0xF9) == Mcp2515Instruction.ReadRxBuffer)
        {
            return ReadAndAdvance();
        }

        if ((instruction & 0xF8) == Mcp2515Instruction.LoadTxBuffer && (instruction & 0x07) <= 5)
        {
            StoreRegister(address, mosi, 0xFF);
            address = (address + 1) & 0x7F;
        }

        return 0;
    }

    private byte ReadAndAdvance()
    {
        int resolved = ResolveMirror(address);
        byte value = resolved == Mcp2515Register.Canstat ? ReadCanstat(countRead: true) : registers[resolved];
        address = (address + 1) & 0x7F;
        return value;
    }

    private void ResetRegisters()
    {
        Array.Clear(registers);
        registers[Mcp2515Register.Canstat] = CanstatResetValue;
        registers[Mcp2515Register.Canctrl] = CanctrlResetValue;
        pendingMode = null;
        pendingModeReads = 0;
        rxb1FromRollover = false;
        busOff = false;
    }

    private static int ResolveMirror(int registerAddress)
    {
        int low = registerAddress & 0x0F;
        if (low == 0x0E)
        {
            return Mcp2515Register.Canstat;
        }

        return low == 0x0F ? Mcp2515Register.Canctrl : registerAddress;
    }

    /// <summary>
    /// Writes <paramref name="value"/> into the bits of <paramref name="mask"/> that the MCU may write. Writes to
    /// Configuration-mode-only registers outside Configuration mode are ignored.
    /// </summary>
    private void StoreRegister(int registerAddress, byte value, byte mask)
    {
        int resolved = ResolveMirror(registerAddress & 0x7F);
        if (IsConfigurationOnly(resolved) && Mode != Mcp2515Mode.Configuration)
        {
            return;
        }

        byte writable = (byte)(WritableBits(resolved) & mask);
        byte previous = registers[resolved];
        registers[resolved] = (byte)((previous & ~writable) | (value & writable));
        AfterWrite(resolved, previous);
    }

    private void AfterWrite(int registerAddress, byte previous)
    {
        byte current = registers[registerAddress];
        if (registerAddress == Mcp2515Register.Canctrl)
        {
            if (((current ^ previous) & Mcp2515Register.CanctrlReqopMask) != 0)
            {
                RequestMode((Mcp2515Mode)(current >> 5));
            }

            if ((current & Mcp2515Register.CanctrlAbat) != 0)
            {
                AbortAllTransmissions();
            }
        }
        else if (registerAddress == Mcp2515Register.Rxb0ctrl)
        {
            // BUKT1 is a read-only copy of BUKT.
            bool bukt = (current & Mcp2515Register.Rxb0ctrlBukt) != 0;
            registers[registerAddress] = bukt
                ? (byte)(current | Mcp2515Register.Rxb0ctrlBukt1)
                : (byte)(current & ~Mcp2515Register.Rxb0ctrlBukt1);
        }
        else if (IsTxControl(registerAddress)
            && (current & Mcp2515Register.TxctrlTxreq) != 0
            && (previous & Mcp2515Register.TxctrlTxreq) == 0)
        {
            // Setting TXREQ clears ABTF, MLOA and TXERR (Register 3-1).
            registers[registerAddress] &= unchecked((byte)~(Mcp2515Register.TxctrlAbtf | Mcp2515Register.TxctrlMloa | Mcp2515Register.TxctrlTxerr));
            TransmitPending();
        }
    }

    private void RequestMode(Mcp2515Mode mode)
    {
        if (ModeChangeDelayReads <= 0)
        {
            EnterMode(mode);
            return;
        }

        pendingMode = mode;
        pendingModeReads = ModeChangeDelayReads;
    }

    private void EnterMode(Mcp2515Mode mode)
    {
        pendingMode = null;
        byte canstat = registers[Mcp2515Register.Canstat];
        registers[Mcp2515Register.Canstat] = (byte)((canstat & ~Mcp2515Register.CanstatOpmodMask) | ((int)mode << 5));
        TransmitPending();
    }

    private byte ReadCanstat(bool countRead)
    {
        if (countRead && pendingMode.HasValue && --pendingModeReads <= 0)
        {
            EnterMode(pendingMode.Value);
        }

        int opmod = registers[Mcp2515Register.Canstat] & Mcp2515Register.CanstatOpmodMask;
        return (byte)(opmod | (InterruptCode() << 1));
    }

    /// <summary>
    /// Returns CANSTAT.ICOD for the highest-priority enabled interrupt: 1 error, 2 wake-up, 3-5 TXB0-2, 6-7 RXB0-1
    /// (Register 10-2), or 0 when none is pending.
    /// </summary>
    private int InterruptCode()
    {
        int pending = registers[Mcp2515Register.Caninte] & registers[Mcp2515Register.Canintf];
        if ((pending & Mcp2515Register.InterruptError) != 0)
        {
            return 1;
        }

        if ((pending & Mcp2515Register.InterruptWake) != 0)
        {
            return 2;
        }

        for (int buffer = 0; buffer < 3; buffer++)
        {
            if ((pending & (Mcp2515Register.InterruptTx0 << buffer)) != 0)
            {
                return 3 + buffer;
            }
        }

        if ((pending & Mcp2515Register.InterruptRx0) != 0)
        {
            return 6;
        }

        return (pending & Mcp2515Register.InterruptRx1) != 0 ? 7 : 0;
    }

    private byte ReadStatusByte()
    {
        // READ STATUS bit layout (Figure 12-8): RX0IF, RX1IF, TXB0 TXREQ, TX0IF, TXB1 TXREQ, TX1IF, TXB2 TXREQ, TX2IF.
        int flags = registers[Mcp2515Register.Canintf];
        int status = flags & (Mcp2515Register.InterruptRx0 | Mcp2515Register.InterruptRx1);
        for (int buffer = 0; buffer < 3; buffer++)
        {
            int control = registers[Mcp2515Register.Txb0ctrl + buffer * Mcp2515Register.BufferStride];
            if ((control & Mcp2515Register.TxctrlTxreq) != 0)
            {
                status |= 0x04 << (buffer * 2);
            }

            if ((flags & (Mcp2515Register.InterruptTx0 << buffer)) != 0)
            {
                status |= 0x08 << (buffer * 2);
            }
        }

        return (byte)status;
    }

    private static bool IsTxControl(int registerAddress) =>
        registerAddress == 0x30 || registerAddress == 0x40 || registerAddress == 0x50;

    /// <summary>Registers that accept BIT MODIFY, shaded in Table 11-1.</summary>
    private static bool IsBitModifiable(int registerAddress)
    {
        int resolved = ResolveMirror(registerAddress);
        return resolved == Mcp2515Register.Bfpctrl
            || resolved == Mcp2515Register.Txrtsctrl
            || resolved == Mcp2515Register.Canctrl
            || (resolved >= Mcp2515Register.Cnf3 && resolved <= Mcp2515Register.Eflg)
            || IsTxControl(resolved)
            || resolved == Mcp2515Register.Rxb0ctrl
            || resolved == Mcp2515Register.Rxb1ctrl;
    }

    /// <summary>
    /// CNF1-3 (Section 5.5), filters and masks (Section 4.5.5) and TXRTSCTRL are writable only in Configuration mode.
    /// </summary>
    private static bool IsConfigurationOnly(int registerAddress) =>
        registerAddress <= 0x0B
        || registerAddress == Mcp2515Register.Txrtsctrl
        || (registerAddress >= 0x10 && registerAddress <= 0x1B)
        || (registerAddress >= 0x20 && registerAddress <= 0x27)
        || (registerAddress >= Mcp2515Register.Cnf3 && registerAddress <= Mcp2515Register.Cnf1);

    /// <summary>Bits the MCU may write in each register, from the R/W annotations of the register descriptions.</summary>
    private static byte WritableBits(int registerAddress)
    {
        int row = registerAddress & 0xF0;
        int column = registerAddress & 0x0F;
        switch (registerAddress)
        {
            case Mcp2515Register.Bfpctrl: return 0x3F;
            case Mcp2515Register.Txrtsctrl: return 0x07;
            case Mcp2515Register.Canctrl: return 0xFF;
            case Mcp2515Register.Canstat: return 0x00;
            case Mcp2515Register.Tec: return 0x00;
            case Mcp2515Register.Rec: return 0x00;
            case Mcp2515Register.Cnf3: return 0xC7;
            case Mcp2515Register.Cnf2: return 0xFF;
            case Mcp2515Register.Cnf1: return 0xFF;
            case Mcp2515Register.Caninte: return 0xFF;
            case Mcp2515Register.Canintf: return 0xFF;
            case Mcp2515Register.Eflg: return Mcp2515Register.EflgRx0Ovr | Mcp2515Register.EflgRx1Ovr;
            case Mcp2515Register.Rxb0ctrl: return Mcp2515Register.RxctrlRxmMask | Mcp2515Register.Rxb0ctrlBukt;
            case Mcp2515Register.Rxb1ctrl: return Mcp2515Register.RxctrlRxmMask;
        }

        if (row == 0x00 || row == 0x10)
        {
            // Filters: SIDL has SID2:0, EXIDE and EID17:16 (Register 4-11).
            return (column & 3) == 1 ? (byte)0xEB : (byte)0xFF;
        }

        if (row == 0x20)
        {
            // Masks: SIDL has SID2:0 and EID17:16 (Register 4-15).
            return (column & 3) == 1 ? (byte)0xE3 : (byte)0xFF;
        }

        if (row == 0x30 || row == 0x40 || row == 0x50)
        {
            return column switch
            {
                0 => Mcp2515Register.TxctrlTxreq | Mcp2515Register.TxctrlTxpMask,
                2 => 0xEB,
                5 => Mcp2515Register.DlcRtr | Mcp2515Register.DlcMask,
                _ => 0xFF,
            };
        }

        // RX buffers hold only what the chip received.
        return 0x00;
    }
}
