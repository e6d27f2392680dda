using System;
using System.Globalization;
using System.IO;
using Controllers.Simulation.Data;
using Controllers.Simulation.Vehicle;
using Xunit;

namespace Controllers.Simulation.Tests.Vehicle;

public class VehicleDefinitionFileTests
{
    [Fact]
    public void AtvDefinitionLoads()
    {
        var definition = VehicleFiles.LoadAtv();

        Assert.Equal("vcu-atv", definition.Name);
        Assert.Equal(550, definition.Chassis.TotalMassKilograms);
        Assert.Equal(0.25, definition.Chassis.GetTerrain(Terrain.Mud).FrictionCoefficient);
        Assert.Equal(0.953, definition.Motor.MotoringEfficiency.Lookup(3000, 40), 1e-12);
        Assert.Equal(281, definition.Generator.BrakeSpecificFuelConsumption.Lookup(3500, 30), 1e-12);
        Assert.Equal(96, definition.HighVoltage.SeriesCells);
        Assert.Equal("LG INR18650HG2", definition.Cell.Name);
    }

    [Theory]
    [InlineData("  vehicleMassKilograms: 450", "  vehicleMassKilograms: 20", "vehicleMassKilograms")]
    [InlineData("  wheelRadiusMetres: 0.30", "  wheelRadiusMeters: 0.30", "wheelRadiusMeters")]
    [InlineData("  dragCoefficient: 0.9", "  dragCoefficient: high", "dragCoefficient")]
    [InlineData("  maxSpeedRpm: 8000", "  maxSpeedRpm: 2000", "maxSpeedRpm")]
    [InlineData("  idleSpeedRpm: 1500", "  idleSpeedRpm: 5000", "ratedSpeedRpm")]
    [InlineData("kind: vehicle", "kind: bms-pack", "kind")]
    [InlineData("  cell: cells/lg-18650hg2.yaml", "  cell: cells/missing.yaml", "cell")]
    [InlineData("    speedsRpm: [500, 1000, 2000, 3000, 4500, 6000, 8000]", "    speedsRpm: [500, 1000, 1000, 3000, 4500, 6000, 8000]", "speedsRpm")]
    [InlineData("      - [0.697, 0.794, 0.823, 0.808, 0.769]", "      - [0.697, 0.794, 0.823, 0.808]", "motoring[0]")]
    [InlineData("      - [0.697, 0.794, 0.823, 0.808, 0.769]", "      - [1.2, 0.794, 0.823, 0.808, 0.769]", "motoring[0][0]")]
    [InlineData("      - [398, 351, 313, 301, 306]", "      - [398, 351, 313, 301, 99]", "gramsPerKilowattHour[0][4]")]
    [InlineData("  seriesCells: 96", "  seriesCells: 96.5", "seriesCells")]
    [InlineData("  batteryFullVolts: 12.7", "  batteryFullVolts: 11.0", "batteryFullVolts")]
    [InlineData("  track1FullVolts: 4.2", "  track1FullVolts: 0.5", "track1FullVolts")]
    public void InvalidValueNamesLineAndField(string original, string replacement, string field)
    {
        using var folder = new TemporaryFolder();
        string path = WriteDefinition(folder, original, replacement, out int lineNumber);

        var error = Assert.Throws<DataFileException>(() => VehicleDefinitionFile.Load(path));

        Assert.Equal(field, error.Field);
        if (field != "ratedSpeedRpm")
        {
            Assert.Equal(lineNumber, error.LineNumber);
        }
    }

    [Theory]
    [InlineData("  wheelRadiusMetres: 0.30", "wheelRadiusMetres")]
    [InlineData("  mud:", "mud")]
    [InlineData("    generating:", "generating")]
    public void MissingKeyIsNamed(string line, string field)
    {
        using var folder = new TemporaryFolder();
        // The lines indented below the key go with it, so its children do not move into the block above.
        string path = WriteDefinitionWithout(folder, line);

        var error = Assert.Throws<DataFileException>(() => VehicleDefinitionFile.Load(path));

        Assert.Equal(field, error.Field);
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void BaseSpeedErrorSaysWhatToChange()
    {
        // Base speed 20000 W / 90 N·m = 222.2 rad/s = 2122 rpm, above the 2000 rpm written into the file.
        using var folder = new TemporaryFolder();
        string path = WriteDefinition(folder, "  maxSpeedRpm: 8000", "  maxSpeedRpm: 2000", out _);
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            var english = Assert.Throws<DataFileException>(() => VehicleDefinitionFile.Load(path));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
            var chinese = Assert.Throws<DataFileException>(() => VehicleDefinitionFile.Load(path));

            Assert.Contains("2122 rpm", english.Problem);
            Assert.Contains("raise maxSpeedRpm", english.Problem);
            Assert.Contains("2122 rpm", chinese.Problem);
            Assert.Contains("基速", chinese.Problem);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void MapWithMissingRowIsRejected()
    {
        using var folder = new TemporaryFolder();
        string path = WriteDefinitionWithout(folder, "      - [0.879, 0.937, 0.963, 0.969, 0.971]");

        var error = Assert.Throws<DataFileException>(() => VehicleDefinitionFile.Load(path));

        Assert.Equal("generating", error.Field);
    }

    private static string WriteDefinition(TemporaryFolder folder, string original, string replacement, out int lineNumber)
    {
        string[] lines = File.ReadAllLines(VehicleFiles.AtvDefinition);
        int index = Array.IndexOf(lines, original);
        Assert.True(index >= 0, $"boards/vcu-atv.yaml has no line '{original}'.");
        lines[index] = replacement;
        lineNumber = index + 1;
        return Write(folder, lines);
    }

    // Drops the line and every following line indented deeper, so a whole mapping or list entry goes.
    private static string WriteDefinitionWithout(TemporaryFolder folder, string line)
    {
        var lines = new System.Collections.Generic.List<string>(File.ReadAllLines(VehicleFiles.AtvDefinition));
        int index = lines.IndexOf(line);
        Assert.True(index >= 0, $"boards/vcu-atv.yaml has no line '{line}'.");
        int indent = line.Length - line.TrimStart().Length;
        lines.RemoveAt(index);
        while (index < lines.Count && lines[index].Length - lines[index].TrimStart().Length > indent &&
               !line.TrimStart().StartsWith("-", StringComparison.Ordinal))
        {
            lines.RemoveAt(index);
        }

        return Write(folder, lines.ToArray());
    }

    // The definition refers to cells/lg-18650hg2.yaml, so the copy gets the cell file beside it.
    private static string Write(TemporaryFolder folder, string[] lines)
    {
        Directory.CreateDirectory(Path.Combine(folder.Path, "cells"));
        File.Copy(Path.Combine(RepositoryPaths.Root, "boards", "cells", "lg-18650hg2.yaml"),
            Path.Combine(folder.Path, "cells", "lg-18650hg2.yaml"));
        return folder.Write("vcu-atv.yaml", string.Join("\n", lines) + "\n");
    }
}
