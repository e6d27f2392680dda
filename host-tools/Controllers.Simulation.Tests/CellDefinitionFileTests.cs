using System.IO;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Simulation.Boards;
using Controllers.Simulation.Data;
using Xunit;

namespace Controllers.Simulation.Tests;

public class CellDefinitionFileTests
{
    // Line numbers matter: the error tests replace one line and expect it in the exception.
    private static readonly string[] ValidLines =
    {
        "name: \"Test cell\"",                                   // 1
        "source: \"written by hand\"",                           // 2
        "capacityAmpereHours: 2.5",                              // 3
        "minimumVoltageVolts: 2.5",                              // 4
        "maximumVoltageVolts: 4.2",                              // 5
        "socBreakpoints: [0, 0.5, 1]",                           // 6
        "ocv:",                                                  // 7
        "  - temperatureCelsius: 25",                            // 8
        "    volts: [3.0, 3.6, 4.1]",                            // 9
        "impedance:",                                            // 10
        "  - temperatureCelsius: 25",                            // 11
        "    ohmicResistanceOhms: [0.02, 0.021, 0.022]",         // 12
        "    fastBranchResistanceOhms: [0.01, 0.01, 0.01]",      // 13
        "    fastBranchTimeConstantSeconds: [2, 2.5, 3]",        // 14
        "    slowBranchResistanceOhms: [0.02, 0.02, 0.02]",      // 15
        "    slowBranchTimeConstantSeconds: [40, 50, 60]",       // 16
    };

    private static string WithLine(int lineNumber, string text)
    {
        var lines = (string[])ValidLines.Clone();
        lines[lineNumber - 1] = text;
        return string.Join("\n", lines) + "\n";
    }

