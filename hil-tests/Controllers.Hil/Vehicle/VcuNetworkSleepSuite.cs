using System.Collections.Generic;

namespace Controllers.Hil.Vehicle;

/// <summary>A <c>vcu-network-sleep</c> suite: its scenarios on a <see cref="VcuSleepRig"/>.</summary>
public sealed class VcuNetworkSleepSuite
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public required string FilePath { get; init; }

    /// <summary>Vehicle definition whose traction motor heats the cooling loop; null when no scenario needs it.</summary>
    public Controllers.Simulation.Vehicle.VehicleDefinition? Vehicle { get; init; }

    public required IReadOnlyList<VcuNetworkSleepScenario> Scenarios { get; init; }
}

/// <summary>What a scenario does.</summary>
public enum VcuSleepScenarioType
{
    /// <summary>Key on, key off, deep sleep: time to sleep and the static current.</summary>
    KeyOffSleep,

    /// <summary>A wake-up from deep sleep by one source, and sleep again once the source goes.</summary>
    Wake,

    /// <summary>A peer keeps the network after key-off; the VCU must stay awake until it releases.</summary>
    CoordinatedSleep,

    /// <summary>A required node stops sending NM messages with the key on.</summary>
    LostNode,

    /// <summary>The bus is shorted with the key on, then the short is removed.</summary>
    BusOff,

    /// <summary>Key-off with a hot motor: the cooling after-run keeps the network awake, then the board sleeps.</summary>
    AfterRun,

    /// <summary>A held motor load with the cooling-loop plant, optionally with the radiator fan failed.</summary>
    ThermalLoad,
}

/// <summary>Wake sources of the VCU board.</summary>
public enum VcuWakeSource
{
    Key,
    ChargePlug,
    Network,
    Timer,
}

/// <summary>
/// Limits of a scenario. Each default is the figure the suite file's comments give a source for: the customer's 2 mA
/// static current, the NM and bus-off timers of the VCU's network management, the board model's boot time.
/// </summary>
public sealed record VcuSleepExpectation
{
    /// <summary>Largest time from the last reason to stay awake to deep sleep, s.</summary>
    public double SleepWithinSeconds { get; init; } = 4;

    /// <summary>Largest supply current in deep sleep, mA (customer: 2 mA).</summary>
    public double SleepCurrentMilliamps { get; init; } = 2;

    /// <summary>Largest time from the wake event to NM Repeat Message, ms.</summary>
    public double LatencyMilliseconds { get; init; } = 320;

    /// <summary>Largest time from a node's silence to its lost-node DTC, ms.</summary>
    public double DtcWithinMilliseconds { get; init; } = 2010;

    /// <summary>Pause after each of the first bus-offs, ms; the measured pause may exceed it by one 10 ms task period.</summary>
    public double FastPauseMilliseconds { get; init; } = 50;

    /// <summary>Pause after the later bus-offs, ms, with the same tolerance.</summary>
    public double SlowPauseMilliseconds { get; init; } = 1000;

    /// <summary>Number of consecutive bus-offs at which the CanBusOff DTC is set.</summary>
    public int DtcAfterBusOffs { get; init; } = 5;

    /// <summary>Largest time from removing the short to the CanBusOff DTC test passing, ms.</summary>
    public double RecoveryWithinMilliseconds { get; init; } = 2020;

    /// <summary>Shortest time the after-run keeps the board awake after key-off, s.</summary>
    public double AfterRunSeconds { get; init; } = 300;

    /// <summary>Motor winding temperature where derating starts and where the cap reaches 0, °C (docs/vcu-thermal.md).</summary>
    public double MotorDerateStartCelsius { get; init; } = 140;

    public double MotorDerateEndCelsius { get; init; } = 165;

    /// <summary>Inverter temperature where derating starts and where the cap reaches 0, °C (docs/vcu-thermal.md).</summary>
    public double InverterDerateStartCelsius { get; init; } = 80;

    public double InverterDerateEndCelsius { get; init; } = 95;

    /// <summary>Largest difference between the torque cap and the derating curve at the measured temperatures, fraction.</summary>
    public double TorqueCapTolerance { get; init; } = 0.02;
}

/// <summary>One scenario of a <c>vcu-network-sleep</c> suite.</summary>
public sealed class VcuNetworkSleepScenario
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public int LineNumber { get; init; }

    public required VcuSleepScenarioType Type { get; init; }

    /// <summary>Time with the key on before key-off or the fault, s.</summary>
    public double DriveSeconds { get; init; } = 5;

    /// <summary>Wake source of a wake scenario.</summary>
    public VcuWakeSource Source { get; init; }

    /// <summary>12 V supply of the board, V.</summary>
    public double SupplyVolts { get; init; } = 13.5;

    /// <summary>Time the wake source or the peer's network request stays, s.</summary>
    public double HoldSeconds { get; init; } = 5;

    /// <summary>Peer node of a coordinated-sleep, lost-node scenario: BMS, MCU, GCU or OBC.</summary>
    public string Node { get; init; } = "OBC";

    /// <summary>Time the bus stays shorted, s.</summary>
    public double ShortSeconds { get; init; } = 5;

    /// <summary>Motor temperature the MCU reports in an after-run scenario, °C.</summary>
    public double MotorCelsius { get; init; } = 90;

    /// <summary>Ambient temperature of a thermal-load scenario, °C.</summary>
    public double AmbientCelsius { get; init; } = 40;

    /// <summary>Held motor speed of a thermal-load scenario, rpm.</summary>
    public double SpeedRpm { get; init; }

    /// <summary>Torque requested of the motor in a thermal-load scenario, N·m, before the thermal cap.</summary>
    public double TorqueNewtonMetres { get; init; }

    /// <summary>When true, the radiator fan of the cooling loop does not turn.</summary>
    public bool FanFailed { get; init; }

    public required VcuSleepExpectation Expect { get; init; }
}
