using System.IO;
using Controllers.Simulation.Vehicle;

namespace Controllers.Simulation.Tests.Vehicle;

/// <summary>The vehicle definition and drive cycles that the vehicle tests read.</summary>
internal static class VehicleFiles
{
    public static string AtvDefinition => Path.Combine(RepositoryPaths.Root, "boards", "vcu-atv.yaml");

    public static string DriveCycle(string fileName) =>
        Path.Combine(RepositoryPaths.Root, "host-tools", "Controllers.Simulation.Tests", "Vehicle", "DriveCycles", fileName);

    public static VehicleDefinition LoadAtv() => VehicleDefinitionFile.Load(AtvDefinition);
}
