using System;
using System.Collections.Generic;
using Controllers.Firmware.Common.Hal;

namespace Controllers.Simulation.Plant;

/// <summary>
/// High-voltage pack with insulation, Y capacitances, bridge resistors with their switches, measurement
/// dividers and the ADC, in simulated time. It implements the firmware's <see cref="IInsulationBridge"/>.
/// </summary>
/// <remarks>
/// The pack's negative pole is the reference. The chassis voltage x above it is the only state: the Y
/// capacitances C_p (to the positive pole at U) and C_n (to the negative pole) share the chassis node, so
/// (C_p + C_n) dx/dt = G_p (U - x) - G_n x, where G_p and G_n are all conductances from chassis to each
/// pole. Between events this is solved exactly: x approaches x_final = G_p U / (G_p + G_n) with
/// τ = (C_p + C_n) / (G_p + G_n). A step of U moves x by C_p / (C_p + C_n) of the step (charge on the
/// chassis node is kept). A pole with 0 Ω insulation pins x to that pole.
/// </remarks>
public sealed class InsulationPlant : IInsulationBridge
{
    private readonly SimulatedClock clock;
    private readonly InsulationPlantSettings settings;
    private readonly Random random;
    private readonly List<ScheduledChange> changes = new();
    private readonly List<SwitchRecord> switchRecords = new();

    private double timeMicroseconds;
    private double packVolts;
    private double positiveInsulationOhms;
    private double negativeInsulationOhms;
    private double chassisVolts;

    public InsulationPlant(SimulatedClock clock, InsulationPlantSettings settings)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();

        this.clock = clock;
        this.settings = settings;
        random = new Random(settings.Seed);
        timeMicroseconds = clock.NowMicroseconds;
        packVolts = settings.PackVolts;
        positiveInsulationOhms = settings.PositiveInsulationOhms;
        negativeInsulationOhms = settings.NegativeInsulationOhms;

