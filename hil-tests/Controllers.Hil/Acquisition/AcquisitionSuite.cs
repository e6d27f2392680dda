using System.Collections.Generic;
using Controllers.Simulation.Boards;

namespace Controllers.Hil.Acquisition;

/// <summary>A BMS acquisition and protection suite: a pack board and scenarios that each check requirements.</summary>
public sealed class AcquisitionSuite
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    public required string FilePath { get; init; }

    public required PackBoardDefinition Board { get; init; }

    public required IReadOnlyList<AcquisitionScenario> Scenarios { get; init; }
}

/// <summary>One simulated run of the pack with its load, insulation, injected faults and the requirements it checks.</summary>
public sealed class AcquisitionScenario
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    /// <summary>Line of the scenario in the suite file, for messages.</summary>
    public int LineNumber { get; init; }

    /// <summary>Simulated duration in seconds.</summary>
    public double DurationSeconds { get; init; } = 30;

    /// <summary>Discharge current in the first half of each load period, in amperes.</summary>
    public double CurrentAmplitudeAmperes { get; init; }

    /// <summary>Charge current in the second half of each load period, in amperes.</summary>
    public double ChargeAmperes { get; init; }

    /// <summary>Period of the square-wave pack current in seconds.</summary>
    public double CurrentPeriodSeconds { get; init; } = 20;

    /// <summary>Ambient temperature in °C.</summary>
    public double AmbientCelsius { get; init; } = 25;

    /// <summary>Insulation resistance from the positive pole to chassis in ohms; infinity for none.</summary>
    public double InsulationPositiveOhms { get; init; } = double.PositiveInfinity;

    /// <summary>Insulation resistance from the negative pole to chassis in ohms; infinity for none.</summary>
    public double InsulationNegativeOhms { get; init; } = double.PositiveInfinity;

    /// <summary>Seconds at the start of the run that checks skip, so filters and the insulation bridge settle.</summary>
    public double SettleSeconds { get; init; } = 5;

    public IReadOnlyList<InjectedFault> Faults { get; init; } = [];

    /// <summary>Requirements this scenario checks, by identifier (B1, B2, ...).</summary>
    public required IReadOnlyList<string> Checks { get; init; }

    /// <summary>DTCs that must have failed during the run (test failed this operation cycle); empty for none.</summary>
    public IReadOnlyList<uint> ExpectedDtcs { get; init; } = [];

    /// <summary>Reaction that must have happened by the end of the run, or null to check none.</summary>
    public string? ExpectedReaction { get; init; }
}

/// <summary>A fault switched on at a time in the run.</summary>
public sealed class InjectedFault
{
    /// <summary>Fault kind; see <see cref="AcquisitionSuiteFile.FaultKinds"/>.</summary>
    public required string Kind { get; init; }

    public double AtSeconds { get; init; }

    /// <summary>Slave board number (1 to N) for faults on a slave.</summary>
    public int Slave { get; init; } = 1;

    /// <summary>Cell, sense wire or sensor number on that slave, from 1.</summary>
    public int Channel { get; init; } = 1;

    /// <summary>Value for faults that have one: ohms for an insulation drop, the number of corrupted responses for a PEC fault.</summary>
    public double Value { get; init; }
}
