using System;

namespace Controllers.Simulation.Chips;

/// <summary>
/// One emulated LTC6813-1: its register groups, conversions, discharge switches, discharge timer, watchdog
/// and isoSPI port state. <see cref="Ltc6813Emulator"/> routes the SPI bytes to it.
/// </summary>
public sealed class Ltc6813EmulatorDevice
{
    /// <summary>Cells per device.</summary>
    public const int CellCount = 18;

    /// <summary>GPIO pins per device.</summary>
    public const int GpioCount = 9;

    /// <summary>Open-wire test current of ADOW, 100 µA (LTC6812-1 datasheet Rev. A, "Open Wire Check").</summary>
    public const double OpenWireCurrentAmperes = 100e-6;

    /// <summary>Largest offset error given to a channel; with the gain error it stays inside the 2.2 mV total measurement error.</summary>
    public const double MaxOffsetErrorVolts = 0.0010;

    /// <summary>Largest gain error given to a channel (0.02 %, 1 mV at the 5 V full scale).</summary>
    public const double MaxGainError = 0.0002;

    private const double VoltsPerCode = 0.0001;

    // DCTO code to minutes (LTC6804-1 datasheet Table 46, same on the LTC6813-1).
    private static readonly double[] DischargeTimeoutMinutes = { 0, 0.5, 1, 2, 3, 4, 5, 10, 15, 20, 30, 40, 60, 75, 90, 120 };

    // Conversion times in µs by MD (0..3) for ADCOPT 0 and 1: all cells, one group, all auxiliary, all status.
    // ADCOPT 0: MD 00 = 422 Hz, 01 = 27 kHz, 10 = 7 kHz, 11 = 26 Hz. ADCOPT 1: 1 kHz, 14 kHz, 3 kHz, 2 kHz.
    private static readonly long[][] AllCellsMicroseconds = { new long[] { 12807, 1113, 2335, 201317 }, new long[] { 7212, 1288, 3033, 4430 } };
    private static readonly long[][] OneGroupMicroseconds = { new long[] { 2347, 201, 405, 33568 }, new long[] { 1295, 230, 521, 754 } };
    private static readonly long[][] AllAuxiliaryMicroseconds = { new long[] { 21336, 1825, 3862, 335498 }, new long[] { 11989, 2116, 5025, 7353 } };
    private static readonly long[][] AllStatusMicroseconds = { new long[] { 8537, 748, 1563, 134218 }, new long[] { 4801, 865, 2028, 2959 } };

    private readonly Ltc6813Emulator owner;
    private readonly int index;
    private readonly byte[] configurationA = new byte[6];
    private readonly byte[] configurationB = new byte[6];
    private readonly ushort[] cellCodes = new ushort[CellCount];
    private readonly ushort[] gpioCodes = new ushort[GpioCount];
    private readonly bool[] undervoltage = new bool[CellCount];
    private readonly bool[] overvoltage = new bool[CellCount];
    private readonly double[] cellGainErrors = new double[CellCount];
    private readonly double[] cellOffsetErrors = new double[CellCount];
    private readonly double[] gpioGainErrors = new double[GpioCount + 1];
    private readonly double[] gpioOffsetErrors = new double[GpioCount + 1];
    private readonly double?[] floatingPinVolts = new double?[CellCount + 1];
    private readonly ushort[] pendingCodes = new ushort[CellCount + GpioCount + 1];
    private readonly bool[] pendingMask = new bool[CellCount + GpioCount + 1];

    private ushort referenceCode;
    private ushort sumOfCellsCode;
    private ushort dieTemperatureCode;
    private ushort analogSupplyCode;
    private ushort digitalSupplyCode;
    private bool statusFlagsCleared;
    private bool muted;

    private PendingKind pendingKind;
    private long conversionEndMicroseconds;
    private bool conversionBlocksDischarge;
    private ushort[] pendingStatus = new ushort[4];
    private bool[] pendingStatusMask = new bool[4];

    private long dischargeTimerStartMicroseconds;
    private long dischargeTimeoutMicroseconds;

    private long lastValidCommandMicroseconds;
    private long lastPortActivityMicroseconds;
    private long wakeReadyMicroseconds;
    private bool asleep = true;

    private enum PendingKind
    {
        None,
        Cells,
        Auxiliary,
        Status,
    }

