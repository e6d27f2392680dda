using System;

namespace Controllers.Simulation.Vehicle;

/// <summary>
/// 12 V system: a DC/DC converter from the DC link (a voltage source behind an output resistance, with a
/// current limit) in parallel with a battery (open-circuit voltage linear in SOC behind an internal resistance),
/// feeding the low-voltage loads. The bus voltage solves the node equation each step, so it sags with load and
/// drops to the battery alone when the converter is off or its input voltage is too low.
/// </summary>
public sealed class LowVoltageSupply
{
    private readonly LowVoltageParameters parameters;

    public LowVoltageSupply(LowVoltageParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        this.parameters = parameters;
        BatterySoc = parameters.BatteryInitialSoc;
        BusVolts = BatteryOpenCircuitVolts;
    }

    public LowVoltageParameters Parameters => parameters;

    public bool ConverterEnabled { get; set; }

    /// <summary>Current that the 12 V loads draw, A; the VCU's own supply comes from this bus.</summary>
    public double LoadAmperes { get; set; }

    public double BusVolts { get; private set; }

    public double BatterySoc { get; private set; }

    /// <summary>Battery current, A, positive when charging.</summary>
    public double BatteryAmperes { get; private set; }

    public double ConverterOutputAmperes { get; private set; }

    /// <summary>Power that the converter draws from the DC link, W.</summary>
    public double ConverterInputWatts { get; private set; }

    public double BatteryOpenCircuitVolts =>
        parameters.BatteryEmptyVolts + BatterySoc * (parameters.BatteryFullVolts - parameters.BatteryEmptyVolts);

    /// <summary>Advances by <paramref name="dtSeconds"/> with the DC link at <paramref name="linkVolts"/>.</summary>
    public void Step(double dtSeconds, double linkVolts)
    {
        if (!(dtSeconds > 0) || !(LoadAmperes >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(dtSeconds), "The step must be positive and the load current zero or more.");
        }

        double openCircuit = BatteryOpenCircuitVolts;
        double batteryConductance = 1 / parameters.BatteryInternalResistanceOhms;
        bool running = ConverterEnabled && linkVolts >= parameters.ConverterMinimumInputVolts;
        double bus;
        double converterAmperes = 0;
        if (running)
        {
            // Node: (V_set − V)/R_dcdc + (V_ocv − V)/R_bat = I_load.
            double converterConductance = 1 / parameters.ConverterOutputResistanceOhms;
            bus = (parameters.ConverterSetpointVolts * converterConductance + openCircuit * batteryConductance - LoadAmperes) /
                  (converterConductance + batteryConductance);
            converterAmperes = Math.Max(0, (parameters.ConverterSetpointVolts - bus) * converterConductance);
            if (converterAmperes > parameters.ConverterMaxCurrentAmperes)
            {
                converterAmperes = parameters.ConverterMaxCurrentAmperes;
                bus = openCircuit - (LoadAmperes - converterAmperes) / batteryConductance;
            }
        }
        else
        {
            bus = openCircuit - LoadAmperes / batteryConductance;
        }

        BusVolts = Math.Max(0, bus);
        ConverterOutputAmperes = converterAmperes;
        ConverterInputWatts = BusVolts * converterAmperes / parameters.ConverterEfficiency;
        // NOTE: the battery takes whatever charge current the node equation gives, up to the converter limit.
        // A lead-acid battery's falling charge acceptance near full charge is not modelled.
        BatteryAmperes = converterAmperes - LoadAmperes;
        BatterySoc = Math.Clamp(BatterySoc + BatteryAmperes * dtSeconds / (parameters.BatteryCapacityAmpereHours * 3600), 0, 1);
    }
}
