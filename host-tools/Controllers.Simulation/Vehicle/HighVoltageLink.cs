using System;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Simulation.Plant;

namespace Controllers.Simulation.Vehicle;

/// <summary>Contactors between the traction pack and the DC link, in the order of their coils.</summary>
public enum HighVoltageContactor
{
    Negative,
    Precharge,
    Positive,
}

/// <summary>
/// Traction pack (a <see cref="PackPlant"/> built from a cell definition) behind negative, precharge and positive
/// contactors, and the DC link capacitance with its passive bleed and switched active discharge resistors.
/// With both main contactors closed the link is at the pack terminal voltage less the main-path drop. Otherwise
/// the link follows the exact solution of its RC circuit, fed through the precharge resistor when that path is closed.
/// Loads are given as power drawn from the link (motor and DC/DC) less power fed in (generator).
/// </summary>
public sealed class HighVoltageLink
{
    private const int ContactorCount = 3;
    private const double LoadCutoffVolts = 1.0;

    private readonly HighVoltageParameters parameters;
    private readonly bool[] coils = new bool[ContactorCount];
    private readonly bool[] contacts = new bool[ContactorCount];
    private readonly double[] coilChangeAgeSeconds = new double[ContactorCount];
    private readonly bool[] welded = new bool[ContactorCount];

    public HighVoltageLink(HighVoltageParameters parameters, CellParameters cell, double ambientCelsius = 25)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(cell);
        parameters.Validate();
        this.parameters = parameters;
        Pack = new PackPlant(cell, new PackPlantSettings
        {
            CellCount = parameters.SeriesCells,
            ParallelCells = parameters.ParallelCells,
            InitialSoc = parameters.InitialSoc,
            AmbientCelsius = ambientCelsius,
        });
    }

    public HighVoltageParameters Parameters => parameters;

    public PackPlant Pack { get; }

    /// <summary>DC link voltage, V.</summary>
    public double LinkVolts { get; private set; }

    /// <summary>Pack current of the last step, A, positive when discharging (the vehicle convention).</summary>
    public double PackDischargeAmperes { get; private set; }

    public bool ActiveDischargeOn { get; set; }

    /// <summary>Link voltage minus pack voltage when the positive contactor last closed, V; large values weld contacts.</summary>
    public double LastClosingDifferenceVolts { get; private set; }

    /// <summary>Times a main contactor opened with more than 1 A flowing.</summary>
    public int BreaksUnderLoad { get; private set; }

    /// <summary>Largest current that a main contactor opened against, A.</summary>
    public double LargestBreakAmperes { get; private set; }

    /// <summary>Fault injection: the precharge resistor is open, so the precharge path conducts nothing.</summary>
    public bool PrechargeResistorOpen { get; set; }

    public bool IsConnected => contacts[(int)HighVoltageContactor.Negative] && contacts[(int)HighVoltageContactor.Positive];

    public void SetCoil(HighVoltageContactor contactor, bool energised)
    {
        int index = (int)contactor;
        if (coils[index] != energised)
        {
            coils[index] = energised;
            coilChangeAgeSeconds[index] = 0;
        }
    }

    public bool IsClosed(HighVoltageContactor contactor) => contacts[(int)contactor];

    /// <summary>Coil state last set with <see cref="SetCoil"/>.</summary>
    public bool IsCoilEnergised(HighVoltageContactor contactor) => coils[(int)contactor];

    /// <summary>
    /// Fault injection: welded contacts close with the coil as usual but stay closed when the coil is released.
    /// Clearing the weld lets them follow the coil again from the next step.
    /// </summary>
    public void SetWelded(HighVoltageContactor contactor, bool isWelded)
    {
        welded[(int)contactor] = isWelded;
    }

    public bool IsWelded(HighVoltageContactor contactor) => welded[(int)contactor];

    /// <summary>Advances by <paramref name="dtSeconds"/> with <paramref name="loadWatts"/> drawn from the link.</summary>
    public void Step(double dtSeconds, double loadWatts)
    {
        if (!(dtSeconds > 0) || !double.IsFinite(loadWatts))
        {
            throw new ArgumentOutOfRangeException(nameof(dtSeconds), "The step must be positive and the load finite.");
        }

        UpdateContacts(dtSeconds);
        double bleedConductance = 1 / parameters.PassiveBleedResistanceOhms +
                                  (ActiveDischargeOn ? 1 / parameters.ActiveDischargeResistanceOhms : 0);

        if (IsConnected)
        {
            // The link follows the pack; the load current uses the link voltage of the previous step.
            double volts = Math.Max(LinkVolts, LoadCutoffVolts);
            double connectedAmperes = loadWatts / volts + LinkVolts * bleedConductance;
            Pack.Step(dtSeconds, -connectedAmperes);
            PackDischargeAmperes = connectedAmperes;
            LinkVolts = Pack.PackVolts - connectedAmperes * parameters.MainPathResistanceOhms;
            return;
        }

        bool precharging = contacts[(int)HighVoltageContactor.Negative] && contacts[(int)HighVoltageContactor.Precharge];
        double loadAmperes = LinkVolts > LoadCutoffVolts ? loadWatts / LinkVolts : 0;
        double packVolts = Pack.PackVolts;
        double prechargeConductance = precharging && !PrechargeResistorOpen ? 1 / parameters.PrechargeResistanceOhms : 0;
        double conductance = bleedConductance + prechargeConductance;
        double settled = (packVolts * prechargeConductance - loadAmperes) / conductance;
        double decay = Math.Exp(-dtSeconds * conductance / parameters.LinkCapacitanceFarads);
        double start = LinkVolts;
        LinkVolts = Math.Max(0, settled + (start - settled) * decay);

        // Precharge current at the mean link voltage over the step.
        double current = precharging ? (packVolts - 0.5 * (start + LinkVolts)) * prechargeConductance : 0;
        Pack.Step(dtSeconds, -current);
        PackDischargeAmperes = current;
    }

    private void UpdateContacts(double dt)
    {
        bool wasConnected = IsConnected;
        for (int i = 0; i < ContactorCount; i++)
        {
            coilChangeAgeSeconds[i] += dt;
            double delay = coils[i] ? parameters.ContactorOperateSeconds : parameters.ContactorReleaseSeconds;
            bool heldByWeld = welded[i] && contacts[i] && !coils[i];
            if (contacts[i] != coils[i] && !heldByWeld && coilChangeAgeSeconds[i] >= delay - 1e-12)
            {
                contacts[i] = coils[i];
                if (coils[i] && i == (int)HighVoltageContactor.Positive)
                {
                    LastClosingDifferenceVolts = LinkVolts - Pack.PackVolts;
                }
            }
        }

        if (wasConnected && !IsConnected && Math.Abs(PackDischargeAmperes) > 1)
        {
            BreaksUnderLoad++;
            LargestBreakAmperes = Math.Max(LargestBreakAmperes, Math.Abs(PackDischargeAmperes));
        }
    }
}