    internal Ltc6813EmulatorDevice(Ltc6813Emulator owner, int index, Random random)
    {
        this.owner = owner;
        this.index = index;
        for (int i = 0; i < CellCount; i++)
        {
            cellGainErrors[i] = (random.NextDouble() * 2 - 1) * MaxGainError;
            cellOffsetErrors[i] = (random.NextDouble() * 2 - 1) * MaxOffsetErrorVolts;
        }

        for (int i = 0; i <= GpioCount; i++)
        {
            gpioGainErrors[i] = (random.NextDouble() * 2 - 1) * MaxGainError;
            gpioOffsetErrors[i] = (random.NextDouble() * 2 - 1) * MaxOffsetErrorVolts;
        }

        ResetConfiguration(keepDischarge: false);
        Array.Fill(cellCodes, (ushort)0xFFFF);
        Array.Fill(gpioCodes, (ushort)0xFFFF);
        referenceCode = 0xFFFF;
        ClearStatusRegisters();
        wakeReadyMicroseconds = long.MaxValue;
    }

    /// <summary>Position in the chain, 0 next to the host.</summary>
    public int Index => index;

    /// <summary>True while the core sleeps: after the watchdog timeout and before a wake-up pulse plus tWAKE.</summary>
    public bool IsAsleep
    {
        get
        {
            Update(owner.Clock.NowMicroseconds);
            return asleep;
        }
    }

    /// <summary>True when the discharge switch of <paramref name="cell"/> (1–18) conducts: its DCC bit is set, MUTE is off and no conversion with DCP 0 runs.</summary>
    public bool IsDischarging(int cell)
    {
        RequireCell(cell);
        Update(owner.Clock.NowMicroseconds);
        bool conversionPause = conversionBlocksDischarge && pendingKind == PendingKind.Cells
            && owner.Clock.NowMicroseconds < conversionEndMicroseconds;
        return IsDccSet(cell) && !muted && !conversionPause;
    }

    /// <summary>True while MUTE keeps every discharge switch open.</summary>
    public bool IsMuted => muted;

    /// <summary>Copy of configuration register group A as stored in the chip, with the written DCTO code.</summary>
    public byte[] ConfigurationA
    {
        get
        {
            Update(owner.Clock.NowMicroseconds);
            return (byte[])configurationA.Clone();
        }
    }

    /// <summary>Copy of configuration register group B.</summary>
    public byte[] ConfigurationB
    {
        get
        {
            Update(owner.Clock.NowMicroseconds);
            return (byte[])configurationB.Clone();
        }
    }

    /// <summary>Cell register code of <paramref name="cell"/> (1–18), 0xFFFF when cleared.</summary>
    public int CellCode(int cell)
    {
        RequireCell(cell);
        Update(owner.Clock.NowMicroseconds);
        return cellCodes[cell - 1];
    }

    /// <summary>Gain error given to cell channel <paramref name="cell"/> (1–18) by the seeded generator.</summary>
    public double CellGainError(int cell)
    {
        RequireCell(cell);
        return cellGainErrors[cell - 1];
    }

    /// <summary>Offset error in volts given to cell channel <paramref name="cell"/> (1–18).</summary>
    public double CellOffsetErrorVolts(int cell)
    {
        RequireCell(cell);
        return cellOffsetErrors[cell - 1];
    }

    /// <summary>Discharge timer time left in microseconds, 0 when disabled or expired.</summary>
    public long DischargeTimeLeftMicroseconds
    {
        get
        {
            long now = owner.Clock.NowMicroseconds;
            Update(now);
            return dischargeTimeoutMicroseconds == 0 ? 0 : Math.Max(0, dischargeTimerStartMicroseconds + dischargeTimeoutMicroseconds - now);
        }
    }

    internal bool IsConverting(long now)
    {
        Update(now);
        return pendingKind != PendingKind.None;
    }

    /// <summary>True when the core can execute commands at <paramref name="now"/>.</summary>
    internal bool IsReady(long now)
    {
        Update(now);
        return !asleep && now >= wakeReadyMicroseconds;
    }

    /// <summary>
    /// Registers isoSPI activity at <paramref name="now"/>. Returns false when the port was idle or the core
    /// asleep: the activity then only wakes the device, and nothing of the transfer passes it.
    /// </summary>
    internal bool ReceiveActivity(long now)
    {
        Update(now);
        bool portIdle = now - lastPortActivityMicroseconds > owner.IsoSpiIdleMicroseconds;
        lastPortActivityMicroseconds = now;
        if (asleep)
        {
            asleep = false;
            wakeReadyMicroseconds = now + owner.WakeUpMicroseconds;
            lastValidCommandMicroseconds = now;
            owner.CountWakeUp();
            return false;
        }

        return !portIdle;
    }

