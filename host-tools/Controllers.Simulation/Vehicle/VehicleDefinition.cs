using Controllers.Simulation.Boards;

namespace Controllers.Simulation.Vehicle;

/// <summary>Everything a vehicle plant needs, as read from a vehicle definition file (boards/vcu-*.yaml).</summary>
public sealed class VehicleDefinition
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public required ChassisParameters Chassis { get; init; }

    public required TractionMotorParameters Motor { get; init; }

    public required EngineGeneratorParameters Generator { get; init; }

    public required HighVoltageParameters HighVoltage { get; init; }

    /// <summary>Cell that the traction pack is built from, loaded from <see cref="HighVoltageParameters.CellDefinitionPath"/>.</summary>
    public required CellDefinition Cell { get; init; }

    public required LowVoltageParameters LowVoltage { get; init; }

    public required DriverParameters Driver { get; init; }
}