    private static DataFileException LoadInvalid(string yaml)
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("cell.yaml", yaml);
        return Assert.Throws<DataFileException>(() => CellDefinitionFile.Load(path));
    }

    [Fact]
    public void Load_ReadsHandWrittenFile()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("cell.yaml", string.Join("\n", ValidLines) + "\n");

        var definition = CellDefinitionFile.Load(path);
        var p = definition.Parameters;

        Assert.Equal("Test cell", definition.Name);
        Assert.Equal("written by hand", definition.Source);
        Assert.Equal(2.5f, p.CapacityAmpereHours);
        Assert.Equal(1f, p.ChargeEfficiency);
        Assert.Equal(new[] { 0f, 0.5f, 1f }, p.SocBreakpoints);
        Assert.Equal(new[] { 25f }, p.OcvTemperaturesCelsius);
        Assert.Equal(new[] { 3.0f, 3.6f, 4.1f }, p.OcvVolts);
        Assert.Equal(new[] { 0.02f, 0.021f, 0.022f }, p.OhmicResistanceOhms);
        Assert.Equal(new[] { 40f, 50f, 60f }, p.SlowBranchTimeConstantSeconds);
    }

    [Fact]
    public void SaveLoad_RoundTripsEveryValue()
    {
        // Values that have no short decimal form check that Save writes floats exactly.
        var parameters = new CellParameters
        {
            CapacityAmpereHours = 2.78074f,
            ChargeEfficiency = 0.98f,
            MinimumVoltageVolts = 2.5f,
            MaximumVoltageVolts = 4.2f,
            SocBreakpoints = new[] { 0f, 1f / 3f, 0.7f, 1f },
            OcvTemperaturesCelsius = new[] { -10f, 0.1f, 45f },
            OcvVolts = new[]
            {
                3.0f, 3.1f / 0.9f, 3.9f, 4.1f,
                3.01f, 3.5f, 3.91f, 4.15f,
                3.02f, 3.6f, 3.92f, 4.2f,
            },
            ImpedanceTemperaturesCelsius = new[] { 0f, 25f },
            OhmicResistanceOhms = new[] { 0.03f, 0.02f / 3f, 0.025f, 0.03f, 0.015f, 0.014f, 0.013f, 0.016f },
            ChargeOhmicResistanceOhms = new[] { 0.035f, 0.01f, 0.03f, 0.035f, 0.0175f, 0.016f, 0.015f, 0.018f },
            FastBranchResistanceOhms = new[] { 0.01f, 0.011f, 0.012f, 0.013f, 0.005f, 0.006f, 0.007f, 0.008f },
            FastBranchTimeConstantSeconds = new[] { 0.5f, 0.6f, 0.7f, 0.8f, 1f / 7f, 1.1f, 1.2f, 1.3f },
            SlowBranchResistanceOhms = new[] { 0f, 0.02f, 0.03f, 0.04f, 0.05f, 0.06f, 0.07f, 0.08f },
            SlowBranchTimeConstantSeconds = new[] { 15f, 20f, 30f, 40f, 50f, 60f, 70f, 99999.5f },
            CapacityTemperaturesCelsius = new[] { -10f, 25f },
            CapacityByTemperatureAmpereHours = new[] { 2.59862f, 2.78074f },
            HysteresisTemperaturesCelsius = new[] { 0f, 25f },
            HysteresisMagnitudeVolts = new[] { 0.03f, 0.02f / 3f },
            HysteresisRatePerSoc = new[] { 40f, 25.5f },
        };
        var original = new CellDefinition("Cell \"A\" \\ 18650", "bench: 25 °C, C/20", parameters);
        using var folder = new TemporaryFolder();
        string path = Path.Combine(folder.Path, "round-trip.yaml");

        CellDefinitionFile.Save(original, path, "Header line one\nHeader line two: with a colon");
        var loaded = CellDefinitionFile.Load(path);
        var p = loaded.Parameters;

        Assert.Equal(original.Name, loaded.Name);
        Assert.Equal(original.Source, loaded.Source);
        Assert.Equal(parameters.CapacityAmpereHours, p.CapacityAmpereHours);
        Assert.Equal(parameters.ChargeEfficiency, p.ChargeEfficiency);
        Assert.Equal(parameters.MinimumVoltageVolts, p.MinimumVoltageVolts);
        Assert.Equal(parameters.MaximumVoltageVolts, p.MaximumVoltageVolts);
        Assert.Equal(parameters.SocBreakpoints, p.SocBreakpoints);
        Assert.Equal(parameters.OcvTemperaturesCelsius, p.OcvTemperaturesCelsius);
        Assert.Equal(parameters.OcvVolts, p.OcvVolts);
        Assert.Equal(parameters.ImpedanceTemperaturesCelsius, p.ImpedanceTemperaturesCelsius);
        Assert.Equal(parameters.OhmicResistanceOhms, p.OhmicResistanceOhms);
        Assert.Equal(parameters.ChargeOhmicResistanceOhms, p.ChargeOhmicResistanceOhms);
        Assert.Equal(parameters.FastBranchResistanceOhms, p.FastBranchResistanceOhms);
        Assert.Equal(parameters.FastBranchTimeConstantSeconds, p.FastBranchTimeConstantSeconds);
        Assert.Equal(parameters.SlowBranchResistanceOhms, p.SlowBranchResistanceOhms);
        Assert.Equal(parameters.SlowBranchTimeConstantSeconds, p.SlowBranchTimeConstantSeconds);
        Assert.Equal(parameters.CapacityTemperaturesCelsius, p.CapacityTemperaturesCelsius);
        Assert.Equal(parameters.CapacityByTemperatureAmpereHours, p.CapacityByTemperatureAmpereHours);
        Assert.Equal(parameters.HysteresisTemperaturesCelsius, p.HysteresisTemperaturesCelsius);
        Assert.Equal(parameters.HysteresisMagnitudeVolts, p.HysteresisMagnitudeVolts);
        Assert.Equal(parameters.HysteresisRatePerSoc, p.HysteresisRatePerSoc);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void Save_RejectsInvalidParameters()
    {
        var parameters = new CellParameters();
        using var folder = new TemporaryFolder();
        string path = Path.Combine(folder.Path, "invalid.yaml");

        Assert.Throws<System.ArgumentException>(() => CellDefinitionFile.Save(new CellDefinition("x", "", parameters), path, ""));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Load_InvalidYamlNamesLine()
    {
        // A second colon on one line is a YAML syntax error ("mapping values are not allowed here").
        var error = LoadInvalid(WithLine(5, "maximumVoltageVolts: 4.2: 5"));

        Assert.Equal(5, error.LineNumber);
    }

    [Fact]
    public void Load_UnknownKeyNamesLineAndKey()
    {
        var error = LoadInvalid(WithLine(3, "capacityAmpHours: 2.5"));

        Assert.Equal(3, error.LineNumber);
        Assert.Equal("capacityAmpHours", error.Field);
    }

    [Fact]
    public void Load_UnknownKeyInRowNamesLine()
    {
        var error = LoadInvalid(WithLine(13, "    fastResistanceOhms: [0.01, 0.01, 0.01]"));

        Assert.Equal(13, error.LineNumber);
        Assert.Equal("fastResistanceOhms", error.Field);
    }

    [Fact]
    public void Load_WrongListLengthNamesLineAndField()
    {
        var error = LoadInvalid(WithLine(9, "    volts: [3.0, 3.6]"));

        Assert.Equal(9, error.LineNumber);
        Assert.Equal("volts", error.Field);
    }

    [Fact]
    public void Load_WrongImpedanceListLengthNamesLine()
    {
        var error = LoadInvalid(WithLine(14, "    fastBranchTimeConstantSeconds: [2, 2.5, 3, 3.5]"));

        Assert.Equal(14, error.LineNumber);
        Assert.Equal("fastBranchTimeConstantSeconds", error.Field);
    }

    [Fact]
    public void Load_InvalidNumberNamesLine()
    {
        var error = LoadInvalid(WithLine(3, "capacityAmpereHours: 2,5"));

        Assert.Equal(3, error.LineNumber);
        Assert.Equal("capacityAmpereHours", error.Field);
    }

    [Fact]
    public void Load_OutOfRangeNumberNamesLine()
    {
        var error = LoadInvalid(WithLine(12, "    ohmicResistanceOhms: [0.02, 11, 0.022]"));

        Assert.Equal(12, error.LineNumber);
        Assert.Equal("ohmicResistanceOhms[1]", error.Field);
    }

    [Fact]
    public void Load_MissingKeyRejected()
    {
        var error = LoadInvalid(WithLine(4, "# minimum voltage left out"));

        Assert.Equal("minimumVoltageVolts", error.Field);
    }

    [Fact]
    public void Load_FallingOcvNamesField()
    {
        // Every value is in range; the loader finds the third value below the second on line 9.
        var error = LoadInvalid(WithLine(9, "    volts: [3.0, 3.6, 3.5]"));

        Assert.Equal("volts", error.Field);
        Assert.Equal(9, error.LineNumber);
    }

    [Fact]
    public void Load_TopLevelListRejected()
    {
        var error = LoadInvalid("- 1\n- 2\n");

        Assert.Equal(1, error.LineNumber);
    }

    [Fact]
    public void Load_RealCellFile()
    {
        var definition = CellDefinitionFile.Load(Path.Combine(RepositoryPaths.Root, "boards", "cells", "lg-18650hg2.yaml"));

        Assert.Equal("LG INR18650HG2", definition.Name);
        Assert.Equal(2.78074f, definition.Parameters.CapacityAmpereHours);
        Assert.Equal(23, definition.Parameters.SocBreakpoints.Length);
        Assert.Equal(new[] { 0f, 25f }, definition.Parameters.OcvTemperaturesCelsius);
        // Each impedance row sits at the mean cell temperature of its drive cycle (1.8 °C in the 0 °C chamber).
        Assert.Equal(new[] { 1.8f, 25f }, definition.Parameters.ImpedanceTemperaturesCelsius);

        // The C/20 discharges deliver 2.59862 Ah at 0 °C (585_C20DisCh_parsed.csv, lowest charge count)
        // and 2.78074 Ah at 25 °C (549_C20DisCh_parsed.csv).
        Assert.Equal(new[] { 0f, 25f }, definition.Parameters.CapacityTemperaturesCelsius);
        Assert.Equal(new[] { 2.59862f, 2.78074f }, definition.Parameters.CapacityByTemperatureAmpereHours);
    }

    [Fact]
    public void Load_WithoutCapacityTableUsesOneCapacity()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("cell.yaml", string.Join("\n", ValidLines) + "\n");

        var parameters = CellDefinitionFile.Load(path).Parameters;

        Assert.Empty(parameters.CapacityTemperaturesCelsius);
        Assert.Empty(parameters.CapacityByTemperatureAmpereHours);
    }

    [Fact]
    public void Load_EmptyCapacityTableNamesLine()
    {
        var error = LoadInvalid(WithLine(3, "capacityAmpereHours: 2.5\ncapacityByTemperature: []"));

        Assert.Equal(4, error.LineNumber);
        Assert.Equal("capacityByTemperature", error.Field);
    }

    [Fact]
    public void Load_CapacityTableNotAscendingNamesField()
    {
        var error = LoadInvalid(WithLine(3, "capacityAmpereHours: 2.5\ncapacityByTemperature:\n" +
            "  - { temperatureCelsius: 25, capacityAmpereHours: 2.5 }\n  - { temperatureCelsius: 0, capacityAmpereHours: 2.3 }"));

        Assert.Equal("temperatureCelsius", error.Field);
    }

    [Fact]
    public void Load_CapacityTableOutOfRangeNamesLine()
    {
        var error = LoadInvalid(WithLine(3, "capacityAmpereHours: 2.5\ncapacityByTemperature:\n" +
            "  - { temperatureCelsius: 0, capacityAmpereHours: 0.01 }"));

        Assert.Equal(5, error.LineNumber);
        Assert.Equal("capacityAmpereHours", error.Field);
    }

    [Fact]
    public void Load_HysteresisMagnitudeOutOfRangeNamesLine()
    {
        var error = LoadInvalid(WithLine(3, "capacityAmpereHours: 2.5\nhysteresis:\n" +
            "  - { temperatureCelsius: 25, magnitudeVolts: 0.6, ratePerSoc: 30 }"));

        Assert.Equal(5, error.LineNumber);
        Assert.Equal("magnitudeVolts", error.Field);
    }

    [Fact]
    public void Load_EmptyHysteresisTableNamesLine()
    {
        var error = LoadInvalid(WithLine(3, "capacityAmpereHours: 2.5\nhysteresis: []"));

        Assert.Equal(4, error.LineNumber);
        Assert.Equal("hysteresis", error.Field);
    }

    [Fact]
    public void Load_WithoutChargeResistanceSharesTable()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("cell.yaml", string.Join("\n", ValidLines) + "\n");

        var p = CellDefinitionFile.Load(path).Parameters;

        Assert.Empty(p.ChargeOhmicResistanceOhms);
    }

    [Fact]
    public void Load_ReadsChargeResistanceRow()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("cell.yaml", WithLine(12,
            "    ohmicResistanceOhms: [0.02, 0.021, 0.022]\n    chargeOhmicResistanceOhms: [0.025, 0.026, 0.027]"));

        var p = CellDefinitionFile.Load(path).Parameters;

        Assert.Equal(new[] { 0.025f, 0.026f, 0.027f }, p.ChargeOhmicResistanceOhms);
    }

    [Fact]
    public void Load_ChargeResistanceInSomeRowsRejected()
    {
        string yaml = WithLine(12,
            "    ohmicResistanceOhms: [0.02, 0.021, 0.022]\n    chargeOhmicResistanceOhms: [0.025, 0.026, 0.027]")
            + "  - temperatureCelsius: 40\n"
            + "    ohmicResistanceOhms: [0.02, 0.021, 0.022]\n"
            + "    fastBranchResistanceOhms: [0.01, 0.01, 0.01]\n"
            + "    fastBranchTimeConstantSeconds: [2, 2.5, 3]\n"
            + "    slowBranchResistanceOhms: [0.02, 0.02, 0.02]\n"
            + "    slowBranchTimeConstantSeconds: [40, 50, 60]\n";

        var error = LoadInvalid(yaml);

        Assert.Equal("chargeOhmicResistanceOhms", error.Field);
        Assert.Equal(18, error.LineNumber);
    }

    [Fact]
    public void Load_ChargeResistanceRatioRejected()
    {
        // 0.05 / 0.021 = 2.4 times the discharge value, above the 2 times bound.
        var error = LoadInvalid(WithLine(12,
            "    ohmicResistanceOhms: [0.02, 0.021, 0.022]\n    chargeOhmicResistanceOhms: [0.025, 0.05, 0.027]"));

        Assert.Equal("chargeOhmicResistanceOhms", error.Field);
        Assert.Contains("ChargeOhmicResistanceOhms[1]", error.Message);
    }
}
