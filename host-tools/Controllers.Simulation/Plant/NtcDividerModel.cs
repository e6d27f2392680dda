using System;
using Controllers.Firmware.Bms.Sensing;

namespace Controllers.Simulation.Plant;

/// <summary>
/// Thermistor divider as the AFE measures it: the thermistor (with harness resistance) from the GPIO input to
/// ground, a pull-up from the reference (VREF2) to the GPIO input, both voltages quantised by the ADC.
/// The thermistor follows the datasheet table with β interpolated per segment (ln R linear in 1/T), which
/// is the physical shape and differs from the firmware's interpolation (T linear in ln R).
/// </summary>
public sealed class NtcDividerModel
{
    private const double KelvinOffset = 273.15;

    private readonly double[] temperaturesCelsius;
    private readonly double[] resistancesOhms;
    private readonly NtcDividerModelSettings settings;

    public NtcDividerModel(NtcThermistorTable table, NtcDividerModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();

        temperaturesCelsius = new double[table.Count];
        resistancesOhms = new double[table.Count];
        for (int i = 0; i < table.Count; i++)
        {
            temperaturesCelsius[i] = table.TemperatureCelsiusAt(i);
            resistancesOhms[i] = table.ResistanceOhmsAt(i);
        }

        this.settings = settings;
    }

    public NtcDividerModelSettings Settings => settings;

    /// <summary>
    /// Thermistor resistance in ohms at <paramref name="celsius"/>, times
    /// <see cref="NtcDividerModelSettings.ThermistorResistanceFactor"/>. Outside the table the end
    /// segment's β is extended.
    /// </summary>
    public double ThermistorOhms(double celsius)
    {
        int last = temperaturesCelsius.Length - 1;
        int segment = 0;
        while (segment < last - 1 && celsius > temperaturesCelsius[segment + 1])
        {
            segment++;
        }

        double t0 = temperaturesCelsius[segment] + KelvinOffset;
        double t1 = temperaturesCelsius[segment + 1] + KelvinOffset;
        double r0 = resistancesOhms[segment];
        double r1 = resistancesOhms[segment + 1];
        double beta = Math.Log(r0 / r1) / (1.0 / t0 - 1.0 / t1);
        double kelvin = celsius + KelvinOffset;
        return r0 * Math.Exp(beta * (1.0 / kelvin - 1.0 / t0)) * settings.ThermistorResistanceFactor;
    }

    /// <summary>GPIO voltage in volts at <paramref name="celsius"/>, quantised to the ADC step.</summary>
    public double GpioVolts(double celsius)
    {
        double lowerOhms = ThermistorOhms(celsius) + settings.HarnessOhms;
        double volts = settings.ReferenceVolts * lowerOhms / (settings.PullUpOhms + lowerOhms);
        return Quantise(volts);
    }

    /// <summary>Reference voltage as the ADC measures it, in volts, quantised to the ADC step.</summary>
    public double MeasuredReferenceVolts => Quantise(settings.ReferenceVolts);

    private double Quantise(double volts)
    {
        if (settings.AdcStepVolts <= 0)
        {
            return volts;
        }

        return Math.Round(volts / settings.AdcStepVolts, MidpointRounding.AwayFromZero) * settings.AdcStepVolts;
    }
}

/// <summary>Actual component values of a simulated thermistor divider (not the firmware's nominal ones).</summary>
public sealed class NtcDividerModelSettings
{
    /// <summary>Actual pull-up resistance in ohms. A 10 kΩ 0.1 % part lies in 9990–10010 Ω.</summary>
    public double PullUpOhms { get; init; } = 10000;

    /// <summary>Actual harness resistance in series with the thermistor, in ohms (0 to 100).</summary>
    public double HarnessOhms { get; init; } = 1;

    /// <summary>Actual reference voltage in volts (VREF2 is 3.0 V nominal).</summary>
    public double ReferenceVolts { get; init; } = 3.0;

    /// <summary>ADC step in volts (100 µV on the LTC6813 GPIO inputs), or 0 to turn quantisation off.</summary>
    public double AdcStepVolts { get; init; } = 100e-6;

    /// <summary>
    /// Factor on the table resistance that models a thermistor off its centre curve (1.01 is a part at
    /// the +1 % edge of its tolerance).
    /// </summary>
    public double ThermistorResistanceFactor { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        CheckRange(PullUpOhms, 1, 1e7, nameof(PullUpOhms));
        CheckRange(HarnessOhms, 0, 100, nameof(HarnessOhms));
        CheckRange(ReferenceVolts, 0.1, 10, nameof(ReferenceVolts));
        CheckRange(AdcStepVolts, 0, 0.1, nameof(AdcStepVolts));
        CheckRange(ThermistorResistanceFactor, 0.5, 2, nameof(ThermistorResistanceFactor));
    }

    private static void CheckRange(double value, double minimum, double maximum, string name)
    {
        if (!(value >= minimum && value <= maximum))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {minimum} and {maximum}.");
        }
    }
}
