using System;
using System.IO;
using Controllers.Simulation.Vehicle;

namespace Controllers.Firmware.Vcu.Tests;

/// <summary>Files of the repository that the tests read, found by walking up from the test binaries to Controllers.sln.</summary>
internal static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Controllers.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new DirectoryNotFoundException(
                $"No Controllers.sln above {AppContext.BaseDirectory}; run the tests from inside the repository.");
        }
    }

    public static VehicleDefinition LoadAtv() => VehicleDefinitionFile.Load(Path.Combine(Root, "boards", "vcu-atv.yaml"));
}
