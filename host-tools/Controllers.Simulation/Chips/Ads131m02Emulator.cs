using System;
using Controllers.Firmware.Bms.Current;
using Controllers.Firmware.Common.Hal;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Simulation.Chips;

/// <summary>
/// Register-level emulator of a TI ADS131M02 two-channel 24-bit delta-sigma ADC measuring a shunt, driven
/// through its SPI frame protocol.
/// </summary>
/// <remarks>
/// Facts are from the ADS131M02 datasheet SBAS853A: the commands and responses of Table 8-11, the register map
/// and reset values of Table 8-12 and the CCITT CRC of Section 8.3.12. A frame consists of 24-bit words: the
/// response to the previous frame's command, one word per channel and a CRC word. Full scale is ±1.2 V / gain
/// and the data rate is fCLKIN / 2 / OSR. Conversions complete at that rate in simulated
/// time and set STATUS.DRDYn until a frame reads them. Channel 0 sees I × R_shunt with the fitted shunt's
/// tolerance and temperature coefficient; channel 1 sees <see cref="Channel1Volts"/>.
/// Not modelled: 16- and 32-bit word lengths, the ANSI CRC, the register map CRC, the offset and gain
/// calibration registers (stored, not applied), the settling of the first conversions after a reset or a
/// configuration change, current detection, global chop, phase delay and the DRDY pin.
/// </remarks>
public sealed class Ads131m02Emulator : ISpiBus
{
    private const ushort IdWithRevision = Ads131m02.IdValue | 0x0001;

    private readonly IMonotonicClock clock;
    private readonly Func<double> currentAmperes;
    private readonly Ads131m02EmulatorSettings settings;
    private readonly Random random;
    private readonly ushort[] registers = new ushort[Ads131m02.RegisterCount];
    private readonly int[] codes = new int[2];
    private byte[] output = new byte[Ads131m02.FrameBytes];

    private long conversionStartMicroseconds;
    private long lastConversionIndex;
    private bool standby;
    private bool locked;
    private bool crcErrorFlag;
    private int dataReadyBits;

    // Response owed to the previous frame's command: a fixed word, or the STATUS register read at output time.
    private bool responseIsStatus = true;
    private ushort pendingResponse;
    private int pendingReadAddress = -1;
    private int pendingReadCount;

    /// <summary>
    /// Creates an emulator in its power-on state. <paramref name="currentAmperes"/> returns the current through
    /// the shunt at the clock's present time, positive when charging; the shunt is wired so that charging gives
    /// a positive channel 0 voltage.
    /// </summary>
    public Ads131m02Emulator(IMonotonicClock clock, Func<double> currentAmperes, Ads131m02EmulatorSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(currentAmperes);
        this.clock = clock;
        this.currentAmperes = currentAmperes;
        this.settings = settings ?? new Ads131m02EmulatorSettings();
        this.settings.Validate();
        random = new Random(this.settings.Seed);
        ResetDevice();
    }

    /// <summary>Shunt temperature in °C; the shunt resistance follows it through its temperature coefficient.</summary>
    public double ShuntTemperatureCelsius { get; set; } = 25;

    /// <summary>Differential voltage at channel 1 in volts (for example a divided pack voltage).</summary>
    public double Channel1Volts { get; set; }

    /// <summary>Fault injection: while true every output frame carries a CRC with one bit flipped.</summary>
    public bool CorruptOutputCrc { get; set; }

    /// <summary>Fault injection: while true the device ignores every frame and leaves its output low (all bytes 0x00).</summary>
    public bool NoResponse { get; set; }

    /// <summary>
    /// Conversions completed since the last reset or filter restart, as of the latest frame: the emulator
    /// computes a conversion when a frame arrives, from the current at that time.
    /// </summary>
    public long ConversionCount => lastConversionIndex;

    /// <summary>Frames executed, including ones whose command was rejected.</summary>
    public long FrameCount { get; private set; }

    /// <summary>Shunt resistance as fitted, at the present shunt temperature, in ohms.</summary>
    public double ShuntOhms => settings.ShuntNominalOhms * (1 + settings.ShuntToleranceFraction) *
        (1 + settings.ShuntTemperatureCoefficientPerKelvin * (ShuntTemperatureCelsius - settings.ShuntReferenceCelsius));

    /// <summary>Conversion period in microseconds at the present OSR: 2 × OSR / fCLKIN.</summary>
    public double ConversionPeriodMicroseconds => 2.0 * Ads131m02.OversamplingRatio((registers[Ads131m02.RegisterClock] >> 2) & 0x7) /
        settings.ClockHertz * 1e6;

    /// <summary>
    /// Fault injection: a supply dip or a pulse on SYNC/RESET. The device returns to its reset state, so STATUS
    /// shows the RESET flag again and the host's configuration is lost.
    /// </summary>
    public void PowerCycle() => ResetDevice();

