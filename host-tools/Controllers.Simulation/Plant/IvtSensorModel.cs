using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Bms;

namespace Controllers.Simulation.Plant;

/// <summary>
/// An Isabellenhuette IVT-S style current sensor on the simulated BMS CAN bus. It sends IVT_Result_I every
/// <see cref="IvtSensorModelSettings.CurrentCycleMilliseconds"/>, IVT_Result_U1, _U2 and _U3 every
/// <see cref="IvtSensorModelSettings.VoltageCycleMilliseconds"/> and IVT_Result_T every
/// <see cref="IvtSensorModelSettings.TemperatureCycleMilliseconds"/>, encoded with the codecs generated from
/// boards/can/bms.dbc, each message with its own 4-bit counter. The current carries the configured gain error,
/// offset and noise and is rounded to the signal's 1 mA resolution.
/// </summary>
public sealed class IvtSensorModel
{
    private readonly Func<double> currentAmperes;
    private readonly IvtSensorModelSettings settings;
    private readonly Random random;
    private readonly CanFrame frame = new();
    private readonly IVT_Result_I currentMessage = new();
    private readonly IVT_Result_U1 voltage1Message = new();
    private readonly IVT_Result_U2 voltage2Message = new();
    private readonly IVT_Result_U3 voltage3Message = new();
    private readonly IVT_Result_T temperatureMessage = new();
    private readonly int[] counters = new int[5];

    private long nextCurrentMicroseconds;
    private long nextVoltageMicroseconds;
    private long nextTemperatureMicroseconds;

    /// <summary>
    /// Creates a sensor whose first frames go out at time 0. <paramref name="currentAmperes"/> returns the
    /// true pack current at the time of each frame, positive when charging.
    /// </summary>
    public IvtSensorModel(Func<double> currentAmperes, IvtSensorModelSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(currentAmperes);
        this.currentAmperes = currentAmperes;
        this.settings = settings ?? new IvtSensorModelSettings();
        this.settings.Validate();
        random = new Random(this.settings.Seed);
    }

    /// <summary>Voltages at inputs U1, U2 and U3 in volts (index 0 to 2).</summary>
    public double[] InputVolts { get; } = new double[3];

    /// <summary>Shunt temperature in °C.</summary>
    public double TemperatureCelsius { get; set; } = 25;

    /// <summary>Fault injection: while true the sensor sends nothing (power loss or a broken bus wire).</summary>
    public bool Lost { get; set; }

    /// <summary>Fault injection: status nibble (0 to 15) sent in every message; 0 is no error.</summary>
    public int StatusBits { get; set; }

    /// <summary>Fault injection: while true every message repeats its previous counter value.</summary>
    public bool FreezeCounter { get; set; }

    /// <summary>Frames sent so far.</summary>
    public long FramesSent { get; private set; }

    /// <summary>
    /// Sends, through <paramref name="transmit"/>, every frame due up to <paramref name="nowMicroseconds"/>.
    /// The frame object is reused, so the receiver copies what it keeps. While <see cref="Lost"/> is set the
    /// due frames are dropped, not delayed.
    /// </summary>
    public void AdvanceTo(long nowMicroseconds, Action<CanFrame> transmit)
    {
        ArgumentNullException.ThrowIfNull(transmit);
        while (nextCurrentMicroseconds <= nowMicroseconds)
        {
            if (!Lost)
            {
                SendCurrent(transmit);
            }

            nextCurrentMicroseconds += settings.CurrentCycleMilliseconds * 1000L;
        }

        while (nextVoltageMicroseconds <= nowMicroseconds)
        {
            if (!Lost)
            {
                SendVoltages(transmit);
            }

            nextVoltageMicroseconds += settings.VoltageCycleMilliseconds * 1000L;
        }

        while (nextTemperatureMicroseconds <= nowMicroseconds)
        {
            if (!Lost)
            {
                SendTemperature(transmit);
            }

            nextTemperatureMicroseconds += settings.TemperatureCycleMilliseconds * 1000L;
        }
    }

    private void SendCurrent(Action<CanFrame> transmit)
    {
        double measured = currentAmperes() * (1 + settings.GainError) + settings.OffsetAmperes +
                          NextGaussian() * settings.NoiseAmperesRms;
        currentMessage.IvtCurrentMuxId = 0;
        currentMessage.IvtCurrentCounter = NextCounter(0);
        currentMessage.IvtCurrentStatus = StatusBits;
        currentMessage.IvtCurrent = (long)Math.Round(measured * 1000.0, MidpointRounding.AwayFromZero);
        currentMessage.Encode(frame);
        Send(transmit);
    }

    private void SendVoltages(Action<CanFrame> transmit)
    {
        voltage1Message.IvtVoltage1MuxId = 1;
        voltage1Message.IvtVoltage1Counter = NextCounter(1);
        voltage1Message.IvtVoltage1Status = StatusBits;
        voltage1Message.IvtVoltage1 = Millivolts(InputVolts[0]);
        voltage1Message.Encode(frame);
        Send(transmit);

        voltage2Message.IvtVoltage2MuxId = 2;
        voltage2Message.IvtVoltage2Counter = NextCounter(2);
        voltage2Message.IvtVoltage2Status = StatusBits;
        voltage2Message.IvtVoltage2 = Millivolts(InputVolts[1]);
        voltage2Message.Encode(frame);
        Send(transmit);

        voltage3Message.IvtVoltage3MuxId = 3;
        voltage3Message.IvtVoltage3Counter = NextCounter(3);
        voltage3Message.IvtVoltage3Status = StatusBits;
        voltage3Message.IvtVoltage3 = Millivolts(InputVolts[2]);
        voltage3Message.Encode(frame);
        Send(transmit);
    }

    private void SendTemperature(Action<CanFrame> transmit)
    {
        temperatureMessage.IvtTemperatureMuxId = 4;
        temperatureMessage.IvtTemperatureCounter = NextCounter(4);
        temperatureMessage.IvtTemperatureStatus = StatusBits;
        temperatureMessage.IvtTemperature = TemperatureCelsius;
        temperatureMessage.Encode(frame);
        Send(transmit);
    }

    private void Send(Action<CanFrame> transmit)
    {
        FramesSent++;
        transmit(frame);
    }

    private int NextCounter(int message)
    {
        if (!FreezeCounter)
        {
            counters[message] = (counters[message] + 1) & 0x0F;
        }

        return counters[message];
    }

    private static long Millivolts(double volts) => (long)Math.Round(volts * 1000.0, MidpointRounding.AwayFromZero);

    // Box–Muller transform; the second value of each pair is dropped to keep the stream simple.
    private double NextGaussian()
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
