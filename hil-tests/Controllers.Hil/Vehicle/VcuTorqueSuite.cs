using System.Collections.Generic;
using Controllers.Firmware.Vcu.Intention;
using Controllers.Firmware.Vcu.Monitoring;
using Controllers.Simulation.Vehicle;

namespace Controllers.Hil.Vehicle;

/// <summary>A <c>vcu-torque</c> suite: the vehicle, the suite's default criteria and the scenarios.</summary>
public sealed class VcuTorqueSuite
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public required string FilePath { get; init; }

    /// <summary>Path of the vehicle definition file.</summary>
    public required string VehiclePath { get; init; }

    public required VehicleDefinition Vehicle { get; init; }

    public required IReadOnlyList<VcuTorqueScenario> Scenarios { get; init; }
}

/// <summary>What a scenario does: a pedal step, an accuracy grid, or a fault with its expected reaction.</summary>
public enum VcuScenarioType
{
    Step,
    Accuracy,
    Fault,
}

/// <summary>Faults a scenario can inject, with their names in the suite file.</summary>
public enum VcuFault
{
    Track1ShortToGround,
    Track1ShortToSupply,
    Track2ShortToGround,
    Track2ShortToSupply,
    TrackCorrelation,
    BrakeSensorRange,
    BrakeSwitchStuckClosed,
    BrakeOverride,
    SupplyUndervoltage,
    SupplyOvervoltage,
    MotorOvertorque,
    McuSilent,
}

/// <summary>Pass/fail limits; a scenario's values override the suite's.</summary>
public sealed record VcuTorqueCriteria
{
    /// <summary>Largest time from the pedal step to 90 % of the delivered torque step, ms (customer figure: 50 ms).</summary>
    public double ResponseMilliseconds { get; init; } = 50;

    /// <summary>Largest steady-state error of delivered torque against the target, % of target (customer figure: ±5 %).</summary>
    public double AccuracyPercent { get; init; } = 5;
}

/// <summary>Reaction a fault scenario expects.</summary>
public sealed record VcuFaultExpectation
{
    /// <summary>Largest delivered torque magnitude from <see cref="WithinMilliseconds"/> after the fault on, N·m; null: not checked.</summary>
    public double? TorqueAtMostNewtonMetres { get; init; }

    /// <summary>Monitor reaction required by <see cref="WithinMilliseconds"/>; null: not checked.</summary>
    public MonitorReaction? Reaction { get; init; }

    /// <summary>Name of a <c>VcuDtc</c> constant that must be confirmed by the end; null: not checked.</summary>
    public string? DtcName { get; init; }

    /// <summary>The DTC number of <see cref="DtcName"/>.</summary>
    public uint Dtc { get; init; }

    /// <summary>Time after the fault by which the reaction must be in place, ms.</summary>
    public double WithinMilliseconds { get; init; } = 200;

    /// <summary>Time observed after the fault, ms.</summary>
    public double ObserveMilliseconds { get; init; } = 1000;
}

/// <summary>One scenario of a <c>vcu-torque</c> suite.</summary>
public sealed class VcuTorqueScenario
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public int LineNumber { get; init; }

    public required VcuScenarioType Type { get; init; }

    public DriveMode DriveMode { get; init; } = DriveMode.Normal;

    /// <summary>Vehicle speeds the plant is held at, km/h; one for step and fault scenarios.</summary>
    public IReadOnlyList<double> SpeedsKmh { get; init; } = [0];

    /// <summary>Pedal positions, %; one for fault scenarios, the grid for accuracy scenarios.</summary>
    public IReadOnlyList<double> PedalsPercent { get; init; } = [0];

    /// <summary>Pedal before and after the step, %.</summary>
    public double PedalFromPercent { get; init; }

    public double PedalToPercent { get; init; }

    /// <summary>Time each accuracy point is held before it is measured, s.</summary>
    public double HoldSeconds { get; init; } = 3;

    /// <summary>Relative error of the MCU's torque feedback, %.</summary>
    public double FeedbackGainErrorPercent { get; init; }

    /// <summary>Relative error of the torque the motor delivers against the command, %.</summary>
    public double ActuationGainErrorPercent { get; init; }

    public VcuFault? Fault { get; init; }

    public VcuFaultExpectation Expect { get; init; } = new();

    public required VcuTorqueCriteria Criteria { get; init; }
}
