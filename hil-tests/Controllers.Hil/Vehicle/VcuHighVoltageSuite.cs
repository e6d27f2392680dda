using System.Collections.Generic;
using Controllers.Simulation.Vehicle;

namespace Controllers.Hil.Vehicle;

/// <summary>A <c>vcu-high-voltage</c> suite: the vehicle, the suite's limits and the scenarios.</summary>
public sealed class VcuHighVoltageSuite
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public required string FilePath { get; init; }

    /// <summary>Path of the vehicle definition file.</summary>
    public required string VehiclePath { get; init; }

    public required VehicleDefinition Vehicle { get; init; }

    public required IReadOnlyList<VcuHighVoltageScenario> Scenarios { get; init; }
}

/// <summary>What a <c>vcu-high-voltage</c> scenario does.</summary>
public enum VcuHvScenarioType
{
    /// <summary>Key off, wait for standby, key on: precharge time, key-on to ready, closing difference.</summary>
    PowerOn,

    /// <summary>Key off at the scenario's speed and pedal: torque at the opening, break current, discharge.</summary>
    PowerOff,

    /// <summary>Key on with the precharge resistor open: retries, latched fault, DTC, main contactor never closed.</summary>
    PrechargeFailure,

    /// <summary>Main positive contactor welded, then key off: weld detected, DTC, fault state, link discharged.</summary>
    WeldedContactor,

    /// <summary>An HV fault while ready: time to contactors open, link below the safe voltage, DTC.</summary>
    Fault,

    /// <summary>Charge plug in with the key off: drive inhibit, charge-mode connect, current limit, plug removal, energy.</summary>
    Charging,
}

/// <summary>HV faults a <see cref="VcuHvScenarioType.Fault"/> scenario injects, with their names in the suite file.</summary>
public enum VcuHvFault
{
    HvilOpen,
    InsulationWarning,
    InsulationFault,
    BmsContactorsOpening,
    Crash,
}

/// <summary>Limits shared by the scenarios; the suite file's <c>criteria</c> overrides the defaults.</summary>
public sealed record VcuHighVoltageCriteria
{
    /// <summary>Largest time from key on to ready to drive, ms (project target, see the suite file).</summary>
    public double KeyOnToReadyMilliseconds { get; init; } = 1000;

    /// <summary>Largest deviation of the measured precharge time from the R·C figure, %.</summary>
    public double PrechargeTolerancePercent { get; init; } = 10;

    /// <summary>Largest time from both main contactors open to the link below <see cref="SafeLinkVolts"/>, ms.</summary>
    public double DischargeMilliseconds { get; init; } = 3000;

    /// <summary>Touch-safe DC-link voltage, V (ISO 6469-4:2015 §5.2.2: 60 V DC).</summary>
    public double SafeLinkVolts { get; init; } = 60;

    /// <summary>Largest current a main contactor may break, A (the BMS's break limit).</summary>
    public double BreakCurrentAmperes { get; init; } = 5;

    /// <summary>Largest motor torque magnitude when a main contactor opens, N·m.</summary>
    public double TorqueAtOpeningNewtonMetres { get; init; } = 1;

    /// <summary>Largest deviation of the settled charger current from the BMS charge limit, A.</summary>
    public double ChargeCurrentToleranceAmperes { get; init; } = 0.5;

    /// <summary>Largest gap in the energy balance of the charge (charger output against pack, DC/DC and losses), %.</summary>
    public double EnergyBalancePercent { get; init; } = 1;
}

/// <summary>One scenario of a <c>vcu-high-voltage</c> suite.</summary>
public sealed class VcuHighVoltageScenario
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public int LineNumber { get; init; }

    public required VcuHvScenarioType Type { get; init; }

    /// <summary>Vehicle speed the plant is held at before and during the event, km/h.</summary>
    public double SpeedKmh { get; init; }

    /// <summary>Accelerator pedal during the event, %.</summary>
    public double PedalPercent { get; init; }

    public VcuHvFault? Fault { get; init; }

    /// <summary>Main contactors a welded-contactor scenario welds: positive, negative or both.</summary>
    public IReadOnlyList<HighVoltageContactor> WeldedContactors { get; init; } = [HighVoltageContactor.Positive];

    /// <summary>Insulation resistance the BMS node reports for the insulation faults, kΩ.</summary>
    public double InsulationKiloohms { get; init; }

    /// <summary>Largest time from the event to both main contactors open, ms; null where they must stay closed.</summary>
    public double? ContactorsOpenMilliseconds { get; init; }

    /// <summary>Where <see cref="ContactorsOpenMilliseconds"/> comes from, as the suite file states it.</summary>
    public string LimitSource { get; init; } = "";

    /// <summary>Name of a <c>VcuDtc</c> constant that must be confirmed by the end; null: not checked.</summary>
    public string? DtcName { get; init; }

    /// <summary>The DTC number of <see cref="DtcName"/>.</summary>
    public uint Dtc { get; init; }

    /// <summary>Time observed after the event, ms.</summary>
    public double ObserveMilliseconds { get; init; } = 5000;

    /// <summary>Charge current limits the BMS node reports, one after the other, A.</summary>
    public IReadOnlyList<double> BmsChargeLimitsAmperes { get; init; } = [];

    /// <summary>Time each charge limit is held, s.</summary>
    public double ChargeSecondsPerLimit { get; init; } = 10;

    public required VcuHighVoltageCriteria Criteria { get; init; }
}
