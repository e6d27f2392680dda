using System;
using Controllers.Firmware.Common.Hal;

namespace Controllers.Simulation.Chips;

/// <summary>
/// Register-level emulator of LTC6813-1 battery monitors in an isoSPI daisy chain, driven through the host's
/// SPI bus. Device 0 is next to the host.
/// </summary>
/// <remarks>
/// Protocol facts come from the LTC6804-1 datasheet (Rev. C: PEC, daisy-chain write and read order, Tables
/// 5–9 and 46) and the LTC6812-1 datasheet (Rev. A: clear commands, open-wire check), which share the
/// LTC6813-1 protocol. NOTE: the LTC6813-1 specific layout (18 cells in groups A–F, GPIO6–9 in auxiliary
/// groups C and D, DCC13–18 in configuration group B) follows the LTC6813-1 datasheet from memory. No copy
/// was available to check it against. Each transfer takes 8 bit times per byte of simulated time at
/// <see cref="SpiClockHertz"/>, so polling loops advance the clock. Not modelled: the S-pin PWM and the
/// discharge-timer monitor, self tests (CVST, AXST, STATST, DIAGN), ADOL, the COMM/I2C/SPI master, the
/// reverse isoSPI direction, reference power-up time, tREADY and noise.
/// </remarks>
public sealed class Ltc6813Emulator : ISpiBus
{
    private readonly SimulatedClock clock;
    private readonly Ltc6813EmulatorDevice[] devices;
    private int reachableDeviceCount;
    private int spiClockHertz = 1_000_000;

    /// <summary>
    /// Creates <paramref name="deviceCount"/> devices asleep, as after power-up; <paramref name="seed"/> fixes
    /// the per-channel gain and offset errors.
    /// </summary>
    public Ltc6813Emulator(int deviceCount, SimulatedClock clock, ILtc6813AnalogInputs inputs, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(deviceCount, 1);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(inputs);
        this.clock = clock;
        Inputs = inputs;
        var random = new Random(seed);
        devices = new Ltc6813EmulatorDevice[deviceCount];
        for (int i = 0; i < deviceCount; i++)
        {
            devices[i] = new Ltc6813EmulatorDevice(this, i, random);
        }

        reachableDeviceCount = deviceCount;
    }

    /// <summary>Number of devices.</summary>
    public int DeviceCount => devices.Length;

    /// <summary>Clock that conversions, timeouts and transfers use.</summary>
    public SimulatedClock Clock => clock;

    /// <summary>Analog inputs the devices convert.</summary>
    public ILtc6813AnalogInputs Inputs { get; }