    /// <summary>Records a command whose PEC matched; it restarts the watchdog.</summary>
    internal void AcceptCommand(long now)
    {
        lastValidCommandMicroseconds = now;
    }

    /// <summary>Writes configuration group A or B from a received group whose PEC was checked.</summary>
    internal void WriteConfiguration(bool groupA, byte[] data, int offset, long now)
    {
        if (groupA)
        {
            Array.Copy(data, offset, configurationA, 0, 6);

            // Writing DCTO other than 0 (re)starts the discharge timer; 0 disables it.
            int code = configurationA[5] >> 4;
            dischargeTimeoutMicroseconds = (long)(DischargeTimeoutMinutes[code] * 60_000_000);
            dischargeTimerStartMicroseconds = now;
        }
        else
        {
            // MUTE (CFGBR1 bit 7) is read only.
            configurationB[0] = data[offset];
            configurationB[1] = (byte)(data[offset + 1] & 0x7F);
            Array.Copy(data, offset + 2, configurationB, 2, 4);
        }
    }

    /// <summary>Fills six bytes with the register group that read command <paramref name="command"/> returns.</summary>
    internal bool TryReadGroup(int command, byte[] target, int offset, long now)
    {
        Update(now);
        switch (command)
        {
            case 0x002:
                ReadConfigurationA(target, offset, now);
                return true;
            case 0x026:
                Array.Copy(configurationB, 0, target, offset, 6);
                target[offset + 1] = (byte)((configurationB[1] & 0x7F) | (muted ? 0x80 : 0));
                return true;
            case 0x004: WriteWords(target, offset, cellCodes[0], cellCodes[1], cellCodes[2]); return true;
            case 0x006: WriteWords(target, offset, cellCodes[3], cellCodes[4], cellCodes[5]); return true;
            case 0x008: WriteWords(target, offset, cellCodes[6], cellCodes[7], cellCodes[8]); return true;
            case 0x00A: WriteWords(target, offset, cellCodes[9], cellCodes[10], cellCodes[11]); return true;
            case 0x009: WriteWords(target, offset, cellCodes[12], cellCodes[13], cellCodes[14]); return true;
            case 0x00B: WriteWords(target, offset, cellCodes[15], cellCodes[16], cellCodes[17]); return true;
            case 0x00C: WriteWords(target, offset, gpioCodes[0], gpioCodes[1], gpioCodes[2]); return true;
            case 0x00E: WriteWords(target, offset, gpioCodes[3], gpioCodes[4], referenceCode); return true;
            case 0x00D: WriteWords(target, offset, gpioCodes[5], gpioCodes[6], gpioCodes[7]); return true;
            case 0x00F:
                // NOTE: AVDR2 and AVDR3 are modelled as reserved bytes reading 0xFF.
                WriteWords(target, offset, gpioCodes[8], 0xFFFF, 0);
                target[offset + 4] = FlagByte(12);
                target[offset + 5] = (byte)(FlagByte(16) & 0x0F);
                return true;
            case 0x010: WriteWords(target, offset, sumOfCellsCode, dieTemperatureCode, analogSupplyCode); return true;
            case 0x012:
                WriteWords(target, offset, digitalSupplyCode, 0, 0);
                target[offset + 2] = FlagByte(0);
                target[offset + 3] = FlagByte(4);
                target[offset + 4] = FlagByte(8);
                target[offset + 5] = (byte)((owner.RevisionCode << 4) | (statusFlagsCleared ? 0x03 : 0x00));
                return true;
            default:
                return false;
        }
    }