        // Start settled with both switches open.
        chassisVolts = FinalChassisVolts();
    }

    public bool PositiveBridgeClosed { get; private set; }

    public bool NegativeBridgeClosed { get; private set; }

    public double PositiveInsulationOhms => positiveInsulationOhms;

    public double NegativeInsulationOhms => negativeInsulationOhms;

    /// <summary>True positive pole to chassis voltage now, in volts.</summary>
    public double PositiveToChassisVolts
    {
        get
        {
            Sync();
            return packVolts - chassisVolts;
        }
    }

    /// <summary>True chassis to negative pole voltage now, in volts.</summary>
    public double ChassisToNegativeVolts
    {
        get
        {
            Sync();
            return chassisVolts;
        }
    }

    /// <summary>Distance of the chassis voltage from its final value, in volts.</summary>
    public double SettlingErrorVolts
    {
        get
        {
            Sync();
            return Math.Abs(chassisVolts - FinalChassisVolts());
        }
    }

    /// <summary>Settling time constant with the present switch states and insulation, in seconds.</summary>
    public double TimeConstantSeconds
    {
        get
        {
            double conductance = PositiveSiemens() + NegativeSiemens();
            return double.IsPositiveInfinity(conductance) ? 0 : TotalCapacitance() / conductance;
        }
    }

    /// <summary>Every switch change so far, with the settling error just before it.</summary>
    public IReadOnlyList<SwitchRecord> SwitchRecords => switchRecords;

    /// <summary>
    /// Changes the insulation at <paramref name="atMicroseconds"/> of simulated time (fault injection). Use
    /// <see cref="double.NaN"/> to keep a pole's present value.
    /// </summary>
    public void ScheduleInsulationChange(long atMicroseconds, double positiveOhms, double negativeOhms)
    {
        if (!double.IsNaN(positiveOhms))
        {
            InsulationPlantSettings.CheckInsulation(positiveOhms, nameof(positiveOhms));
        }

        if (!double.IsNaN(negativeOhms))
        {
            InsulationPlantSettings.CheckInsulation(negativeOhms, nameof(negativeOhms));
        }

        AddChange(new ScheduledChange(atMicroseconds, positiveOhms, negativeOhms, double.NaN));
    }

    /// <summary>Steps the pack voltage to <paramref name="volts"/> at <paramref name="atMicroseconds"/>.</summary>
    public void SchedulePackVoltage(long atMicroseconds, double volts)
    {
        if (!(volts >= 0 && volts <= 2000))
        {
            throw new ArgumentOutOfRangeException(nameof(volts), volts, "The pack voltage must be between 0 and 2000 V.");
        }

        AddChange(new ScheduledChange(atMicroseconds, double.NaN, double.NaN, volts));
    }

    public void SetSwitches(bool positiveBridgeClosed, bool negativeBridgeClosed)
    {
        Sync();
        if (positiveBridgeClosed == PositiveBridgeClosed && negativeBridgeClosed == NegativeBridgeClosed)
        {
            return;
        }

        switchRecords.Add(new SwitchRecord(clock.NowMicroseconds, positiveBridgeClosed, negativeBridgeClosed,
            Math.Abs(chassisVolts - FinalChassisVolts())));
        PositiveBridgeClosed = positiveBridgeClosed;
        NegativeBridgeClosed = negativeBridgeClosed;
        PinShortedPole();
    }

    public bool TryReadVoltages(out float packVoltsReading, out float positiveToChassisVolts, out float chassisToNegativeVolts)
    {
        Sync();
        packVoltsReading = Read(packVolts, settings.PackGainError, settings.PackOffsetVolts);
        positiveToChassisVolts = Read(packVolts - chassisVolts, settings.PositiveGainError, settings.PositiveOffsetVolts);
        chassisToNegativeVolts = Read(chassisVolts, settings.NegativeGainError, settings.NegativeOffsetVolts);
        return true;
    }

    private void AddChange(ScheduledChange change)
    {
        if (change.AtMicroseconds < clock.NowMicroseconds)
        {
            throw new ArgumentOutOfRangeException(nameof(change), change.AtMicroseconds,
                $"A change cannot be scheduled before the present simulated time {clock.NowMicroseconds} µs.");
        }

        int index = changes.FindIndex(c => c.AtMicroseconds > change.AtMicroseconds);
        changes.Insert(index < 0 ? changes.Count : index, change);
    }

    private void Sync()
    {
        long target = clock.NowMicroseconds;
        while (changes.Count > 0 && changes[0].AtMicroseconds <= target)
        {
            ScheduledChange change = changes[0];
            changes.RemoveAt(0);
            Integrate(change.AtMicroseconds);
            Apply(change);
        }

        Integrate(target);
    }

    private void Apply(ScheduledChange change)
    {
        if (!double.IsNaN(change.PositiveOhms))
        {
            positiveInsulationOhms = change.PositiveOhms;
        }

        if (!double.IsNaN(change.NegativeOhms))
        {
            negativeInsulationOhms = change.NegativeOhms;
        }

        if (positiveInsulationOhms == 0 && negativeInsulationOhms == 0)
        {
            throw new InvalidOperationException("The scheduled change shorts both poles to chassis, which would short the pack.");
        }

        if (!double.IsNaN(change.PackVolts))
        {
            double capacitance = TotalCapacitance();
            double share = capacitance > 0 ? settings.PositiveYCapacitanceFarads / capacitance : 0;
            chassisVolts += share * (change.PackVolts - packVolts);
            packVolts = change.PackVolts;
        }

        PinShortedPole();
    }

    private void Integrate(double untilMicroseconds)
    {
        double dtSeconds = (untilMicroseconds - timeMicroseconds) * 1e-6;
        timeMicroseconds = untilMicroseconds;
        if (dtSeconds <= 0)
        {
            return;
        }

        double final = FinalChassisVolts();
        double tau = TimeConstantSeconds;
        chassisVolts = tau > 0 ? final + (chassisVolts - final) * Math.Exp(-dtSeconds / tau) : final;
    }

    private void PinShortedPole()
    {
        if (positiveInsulationOhms == 0 || negativeInsulationOhms == 0 || TotalCapacitance() == 0)
        {
            chassisVolts = FinalChassisVolts();
        }
    }

    private double FinalChassisVolts()
    {
        if (positiveInsulationOhms == 0)
        {
            return packVolts;
        }

        if (negativeInsulationOhms == 0)
        {
            return 0;
        }

        double positive = PositiveSiemens();
        return packVolts * positive / (positive + NegativeSiemens());
    }

    private double PositiveSiemens() => Siemens(positiveInsulationOhms) + Siemens(settings.PositiveMeasurementOhms)
        + Siemens(PositiveBridgeClosed ? settings.PositiveBridgeOhms : settings.PositiveBridgeOhms + settings.SwitchLeakageOhms);

    private double NegativeSiemens() => Siemens(negativeInsulationOhms) + Siemens(settings.NegativeMeasurementOhms)
        + Siemens(NegativeBridgeClosed ? settings.NegativeBridgeOhms : settings.NegativeBridgeOhms + settings.SwitchLeakageOhms);

    private static double Siemens(double ohms) => ohms == 0 ? double.PositiveInfinity : 1.0 / ohms;

    private double TotalCapacitance() => settings.PositiveYCapacitanceFarads + settings.NegativeYCapacitanceFarads;

    private float Read(double volts, double gainError, double offsetVolts)
    {
        double reading = volts * (1 + gainError) + offsetVolts + NextGaussian() * settings.NoiseVolts;
        if (settings.AdcStepVolts > 0)
        {
            reading = Math.Round(reading / settings.AdcStepVolts) * settings.AdcStepVolts;
        }

        return (float)reading;
    }

    // Box–Muller transform; one of the pair is discarded to keep the stream simple.
    private double NextGaussian()
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private readonly record struct ScheduledChange(long AtMicroseconds, double PositiveOhms, double NegativeOhms, double PackVolts);
}

/// <summary>One bridge switch change: time, new states, and how far from settled the chassis voltage was just before.</summary>
public readonly record struct SwitchRecord(long TimeMicroseconds, bool PositiveBridgeClosed, bool NegativeBridgeClosed, double SettlingErrorVolts);
