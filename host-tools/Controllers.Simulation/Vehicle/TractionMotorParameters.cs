using System;

namespace Controllers.Simulation.Vehicle;

/// <summary>Traction motor and inverter: torque–speed envelope, efficiency maps, torque response, thermal models.</summary>
public sealed class TractionMotorParameters
{
    /// <summary>Torque available from standstill up to the base speed, both directions, N·m.</summary>
    public double PeakTorqueNewtonMetres { get; init; } = 90;

    /// <summary>Shaft power limit above the base speed, motoring and generating, W.</summary>
    public double PeakPowerWatts { get; init; } = 20000;

    /// <summary>Speed above which the motor gives no torque, rpm.</summary>
    public double MaxSpeedRpm { get; init; } = 8000;

    /// <summary>Time constant of the delivered torque following the command, s.</summary>
    public double TorqueTimeConstantSeconds { get; init; } = 0.010;

    /// <summary>
    /// Motor-plus-inverter efficiency maps, rows over |speed| in rpm, columns over |torque| in N·m.
    /// Motoring: electrical power = mechanical / η. Generating: electrical = mechanical × η.
    /// </summary>
    public Table2D MotoringEfficiency { get; init; } = null!;

    /// <inheritdoc cref="MotoringEfficiency"/>
    public Table2D GeneratingEfficiency { get; init; } = null!;

    /// <summary>Share of the total loss that heats the inverter; the rest heats the motor.</summary>
    public double InverterLossFraction { get; init; } = 0.3;

    public double CoolantCelsius { get; init; } = 40;

    public double MotorHeatCapacityJoulesPerKelvin { get; init; } = 15000;

    public double MotorThermalResistanceKelvinPerWatt { get; init; } = 0.05;

    public double InverterHeatCapacityJoulesPerKelvin { get; init; } = 2000;

    public double InverterThermalResistanceKelvinPerWatt { get; init; } = 0.08;

    /// <summary>Speed where the constant-torque region meets the constant-power region, rad/s.</summary>
    public double BaseSpeedRadiansPerSecond => PeakPowerWatts / PeakTorqueNewtonMetres;

    public double MaxSpeedRadiansPerSecond => MaxSpeedRpm * Math.PI / 30;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        ParameterCheck.Range(PeakTorqueNewtonMetres, 1, 5000, nameof(PeakTorqueNewtonMetres));
        ParameterCheck.Range(PeakPowerWatts, 100, 1e6, nameof(PeakPowerWatts));
        ParameterCheck.Range(MaxSpeedRpm, 100, 30000, nameof(MaxSpeedRpm));
        ParameterCheck.Below(BaseSpeedRadiansPerSecond, MaxSpeedRadiansPerSecond, "base speed (peakPowerWatts / peakTorqueNewtonMetres) in rad/s", "maxSpeedRpm in rad/s");
        ParameterCheck.Range(TorqueTimeConstantSeconds, 1e-4, 1, nameof(TorqueTimeConstantSeconds));
        ArgumentNullException.ThrowIfNull(MotoringEfficiency, nameof(MotoringEfficiency));
        ArgumentNullException.ThrowIfNull(GeneratingEfficiency, nameof(GeneratingEfficiency));
        CheckEfficiencies(MotoringEfficiency, nameof(MotoringEfficiency));
        CheckEfficiencies(GeneratingEfficiency, nameof(GeneratingEfficiency));
        ParameterCheck.Range(InverterLossFraction, 0, 1, nameof(InverterLossFraction));
        ParameterCheck.Range(CoolantCelsius, -40, 120, nameof(CoolantCelsius));
        ParameterCheck.Positive(MotorHeatCapacityJoulesPerKelvin, nameof(MotorHeatCapacityJoulesPerKelvin));
        ParameterCheck.Positive(MotorThermalResistanceKelvinPerWatt, nameof(MotorThermalResistanceKelvinPerWatt));
        ParameterCheck.Positive(InverterHeatCapacityJoulesPerKelvin, nameof(InverterHeatCapacityJoulesPerKelvin));
        ParameterCheck.Positive(InverterThermalResistanceKelvinPerWatt, nameof(InverterThermalResistanceKelvinPerWatt));
    }

    private static void CheckEfficiencies(Table2D table, string name)
    {
        foreach (double efficiency in table.Values)
        {
            ParameterCheck.Range(efficiency, 0.3, 1, name);
        }
    }
}