    /// <summary>Returns register <paramref name="address"/> without SPI side effects (STATUS is computed).</summary>
    public ushort Peek(int address)
    {
        if (address < 0 || address >= Ads131m02.RegisterCount)
        {
            throw new ArgumentOutOfRangeException(nameof(address), address, "ADS131M02 register addresses are 0x00 to 0x3F.");
        }

        return address == Ads131m02.RegisterStatus ? StatusValue() : registers[address];
    }

    /// <summary>Runs one SPI frame: chip select stays low for all <paramref name="length"/> bytes.</summary>
    public void Transfer(byte[] write, byte[]? read, int length)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (length < Ads131m02.FrameBytes || length % Ads131m02.WordBytes != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length,
                "An ADS131M02 frame with 24-bit words is a multiple of 3 bytes and at least 12 bytes long.");
        }

        if (NoResponse)
        {
            if (read != null)
            {
                Array.Clear(read, 0, length);
            }

            return;
        }

        FrameCount++;
        UpdateConversions();
        if (output.Length < length)
        {
            output = new byte[length];
        }

        Array.Clear(output, 0, length);
        WriteOutputFrame(output, length);
        if (read != null)
        {
            Array.Copy(output, read, length);
        }

        ExecuteInputFrame(write, length);
    }

    private void UpdateConversions()
    {
        if (standby)
        {
            return;
        }

        long index = (long)Math.Floor((clock.NowMicroseconds - conversionStartMicroseconds) / ConversionPeriodMicroseconds);
        if (index <= lastConversionIndex)
        {
            return;
        }

        lastConversionIndex = index;
        double gain = 1 << (registers[Ads131m02.RegisterGain] & 0x7);
        double gain1 = 1 << ((registers[Ads131m02.RegisterGain] >> 4) & 0x7);
        double shuntVolts = currentAmperes() * ShuntOhms;
        codes[0] = Convert(shuntVolts, gain, enabled: (registers[Ads131m02.RegisterClock] & 0x0100) != 0);
        codes[1] = Convert(Channel1Volts, gain1, enabled: (registers[Ads131m02.RegisterClock] & 0x0200) != 0);
        dataReadyBits = (registers[Ads131m02.RegisterClock] >> 8) & 0x3;
    }

    private int Convert(double inputVolts, double gain, bool enabled)
    {
        if (!enabled)
        {
            return 0;
        }

        double volts = inputVolts * (1 + settings.AdcGainError) + settings.AdcOffsetVolts + NextGaussian() * settings.NoiseVoltsRms;

        // Code = V × gain / 1.2 V × 2^23, clipped at 0x7FFFFF and 0x800000.
        double code = Math.Round(volts * gain / Ads131m02.ReferenceVolts * 8388608.0);
        return (int)Math.Clamp(code, Ads131m02.MinCode, Ads131m02.MaxCode);
    }

    private void WriteOutputFrame(byte[] output, int length)
    {
        int words = length / Ads131m02.WordBytes;
        int word = 0;
        if (pendingReadAddress >= 0 && pendingReadCount > 1)
        {
            // Multi-register RREG: acknowledgement 111a aaaa annn nnnn, then the registers, then the CRC.
            WriteWord(output, word++, (ushort)(0xE000 | (pendingReadAddress << 7) | (pendingReadCount - 1)));
            for (int i = 0; i < pendingReadCount && word < words - 1; i++)
            {
                WriteWord(output, word++, Peek((pendingReadAddress + i) & 0x3F));
            }
        }
        else
        {
            WriteWord(output, word++, responseIsStatus ? StatusValue() : pendingResponse);
            if (responseIsStatus)
            {
                // The CRC_ERR flag clears once STATUS has been sent.
                crcErrorFlag = false;
            }

            for (int channel = 0; channel < 2; channel++)
            {
                WriteCode(output, word++, codes[channel]);
            }

            dataReadyBits = 0;
        }

        int crcOffset = word * Ads131m02.WordBytes;
        ushort crc = Crc16Ccitt.Compute(output, 0, crcOffset);
        if (CorruptOutputCrc)
        {
            crc ^= 0x0001;
        }

        WriteWord(output, word, crc);
        responseIsStatus = true;
        pendingReadAddress = -1;
    }

    private void ExecuteInputFrame(byte[] input, int length)
    {
        ushort command = ReadWord(input, 0);
        int dataWords = IsWriteRegisters(command) ? (command & 0x7F) + 1 : 0;
        if ((registers[Ads131m02.RegisterMode] & Ads131m02.ModeInputCrcEnable) != 0)
        {
            int crcWord = 1 + dataWords;
            if ((crcWord + 1) * Ads131m02.WordBytes > length ||
                Crc16Ccitt.Compute(input, 0, crcWord * Ads131m02.WordBytes) != ReadWord(input, crcWord))
            {
                crcErrorFlag = true;
                return;
            }
        }

        if (command == Ads131m02.CommandReset && !locked)
        {
            ResetDevice();
            SetResponse(Ads131m02.ResetResponse);
        }
        else if ((command == Ads131m02.CommandStandby || command == Ads131m02.CommandWakeup) && !locked)
        {
            bool wasStandby = standby;
            standby = command == Ads131m02.CommandStandby;
            if (wasStandby && !standby)
            {
                RestartConversions();
            }

            SetResponse(command);
        }
        else if (command == Ads131m02.CommandLock || command == Ads131m02.CommandUnlock)
        {
            locked = command == Ads131m02.CommandLock;
            SetResponse(command);
        }
        else if ((command & 0xE000) == Ads131m02.CommandReadRegisters)
        {
            int address = (command >> 7) & 0x3F;
            int count = (command & 0x7F) + 1;
            if (count == 1)
            {
                SetResponse(Peek(address));
            }
            else
            {
                pendingReadAddress = address;
                pendingReadCount = count;
            }
        }
        else if (IsWriteRegisters(command) && !locked)
        {
            int address = (command >> 7) & 0x3F;
            for (int i = 0; i < dataWords && (1 + i + 1) * Ads131m02.WordBytes <= length; i++)
            {
                WriteRegister((address + i) & 0x3F, ReadWord(input, 1 + i));
            }

            SetResponse((ushort)(0x4000 | (address << 7) | (dataWords - 1)));
        }

        // NULL, commands rejected while locked and unknown words leave the STATUS response in place.
    }

    private static bool IsWriteRegisters(ushort command) => (command & 0xE000) == Ads131m02.CommandWriteRegisters;

    private void WriteRegister(int address, ushort value)
    {
        if (address == Ads131m02.RegisterId || address == Ads131m02.RegisterStatus)
        {
            return;
        }

        if (address == Ads131m02.RegisterMode && (value & 0x0300) != Ads131m02.ModeWordLength24)
        {
            throw new NotSupportedException("The ADS131M02 emulator supports only 24-bit words (MODE.WLENGTH = 01).");
        }

        if (address == Ads131m02.RegisterMode && (value & Ads131m02.ModeCrcTypeAnsi) != 0)
        {
            throw new NotSupportedException("The ADS131M02 emulator supports only the CCITT CRC (MODE.CRC_TYPE = 0).");
        }

        ushort previous = registers[address];
        registers[address] = value;
        if (address == Ads131m02.RegisterClock && ((previous ^ value) & 0x001C) != 0)
        {
            // A new OSR restarts the digital filter.
            RestartConversions();
        }
    }

    private void SetResponse(ushort response)
    {
        responseIsStatus = false;
        pendingResponse = response;
    }

    private ushort StatusValue()
    {
        ushort mode = registers[Ads131m02.RegisterMode];
        int status = (locked ? Ads131m02.StatusLock : 0) |
                     (crcErrorFlag ? Ads131m02.StatusCrcError : 0) |
                     (mode & 0x0F00) |
                     dataReadyBits;
        return (ushort)status;
    }

    private void ResetDevice()
    {
        Array.Clear(registers);
        registers[Ads131m02.RegisterId] = IdWithRevision;
        registers[Ads131m02.RegisterMode] = Ads131m02.ModeResetValue;
        registers[Ads131m02.RegisterClock] = Ads131m02.ClockResetValue;
        registers[Ads131m02.RegisterConfiguration] = Ads131m02.ConfigurationResetValue;
        registers[Ads131m02.RegisterChannel0GainCalibrationMsb] = Ads131m02.GainCalibrationMsbResetValue;
        registers[Ads131m02.RegisterChannel0GainCalibrationMsb + 5] = Ads131m02.GainCalibrationMsbResetValue;
        standby = false;
        locked = false;
        crcErrorFlag = false;
        codes[0] = 0;
        codes[1] = 0;
        responseIsStatus = true;
        pendingReadAddress = -1;
        RestartConversions();
    }

    private void RestartConversions()
    {
        conversionStartMicroseconds = clock.NowMicroseconds;
        lastConversionIndex = 0;
        dataReadyBits = 0;
    }

    private static ushort ReadWord(byte[] frame, int word) =>
        (ushort)((frame[word * Ads131m02.WordBytes] << 8) | frame[word * Ads131m02.WordBytes + 1]);

    private static void WriteWord(byte[] frame, int word, ushort value)
    {
        // A 16-bit value fills the top two bytes of a 24-bit word; the low byte is zero padding.
        frame[word * Ads131m02.WordBytes] = (byte)(value >> 8);
        frame[word * Ads131m02.WordBytes + 1] = (byte)value;
        frame[word * Ads131m02.WordBytes + 2] = 0;
    }

    private static void WriteCode(byte[] frame, int word, int code)
    {
        frame[word * Ads131m02.WordBytes] = (byte)(code >> 16);
        frame[word * Ads131m02.WordBytes + 1] = (byte)(code >> 8);
        frame[word * Ads131m02.WordBytes + 2] = (byte)code;
    }

    // Box–Muller transform; the second value of each pair is dropped to keep the stream simple.
    private double NextGaussian()
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
