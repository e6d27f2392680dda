using System;

namespace Controllers.Simulation.Vehicle;

/// <summary>DC/DC converter from the DC link to the 12 V system, and the 12 V battery.</summary>
public sealed class LowVoltageParameters
{
    public double ConverterSetpointVolts { get; init; } = 14.0;

    public double ConverterOutputResistanceOhms { get; init; } = 0.02;

    public double ConverterMaxCurrentAmperes { get; init; } = 60;

    public double ConverterEfficiency { get; init; } = 0.92;

    /// <summary>Lowest link voltage at which the converter runs, V.</summary>
    public double ConverterMinimumInputVolts { get; init; } = 200;

    public double BatteryCapacityAmpereHours { get; init; } = 20;

    public double BatteryInternalResistanceOhms { get; init; } = 0.015;

    /// <summary>Open-circuit voltage at 0 % SOC, V; the model interpolates linearly to the full value.</summary>
    public double BatteryEmptyVolts { get; init; } = 11.8;

    /// <summary>Open-circuit voltage at 100 % SOC, V.</summary>
    public double BatteryFullVolts { get; init; } = 12.7;

    public double BatteryInitialSoc { get; init; } = 0.8;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        ParameterCheck.Range(ConverterSetpointVolts, 9, 16, nameof(ConverterSetpointVolts));
        ParameterCheck.Range(ConverterOutputResistanceOhms, 1e-4, 1, nameof(ConverterOutputResistanceOhms));
        ParameterCheck.Range(ConverterMaxCurrentAmperes, 1, 1000, nameof(ConverterMaxCurrentAmperes));
        ParameterCheck.Range(ConverterEfficiency, 0.5, 1, nameof(ConverterEfficiency));
        ParameterCheck.Range(ConverterMinimumInputVolts, 10, 1000, nameof(ConverterMinimumInputVolts));
        ParameterCheck.Range(BatteryCapacityAmpereHours, 1, 500, nameof(BatteryCapacityAmpereHours));
        ParameterCheck.Range(BatteryInternalResistanceOhms, 1e-4, 1, nameof(BatteryInternalResistanceOhms));
        ParameterCheck.Range(BatteryEmptyVolts, 8, 16, nameof(BatteryEmptyVolts));
        ParameterCheck.Range(BatteryFullVolts, 8, 16, nameof(BatteryFullVolts));
        ParameterCheck.Below(BatteryEmptyVolts, BatteryFullVolts, nameof(BatteryEmptyVolts), nameof(BatteryFullVolts));
        ParameterCheck.Range(BatteryInitialSoc, 0, 1, nameof(BatteryInitialSoc));
    }
}
