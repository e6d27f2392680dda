namespace Controllers.Simulation.Vehicle;

/// <summary>
/// Lumped thermal parameters of the VCU-controlled cooling loops. Every figure is an estimate for the ATV of
/// boards/vcu-atv.yaml (20 kW motor, 96S4P pack). The comment on each gives its basis.
/// </summary>
public sealed record CoolingLoopParameters
{
    /// <summary>Motor heat capacity, J/K: about 30 kg of iron and copper at roughly 500 J/(kg·K), as in the motor model.</summary>
    public double MotorHeatCapacityJoulesPerKelvin { get; init; } = 15000;

    /// <summary>Winding-to-coolant thermal resistance at full pump flow, K/W (water jacket of a 20 kW motor, estimate).</summary>
    public double MotorToCoolantKelvinPerWatt { get; init; } = 0.04;

    /// <summary>Inverter heat capacity, J/K: a 4 kg aluminium cold plate at about 900 J/(kg·K) is 3600; half of it is near the modules.</summary>
    public double InverterHeatCapacityJoulesPerKelvin { get; init; } = 2000;

    /// <summary>Module-to-coolant thermal resistance of the inverter cold plate at full flow, K/W (estimate).</summary>
    public double InverterToCoolantKelvinPerWatt { get; init; } = 0.03;

    /// <summary>
    /// Motor-loop coolant heat capacity, J/K: 3 L of 50 % ethylene glycol (about 1.07 kg/L and 3.3 kJ/(kg·K)
    /// near 40 °C) is 10.6 kJ/K.
    /// </summary>
    public double CoolantHeatCapacityJoulesPerKelvin { get; init; } = 10600;

    /// <summary>Radiator conductance to ambient with the fan off and the vehicle standing, W/K (estimate).</summary>
    public double RadiatorNaturalWattsPerKelvin { get; init; } = 10;

    /// <summary>Radiator conductance added by the fan at full duty, W/K; it scales linearly with the duty (estimate).</summary>
    public double RadiatorFanWattsPerKelvin { get; init; } = 110;

    /// <summary>Radiator conductance added per m/s of vehicle speed by ram air, W/K per m/s (estimate).</summary>
    public double RadiatorRamWattsPerKelvinPerMetrePerSecond { get; init; } = 6;

    /// <summary>
    /// Share of full pump flow with the pump off (thermosiphon); keeps the heat paths finite at zero duty.
    /// </summary>
    public double PumpOffFlowFraction { get; init; } = 0.05;

    /// <summary>
    /// Exponent of flow in the convective heat transfer: the Dittus–Boelter correlation for turbulent pipe flow
    /// gives Nu ∝ Re^0.8, so the conductance scales with flow^0.8.
    /// </summary>
    public double FlowExponent { get; init; } = 0.8;

    /// <summary>
    /// Battery heat capacity, J/K (estimate). 384 INR18650HG2 cells of about 47 g each are 18 kg. At roughly
    /// 1 kJ/(kg·K) for a lithium-ion cell, plus the modules' aluminium, that gives 22 kJ/K.
    /// </summary>
    public double BatteryHeatCapacityJoulesPerKelvin { get; init; } = 22000;

    /// <summary>
    /// Pack-to-coolant thermal resistance of the cooling plates at full flow, K/W: about 12 W/K per module for
    /// eight modules (estimate).
    /// </summary>
    public double BatteryToCoolantKelvinPerWatt { get; init; } = 0.01;

    /// <summary>Pack-to-ambient thermal resistance through the enclosure, K/W (estimate).</summary>
    public double BatteryToAmbientKelvinPerWatt { get; init; } = 1.0;

    /// <summary>Battery-loop coolant heat capacity, J/K: 2 L of 50 % ethylene glycol.</summary>
    public double BatteryCoolantHeatCapacityJoulesPerKelvin { get; init; } = 7000;

    /// <summary>Battery-loop radiator conductance to ambient at full pump flow, W/K (small passive radiator, estimate).</summary>
    public double BatteryRadiatorWattsPerKelvin { get; init; } = 15;

    /// <summary>Largest heat the chiller removes from the battery loop, W (a small refrigerant-to-coolant plate, estimate).</summary>
    public double ChillerMaxWatts { get; init; } = 1500;

    /// <summary>Chiller conductance, W/K, applied to the coolant's excess over <see cref="ChillerEvaporatorCelsius"/> up to the maximum.</summary>
    public double ChillerWattsPerKelvin { get; init; } = 100;

    /// <summary>Evaporator temperature of the chiller, °C.</summary>
    public double ChillerEvaporatorCelsius { get; init; } = 10;

    /// <summary>Throws <see cref="System.ArgumentException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        ParameterCheck.Positive(MotorHeatCapacityJoulesPerKelvin, nameof(MotorHeatCapacityJoulesPerKelvin));
        ParameterCheck.Positive(MotorToCoolantKelvinPerWatt, nameof(MotorToCoolantKelvinPerWatt));
        ParameterCheck.Positive(InverterHeatCapacityJoulesPerKelvin, nameof(InverterHeatCapacityJoulesPerKelvin));
        ParameterCheck.Positive(InverterToCoolantKelvinPerWatt, nameof(InverterToCoolantKelvinPerWatt));
        ParameterCheck.Positive(CoolantHeatCapacityJoulesPerKelvin, nameof(CoolantHeatCapacityJoulesPerKelvin));
        ParameterCheck.Positive(RadiatorNaturalWattsPerKelvin, nameof(RadiatorNaturalWattsPerKelvin));
        ParameterCheck.Range(RadiatorFanWattsPerKelvin, 0, 10000, nameof(RadiatorFanWattsPerKelvin));
        ParameterCheck.Range(RadiatorRamWattsPerKelvinPerMetrePerSecond, 0, 1000, nameof(RadiatorRamWattsPerKelvinPerMetrePerSecond));
        ParameterCheck.Range(PumpOffFlowFraction, 0.001, 1, nameof(PumpOffFlowFraction));
        ParameterCheck.Range(FlowExponent, 0, 2, nameof(FlowExponent));
        ParameterCheck.Positive(BatteryHeatCapacityJoulesPerKelvin, nameof(BatteryHeatCapacityJoulesPerKelvin));
        ParameterCheck.Positive(BatteryToCoolantKelvinPerWatt, nameof(BatteryToCoolantKelvinPerWatt));
        ParameterCheck.Positive(BatteryToAmbientKelvinPerWatt, nameof(BatteryToAmbientKelvinPerWatt));
        ParameterCheck.Positive(BatteryCoolantHeatCapacityJoulesPerKelvin, nameof(BatteryCoolantHeatCapacityJoulesPerKelvin));
        ParameterCheck.Range(BatteryRadiatorWattsPerKelvin, 0, 10000, nameof(BatteryRadiatorWattsPerKelvin));
        ParameterCheck.Range(ChillerMaxWatts, 0, 100000, nameof(ChillerMaxWatts));
        ParameterCheck.Range(ChillerWattsPerKelvin, 0, 10000, nameof(ChillerWattsPerKelvin));
        ParameterCheck.Range(ChillerEvaporatorCelsius, -30, 40, nameof(ChillerEvaporatorCelsius));
    }
}
