using System;

namespace Controllers.Simulation.Plant;

/// <summary>
/// Actual component values of a simulated insulation bridge circuit. Resistances in ohms accept 0 (a pole
/// shorted to chassis) and <see cref="double.PositiveInfinity"/> (open) where noted.
/// </summary>
public sealed class InsulationPlantSettings
{
    public double PackVolts { get; init; } = 400;

    /// <summary>Insulation from the positive pole to chassis, in ohms (0 to infinity).</summary>
    public double PositiveInsulationOhms { get; init; } = double.PositiveInfinity;

    /// <summary>Insulation from chassis to the negative pole, in ohms (0 to infinity).</summary>
    public double NegativeInsulationOhms { get; init; } = double.PositiveInfinity;

    public double PositiveYCapacitanceFarads { get; init; } = 0.47e-6;

    public double NegativeYCapacitanceFarads { get; init; } = 0.47e-6;

    /// <summary>Actual bridge resistor between the positive pole and chassis, in ohms, tolerance included.</summary>
    public double PositiveBridgeOhms { get; init; } = 1e6;

    public double NegativeBridgeOhms { get; init; } = 1e6;

    /// <summary>Actual measurement divider from the positive pole to chassis, in ohms (total of the chain).</summary>
    public double PositiveMeasurementOhms { get; init; } = 10e6;

    public double NegativeMeasurementOhms { get; init; } = 10e6;

    /// <summary>
    /// Leakage of an open bridge switch, in ohms, in series with its bridge resistor (infinity for none).
    /// The tests use 1 GΩ (1 µA at 1000 V) as an estimate for a solid-state relay.
    /// </summary>
    public double SwitchLeakageOhms { get; init; } = double.PositiveInfinity;

    /// <summary>Gain error of the pack voltage channel as a fraction (0.005 reads 0.5 % high).</summary>
    public double PackGainError { get; init; }

    public double PositiveGainError { get; init; }

    public double NegativeGainError { get; init; }

    public double PackOffsetVolts { get; init; }

    public double PositiveOffsetVolts { get; init; }

    public double NegativeOffsetVolts { get; init; }

    /// <summary>Gaussian noise on every voltage reading, one standard deviation in volts.</summary>
    public double NoiseVolts { get; init; }

    /// <summary>Quantisation step of the voltage readings in volts, or 0 for none.</summary>
    public double AdcStepVolts { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        CheckRange(PackVolts, 0, 2000, nameof(PackVolts));
        CheckInsulation(PositiveInsulationOhms, nameof(PositiveInsulationOhms));
        CheckInsulation(NegativeInsulationOhms, nameof(NegativeInsulationOhms));
        if (PositiveInsulationOhms == 0 && NegativeInsulationOhms == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(NegativeInsulationOhms), NegativeInsulationOhms,
                "Both poles shorted to chassis would short the pack; give at least one pole a resistance above 0 Ω.");
        }

        CheckRange(PositiveYCapacitanceFarads, 0, 1e-4, nameof(PositiveYCapacitanceFarads));
        CheckRange(NegativeYCapacitanceFarads, 0, 1e-4, nameof(NegativeYCapacitanceFarads));
        CheckRange(PositiveBridgeOhms, 1, 1e10, nameof(PositiveBridgeOhms));
        CheckRange(NegativeBridgeOhms, 1, 1e10, nameof(NegativeBridgeOhms));
        CheckRange(PositiveMeasurementOhms, 1, double.PositiveInfinity, nameof(PositiveMeasurementOhms));
        CheckRange(NegativeMeasurementOhms, 1, double.PositiveInfinity, nameof(NegativeMeasurementOhms));
        CheckRange(SwitchLeakageOhms, 1, double.PositiveInfinity, nameof(SwitchLeakageOhms));
        CheckRange(NoiseVolts, 0, 100, nameof(NoiseVolts));
        CheckRange(AdcStepVolts, 0, 10, nameof(AdcStepVolts));
    }

    internal static void CheckInsulation(double ohms, string name) => CheckRange(ohms, 0, double.PositiveInfinity, name);

    private static void CheckRange(double value, double minimum, double maximum, string name)
    {
        if (!(value >= minimum && value <= maximum))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {minimum} and {maximum}.");
        }
    }
}