    /// <summary>SPI clock; each byte advances the simulated clock by 8 bit times. 0 makes transfers take no time.</summary>
    public int SpiClockHertz
    {
        get => spiClockHertz;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            spiClockHertz = value;
        }
    }

    /// <summary>isoSPI idle timeout tIDLE, default 5.5 ms (typical).</summary>
    public long IsoSpiIdleMicroseconds { get; set; } = 5500;

    /// <summary>Watchdog timeout tSLEEP, default 2 s (typical).</summary>
    public long WatchdogMicroseconds { get; set; } = 2_000_000;

    /// <summary>Regulator start-up time tWAKE from SLEEP, default 400 µs (the maximum).</summary>
    public long WakeUpMicroseconds { get; set; } = 400;

    /// <summary>Capacitance of each sense-pin filter; it sets how far one ADOW moves an open pin. Default 10 nF.</summary>
    public double SenseFilterCapacitanceFarads { get; set; } = 10e-9;

    /// <summary>Level of the DTEN pin: high lets the discharge timer run and keep DCC through a watchdog reset.</summary>
    public bool DischargeTimerEnablePin { get; set; } = true;

    /// <summary>When false, conversions have no gain or offset error, only 100 µV quantisation.</summary>
    public bool MeasurementErrorsEnabled { get; set; } = true;

    /// <summary>Second reference voltage VREF2 that ADAX converts, default 3.0 V.</summary>
    public double SecondReferenceVolts { get; set; } = 3.0;

    /// <summary>Die temperature that ADSTAT converts, default 25 °C.</summary>
    public double DieTemperatureCelsius { get; set; } = 25.0;

    /// <summary>Analog supply VREG that ADSTAT converts, default 5.0 V.</summary>
    public double AnalogSupplyVolts { get; set; } = 5.0;

    /// <summary>Digital supply VREGD that ADSTAT converts, default 3.3 V.</summary>
    public double DigitalSupplyVolts { get; set; } = 3.3;

    /// <summary>REV[3:0] value in status group B. NOTE: an arbitrary emulator value, not a real silicon revision.</summary>
    public int RevisionCode { get; set; } = 3;

    /// <summary>
    /// Fault injection: devices from this index on neither receive nor send (a broken isoSPI link);
    /// 0 is total communication loss, <see cref="DeviceCount"/> a healthy chain.
    /// </summary>
    public int ReachableDeviceCount
    {
        get => reachableDeviceCount;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, devices.Length);
            reachableDeviceCount = value;
        }
    }

    /// <summary>Fault injection: the next this many register groups sent to the host get one PEC bit flipped.</summary>
    public int CorruptResponsePecCount { get; set; }

    /// <summary>Commands ignored because their PEC did not match, counted once per transfer.</summary>
    public int RejectedCommandCount { get; private set; }

    /// <summary>Register groups written with a bad data PEC, which the receiving device discarded.</summary>
    public int RejectedWriteCount { get; private set; }

    /// <summary>Valid commands with a code the emulator does not implement.</summary>
    public int UnknownCommandCount { get; private set; }

    /// <summary>Devices woken from SLEEP.</summary>
    public int WakeUpCount { get; private set; }

    /// <summary>Watchdog expiries that put a device to sleep and reset its configuration.</summary>
    public int WatchdogResetCount { get; private set; }

    /// <summary>Device <paramref name="index"/> for inspection.</summary>
    public Ltc6813EmulatorDevice Device(int index) => devices[index];

    internal void CountWakeUp() => WakeUpCount++;

    internal void CountWatchdogReset() => WatchdogResetCount++;

    /// <summary>
    /// Runs one transfer with chip select held low for all <paramref name="length"/> bytes: wake-up handling,
    /// command decoding with PEC check, daisy-chain writes and reads, and ADC polling.
    /// </summary>
    public void Transfer(byte[] write, byte[]? read, int length)
    {
        ArgumentNullException.ThrowIfNull(write);
        long start = clock.NowMicroseconds;
        long byteMicroseconds = spiClockHertz == 0 ? 0 : (8_000_000L + spiClockHertz - 1) / spiClockHertz;
        if (read != null)
        {
            Array.Fill(read, (byte)0xFF, 0, length);
        }

        // Each device passes the transfer on only when its port was awake. This activity wakes an idle port
        // or a sleeping core, so nothing of the transfer reaches the devices after that one.
        int receiving = 0;
        while (receiving < reachableDeviceCount && devices[receiving].ReceiveActivity(start))
        {
            receiving++;
        }

        if (length >= 4 && receiving > 0)
        {
            Decode(write, read, length, receiving, start, byteMicroseconds);
        }

        clock.AdvanceTo(start + byteMicroseconds * length);
    }

    private void Decode(byte[] write, byte[]? read, int length, int receiving, long start, long byteMicroseconds)
    {
        if (!Ltc6813EmulatorPec.IsValid(write, 0, 2))
        {
            RejectedCommandCount++;
            return;
        }

        int command = ((write[0] & 0x07) << 8) | write[1];
        long commandTime = start + 4 * byteMicroseconds;
        for (int d = 0; d < receiving; d++)
        {
            if (devices[d].IsReady(start))
            {
                devices[d].AcceptCommand(start);
            }
        }

        if (command == 0x001 || command == 0x024)
        {
            WriteChain(command == 0x001, write, length, receiving, commandTime);
            return;
        }

        if (IsReadCommand(command))
        {
            ReadChain(command, read, length, receiving, commandTime);
            return;
        }

        bool known = false;
        for (int d = 0; d < receiving; d++)
        {
            if (devices[d].IsReady(commandTime))
            {
                known |= devices[d].Execute(command, commandTime);
            }
        }

        if (!known)
        {
            UnknownCommandCount++;
        }

        // After PLADC or a conversion command, further bytes poll the ADCs: 0x00 while any device converts.
        if (read != null)
        {
            for (int i = 4; i < length; i++)
            {
                long byteTime = start + (i + 1) * byteMicroseconds;
                read[i] = AnyConverting(receiving, byteTime) ? (byte)0x00 : (byte)0xFF;
            }
        }
    }

    private void WriteChain(bool groupA, byte[] write, int length, int receiving, long now)
    {
        // The last group shifted in stays in device 0; earlier groups travel further up the chain.
        int groups = (length - 4) / 8;
        for (int position = 0; position < groups; position++)
        {
            int device = groups - 1 - position;
            if (device >= receiving || !devices[device].IsReady(now))
            {
                continue;
            }

            int offset = 4 + position * 8;
            if (!Ltc6813EmulatorPec.IsValid(write, offset, 6))
            {
                RejectedWriteCount++;
                continue;
            }

            devices[device].WriteConfiguration(groupA, write, offset, now);
        }
    }

    private void ReadChain(int command, byte[]? read, int length, int receiving, long now)
    {
        if (read == null)
        {
            return;
        }

        var group = new byte[8];
        for (int device = 0; device < receiving; device++)
        {
            int offset = 4 + device * 8;
            if (offset + 8 > length || !devices[device].IsReady(now))
            {
                continue;
            }

            devices[device].TryReadGroup(command, group, 0, now);
            Ltc6813EmulatorPec.Append(group, 0, 6);
            if (CorruptResponsePecCount > 0)
            {
                CorruptResponsePecCount--;
                group[7] ^= 0x02;
            }

            Array.Copy(group, 0, read, offset, 8);
        }
    }

    private bool AnyConverting(int receiving, long now)
    {
        for (int d = 0; d < receiving; d++)
        {
            if (devices[d].IsConverting(now))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsReadCommand(int command)
    {
        switch (command)
        {
            case 0x002:
            case 0x026:
            case 0x004:
            case 0x006:
            case 0x008:
            case 0x00A:
            case 0x009:
            case 0x00B:
            case 0x00C:
            case 0x00E:
            case 0x00D:
            case 0x00F:
            case 0x010:
            case 0x012:
                return true;
            default:
                return false;
        }
    }
}
