using System;

namespace Controllers.Simulation.Chips;

/// <summary>
/// The analog side of an <see cref="Ads131m02Emulator"/>: the shunt as fitted (tolerance and temperature
/// coefficient) and the converter's own errors. Errors are fixed numbers, not random draws, so a test states
/// them; only the noise comes from the seeded generator.
/// </summary>
public sealed class Ads131m02EmulatorSettings
{
    /// <summary>Nominal shunt resistance in ohms, the value the firmware is configured with.</summary>
    public double ShuntNominalOhms { get; init; } = 100e-6;

    /// <summary>Deviation of the fitted shunt from nominal at the reference temperature, as a fraction (0.005 = +0.5 %).</summary>
    public double ShuntToleranceFraction { get; init; }

    /// <summary>Shunt temperature coefficient in 1/K (10e-6 is 10 ppm/K).</summary>
    public double ShuntTemperatureCoefficientPerKelvin { get; init; }

    /// <summary>Temperature at which the shunt has its nominal value plus tolerance, in °C.</summary>
    public double ShuntReferenceCelsius { get; init; } = 25;

    /// <summary>ADC gain error including the internal reference, as a fraction of reading.</summary>
    public double AdcGainError { get; init; }

    /// <summary>ADC input-referred offset in volts.</summary>
    public double AdcOffsetVolts { get; init; }

    /// <summary>Input-referred Gaussian noise per conversion, in volts RMS.</summary>
    public double NoiseVoltsRms { get; init; }

    /// <summary>Seed of the noise generator.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>CLKIN frequency in hertz; the modulator runs at half of it (SBAS853A Section 8.3.5).</summary>
    public double ClockHertz { get; init; } = 8_192_000;

    /// <summary>Throws when a value cannot describe a real part.</summary>
    public void Validate()
    {
        if (!(ShuntNominalOhms > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(ShuntNominalOhms), ShuntNominalOhms, "The shunt resistance must be positive.");
        }

        if (!(Math.Abs(ShuntToleranceFraction) < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(ShuntToleranceFraction), ShuntToleranceFraction,
                "The shunt tolerance must be a fraction between -0.5 and 0.5.");
        }

        if (!(NoiseVoltsRms >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(NoiseVoltsRms), NoiseVoltsRms, "The noise must be zero or positive.");
        }

        if (!(ClockHertz > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(ClockHertz), ClockHertz, "The clock frequency must be positive.");
        }
    }
}