    /// <summary>Executes a command without data; returns false for a code the emulator does not implement.</summary>
    internal bool Execute(int command, long now)
    {
        Update(now);
        int modeBits = (command >> 7) & 0x03;
        bool adcOption = (configurationA[0] & 0x01) != 0;
        int optionIndex = adcOption ? 1 : 0;

        if ((command & 0x668) == 0x260)
        {
            // ADCV: 01MD 11DCP 0CH.
            int selection = command & 0x07;
            if (selection > 6)
            {
                return false;
            }

            long duration = selection == 0 ? AllCellsMicroseconds[optionIndex][modeBits] : OneGroupMicroseconds[optionIndex][modeBits];
            StartCellConversion(selection, (command & 0x10) != 0, openWire: false, pullUp: false, duration, now);
            return true;
        }

        if ((command & 0x628) == 0x228)
        {
            // ADOW: 01MD PUP1 DCP1 CH.
            int selection = command & 0x07;
            if (selection > 6)
            {
                return false;
            }

            long duration = selection == 0 ? AllCellsMicroseconds[optionIndex][modeBits] : OneGroupMicroseconds[optionIndex][modeBits];
            StartCellConversion(selection, (command & 0x10) != 0, openWire: true, pullUp: (command & 0x40) != 0, duration, now);
            return true;
        }

        if ((command & 0x678) == 0x460 && (command & 0x07) <= 6)
        {
            // ADAX: 10MD 1100 CHG.
            int selection = command & 0x07;
            long duration = selection == 0 ? AllAuxiliaryMicroseconds[optionIndex][modeBits] : OneGroupMicroseconds[optionIndex][modeBits];
            StartAuxiliaryConversion(selection, duration, now);
            return true;
        }

        if ((command & 0x678) == 0x468 && (command & 0x07) <= 4)
        {
            // ADSTAT: 10MD 1101 CHST.
            int selection = command & 0x07;
            long duration = selection == 0 ? AllStatusMicroseconds[optionIndex][modeBits] : OneGroupMicroseconds[optionIndex][modeBits];
            StartStatusConversion(selection, duration, now);
            return true;
        }

        switch (command)
        {
            case 0x711:
                Array.Fill(cellCodes, (ushort)0xFFFF);
                return true;
            case 0x712:
                Array.Fill(gpioCodes, (ushort)0xFFFF);
                referenceCode = 0xFFFF;
                return true;
            case 0x713:
                ClearStatusRegisters();
                return true;
            case 0x714:
                return true;
            case 0x028:
                muted = true;
                return true;
            case 0x029:
                muted = false;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Brings timers up to <paramref name="now"/>: conversion completion, discharge timeout and watchdog.</summary>
    internal void Update(long now)
    {
        if (pendingKind != PendingKind.None && now >= conversionEndMicroseconds)
        {
            CommitConversion();
        }

        if (dischargeTimeoutMicroseconds > 0 && now >= dischargeTimerStartMicroseconds + dischargeTimeoutMicroseconds
            && owner.DischargeTimerEnablePin)
        {
            ClearDischargeBits();
            configurationA[5] &= 0x0F;
            dischargeTimeoutMicroseconds = 0;
        }

        if (!asleep && now - lastValidCommandMicroseconds >= owner.WatchdogMicroseconds)
        {
            GoToSleep();
        }
    }

    private void GoToSleep()
    {
        asleep = true;
        wakeReadyMicroseconds = long.MaxValue;

        // A running discharge timer (DTEN pin high, DCTO not 0) keeps DCC and DCTO through the watchdog reset.
        bool timerRunning = owner.DischargeTimerEnablePin && dischargeTimeoutMicroseconds > 0;
        ResetConfiguration(keepDischarge: timerRunning);
        pendingKind = PendingKind.None;
        owner.CountWatchdogReset();
    }

    private void ResetConfiguration(bool keepDischarge)
    {
        byte dischargeA4 = configurationA[4];
        byte dischargeA5 = configurationA[5];
        byte dischargeB0 = (byte)(configurationB[0] & 0xF0);
        byte dischargeB1 = (byte)(configurationB[1] & 0x07);

        Array.Clear(configurationA);
        Array.Clear(configurationB);
        configurationA[0] = 0xF8;
        configurationB[0] = 0x0F;
        muted = false;

        if (keepDischarge)
        {
            configurationA[4] = dischargeA4;
            configurationA[5] = dischargeA5;
            configurationB[0] |= dischargeB0;
            configurationB[1] |= dischargeB1;
        }
        else
        {
            dischargeTimeoutMicroseconds = 0;
        }
    }

    private void ReadConfigurationA(byte[] target, int offset, long now)
    {
        Array.Copy(configurationA, 0, target, offset, 6);

        // Bit 1 reads the DTEN pin; the DCTO field reads the time left (LTC6804-1 datasheet Table 46).
        target[offset] = (byte)((configurationA[0] & 0xFD) | (owner.DischargeTimerEnablePin ? 0x02 : 0));
        int timeLeftCode = 0;
        if (dischargeTimeoutMicroseconds > 0)
        {
            double minutesLeft = (dischargeTimerStartMicroseconds + dischargeTimeoutMicroseconds - now) / 60_000_000.0;
            timeLeftCode = 1;
            while (timeLeftCode < 15 && minutesLeft > DischargeTimeoutMinutes[timeLeftCode])
            {
                timeLeftCode++;
            }
        }

        target[offset + 5] = (byte)((configurationA[5] & 0x0F) | (timeLeftCode << 4));
    }

    private void StartCellConversion(int selection, bool dischargePermitted, bool openWire, bool pullUp, long duration, long now)
    {
        double[] pins = PinVolts();
        if (openWire)
        {
            // The floating pin of an open wire moves by I × t / C during the conversion. Each pin carries the
            // current for about a third of the conversion, because two of the six cells of its ADC use it.
            double step = OpenWireCurrentAmperes * (duration * 1e-6 / 3) / owner.SenseFilterCapacitanceFarads;
            double top = pins[CellCount];
            for (int wire = 0; wire <= CellCount; wire++)
            {
                if (floatingPinVolts[wire] is double floating)
                {
                    floatingPinVolts[wire] = pullUp ? Math.Min(top, floating + step) : Math.Max(0, floating - step);
                }
            }

            pins = PinVolts();
        }

        Array.Clear(pendingMask);
        for (int cell = 1; cell <= CellCount; cell++)
        {
            if (selection != 0 && (cell - 1) % 6 != selection - 1)
            {
                continue;
            }

            double volts = pins[cell] - pins[cell - 1];
            pendingCodes[cell - 1] = Quantise(volts, cellGainErrors[cell - 1], cellOffsetErrors[cell - 1]);
            pendingMask[cell - 1] = true;
        }

        pendingKind = PendingKind.Cells;
        conversionEndMicroseconds = now + duration;
        conversionBlocksDischarge = !dischargePermitted;
    }

    private void StartAuxiliaryConversion(int selection, long duration, long now)
    {
        Array.Clear(pendingMask);
        for (int gpio = 1; gpio <= GpioCount; gpio++)
        {
            bool selected = selection == 0 || (selection <= 4 && (gpio == selection || gpio == selection + 5)) || (selection == 5 && gpio == 5);
            if (!selected)
            {
                continue;
            }

            double volts = IsGpioPullDownOn(gpio) ? 0 : owner.Inputs.GpioVolts(index, gpio);
            pendingCodes[CellCount + gpio - 1] = Quantise(volts, gpioGainErrors[gpio - 1], gpioOffsetErrors[gpio - 1]);
            pendingMask[CellCount + gpio - 1] = true;
        }

        if (selection == 0 || selection == 6)
        {
            pendingCodes[CellCount + GpioCount] = Quantise(owner.SecondReferenceVolts, gpioGainErrors[GpioCount], gpioOffsetErrors[GpioCount]);
            pendingMask[CellCount + GpioCount] = true;
        }

        pendingKind = PendingKind.Auxiliary;
        conversionEndMicroseconds = now + duration;
        conversionBlocksDischarge = false;
    }

    private void StartStatusConversion(int selection, long duration, long now)
    {
        double sum = PinVolts()[CellCount];
        pendingStatus = new ushort[]
        {
            Clamp(sum / (30 * VoltsPerCode)),
            Clamp((owner.DieTemperatureCelsius + 276) * 0.0076 / VoltsPerCode),
            Clamp(owner.AnalogSupplyVolts / VoltsPerCode),
            Clamp(owner.DigitalSupplyVolts / VoltsPerCode),
        };
        pendingStatusMask = new bool[4];
        for (int i = 0; i < 4; i++)
        {
            pendingStatusMask[i] = selection == 0 || selection == i + 1;
        }

        pendingKind = PendingKind.Status;
        conversionEndMicroseconds = now + duration;
        conversionBlocksDischarge = false;
    }

    private void CommitConversion()
    {
        switch (pendingKind)
        {
            case PendingKind.Cells:
                int vuv = configurationA[1] | ((configurationA[2] & 0x0F) << 8);
                int vov = (configurationA[2] >> 4) | (configurationA[3] << 4);
                for (int cell = 0; cell < CellCount; cell++)
                {
                    if (pendingMask[cell])
                    {
                        cellCodes[cell] = pendingCodes[cell];

                        // UV below (VUV + 1) × 16 codes, OV above VOV × 16 codes (LTC6804-1 datasheet Table 46).
                        undervoltage[cell] = cellCodes[cell] < (vuv + 1) * 16;
                        overvoltage[cell] = cellCodes[cell] > vov * 16;
                    }
                }

                statusFlagsCleared = false;
                break;
            case PendingKind.Auxiliary:
                for (int gpio = 0; gpio < GpioCount; gpio++)
                {
                    if (pendingMask[CellCount + gpio])
                    {
                        gpioCodes[gpio] = pendingCodes[CellCount + gpio];
                    }
                }

                if (pendingMask[CellCount + GpioCount])
                {
                    referenceCode = pendingCodes[CellCount + GpioCount];
                }

                break;
            case PendingKind.Status:
                if (pendingStatusMask[0]) { sumOfCellsCode = pendingStatus[0]; }
                if (pendingStatusMask[1]) { dieTemperatureCode = pendingStatus[1]; }
                if (pendingStatusMask[2]) { analogSupplyCode = pendingStatus[2]; }
                if (pendingStatusMask[3]) { digitalSupplyCode = pendingStatus[3]; }
                break;
        }

        pendingKind = PendingKind.None;
    }

    /// <summary>Voltages of pins C0–C18 against V−, with open wires replaced by their floating pin voltage.</summary>
    private double[] PinVolts()
    {
        var pins = new double[CellCount + 1];
        for (int cell = 1; cell <= CellCount; cell++)
        {
            pins[cell] = pins[cell - 1] + owner.Inputs.CellInputVolts(index, cell);
        }

        var effective = (double[])pins.Clone();
        for (int wire = 0; wire <= CellCount; wire++)
        {
            if (owner.Inputs.IsSenseWireOpen(index, wire))
            {
                floatingPinVolts[wire] ??= pins[wire];
                effective[wire] = floatingPinVolts[wire]!.Value;
            }
            else
            {
                floatingPinVolts[wire] = null;
            }
        }

        return effective;
    }

    private ushort Quantise(double volts, double gainError, double offsetError)
    {
        double measured = owner.MeasurementErrorsEnabled ? volts * (1 + gainError) + offsetError : volts;
        return Clamp(measured / VoltsPerCode);
    }

    private static ushort Clamp(double codes)
    {
        double rounded = Math.Round(codes);
        return (ushort)Math.Clamp(rounded, 0, 0xFFFF);
    }

    private void ClearStatusRegisters()
    {
        sumOfCellsCode = 0xFFFF;
        dieTemperatureCode = 0xFFFF;
        analogSupplyCode = 0xFFFF;
        digitalSupplyCode = 0xFFFF;
        Array.Fill(undervoltage, true);
        Array.Fill(overvoltage, true);
        statusFlagsCleared = true;
    }

    private byte FlagByte(int firstCell)
    {
        int value = 0;
        for (int i = 0; i < 4 && firstCell + i < CellCount; i++)
        {
            value |= (undervoltage[firstCell + i] ? 1 : 0) << (2 * i);
            value |= (overvoltage[firstCell + i] ? 1 : 0) << (2 * i + 1);
        }

        return (byte)value;
    }

    private bool IsGpioPullDownOn(int gpio)
    {
        return gpio <= 5 ? (configurationA[0] & (0x08 << (gpio - 1))) == 0 : (configurationB[0] & (0x01 << (gpio - 6))) == 0;
    }

    private bool IsDccSet(int cell)
    {
        if (cell <= 8)
        {
            return (configurationA[4] & (1 << (cell - 1))) != 0;
        }

        if (cell <= 12)
        {
            return (configurationA[5] & (1 << (cell - 9))) != 0;
        }

        return cell <= 16 ? (configurationB[0] & (0x10 << (cell - 13))) != 0 : (configurationB[1] & (1 << (cell - 17))) != 0;
    }

    private void ClearDischargeBits()
    {
        configurationA[4] = 0;
        configurationA[5] &= 0xF0;
        configurationB[0] &= 0x0F;
        configurationB[1] &= 0xF8;
    }

    private static void WriteWords(byte[] target, int offset, int first, int second, int third)
    {
        target[offset] = (byte)first;
        target[offset + 1] = (byte)(first >> 8);
        target[offset + 2] = (byte)second;
        target[offset + 3] = (byte)(second >> 8);
        target[offset + 4] = (byte)third;
        target[offset + 5] = (byte)(third >> 8);
    }

    private static void RequireCell(int cell)
    {
        if (cell < 1 || cell > CellCount)
        {
            throw new ArgumentOutOfRangeException(nameof(cell), cell, "Cells are numbered 1..18.");
        }
    }
}
