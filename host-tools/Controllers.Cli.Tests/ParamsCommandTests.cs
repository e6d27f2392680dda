using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Controllers.Firmware.Common.Parameters;
using Controllers.Firmware.Vcu.Parameters;
using Xunit;

namespace Controllers.Cli.Tests;

public sealed class ParamsCommandTests : IDisposable
{
    private readonly ParamsTestEcu ecu = new();
    private readonly string folder = Directory.CreateTempSubdirectory("ctl-params-").FullName;
    private readonly string keyFile;

    public ParamsCommandTests()
    {
        keyFile = Path.Combine(folder, "vcu.key");
        File.WriteAllText(keyFile, ParamsTestEcu.SecretHex + "\n");
    }

    public void Dispose()
    {
        ecu.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    // A 2 s P2 keeps the tests stable on a loaded machine, although the ECU on loopback responds within milliseconds.
    private CtlRun Run(string command, params string[] extra) => RunIn("en_US.UTF-8", command, extra);

    private CtlRun RunIn(string language, string command, params string[] extra)
    {
        string[] arguments = ["params", command, "--socketcand", ecu.Endpoint, "--channel", "can0", "--p2", "2000", .. extra];
        return CtlProcess.Run(folder, arguments, language);
    }

    private float EcuFloat(int id) => ecu.Read((record, _) => record.Database.GetFloat(id));

    private int EcuWriteCount() => ecu.Read((_, store) => store.WriteCount);

    // Values the store holds, read by a second database as the next start would.
    private ParameterDatabase Persisted() => ecu.Read((_, store) =>
    {
        var database = VcuParameters.CreateDatabase();
        new ParameterRecord(database, store, 0, 1).Load();
        return database;
    });

    [Fact]
    public void Get_ShowsUnitAndLimitsFromEcu()
    {
        CtlRun run = Run("get", "limpHome.speed");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.StandardError);
        string row = run.StandardOutput.Split('\n').Single(line => line.Contains("limpHome.speed"));

        // FaultReactionSettings: 20 km/h by default; VcuParameters limits 5 to 60 km/h.
        Assert.Contains("0x0201", row);
        Assert.Contains("km/h", row);
        Assert.Equal(["20", "5", "60", "20"], row.Split('│', StringSplitOptions.TrimEntries).Where(cell => cell.Length > 0).Skip(2).Where(cell => cell != "km/h").ToArray());
    }

    [Fact]
    public void Get_ById()
    {
        CtlRun run = Run("get", "0x0302");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("energy.startSoc", run.StandardOutput);
        Assert.Contains("0.45", run.StandardOutput);
    }

    [Fact]
    public void Get_UnknownNameIsInvalidInput()
    {
        CtlRun run = Run("get", "no.such");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Parameter no.such is not in the ECU's parameter database", run.StandardError);
    }

    [Fact]
    public void Set_WritesSavesAndReadsBack()
    {
        CtlRun run = Run("set", "limpHome.speed", "15", "--key-file", keyFile);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.StandardError);
        Assert.Contains("Wrote limpHome.speed = 15 km/h and saved the parameters (record sequence 1).", run.StandardOutput);
        Assert.Equal(15f, EcuFloat(VcuParameters.LimpHomeSpeed));
        Assert.Equal(15f, Persisted().GetFloat(VcuParameters.LimpHomeSpeed));
    }

    [Theory]
    [InlineData("70", "limpHome.speed = 70 km/h is outside the limits 5 to 60 km/h.")]
    [InlineData("4.9", "limpHome.speed = 4.9 km/h is outside the limits 5 to 60 km/h.")]
    public void Set_OutOfRangeIsRejectedOnHost(string value, string message)
    {
        CtlRun run = Run("set", "limpHome.speed", value, "--key-file", keyFile);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.StandardError);
        Assert.Equal(20f, EcuFloat(VcuParameters.LimpHomeSpeed));
        Assert.Equal(0, EcuWriteCount());
    }

    [Fact]
    public void Set_OutOfRangeMessageInChinese()
    {
        CtlRun run = RunIn("zh_CN.UTF-8", "set", "limpHome.speed", "70", "--key-file", keyFile);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("limpHome.speed = 70 km/h 超出限值 5 至 60 km/h", run.StandardError);
    }

    [Fact]
    public void Set_WithoutKeyFileIsInvalidInput()
    {
        CtlRun run = Run("set", "limpHome.speed", "15");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--key-file is missing", run.StandardError);
    }

    [Fact]
    public void Set_WrongSecretFailsWithInvalidKey()
    {
        string wrongKey = Path.Combine(folder, "wrong.key");
        File.WriteAllText(wrongKey, "FF0102030405060708090A0B0C0D0E0F");

        CtlRun run = Run("set", "limpHome.speed", "15", "--key-file", wrongKey);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("SecurityAccess (0x27) with NRC 0x35", run.StandardError);
        Assert.Equal(20f, EcuFloat(VcuParameters.LimpHomeSpeed));
    }

    [Fact]
    public void ExportEditImport_RoundTrip()
    {
        string file = Path.Combine(folder, "vcu.json");
        CtlRun export = Run("export", file);
        Assert.Equal(0, export.ExitCode);
        Assert.Contains($"Exported 18 parameters to {file}.", export.StandardOutput);
        JsonObject document = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        JsonObject limpHome = Entry(document, "limpHome.speed");
        Assert.Equal("0x0201", (string?)limpHome["id"]);
        Assert.Equal(20.0, (double)limpHome["value"]!);
        Assert.Equal("km/h", (string?)limpHome["unit"]);
        Assert.Equal(5.0, (double)limpHome["min"]!);
        Assert.Equal(60.0, (double)limpHome["max"]!);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));

        limpHome["value"] = 25;
        Entry(document, "energy.strategy")["value"] = 2;
        Entry(document, "thermal.fanOn")["value"] = 85.5;
        File.WriteAllText(file, document.ToJsonString());
        CtlRun import = Run("import", file, "--key-file", keyFile);

        Assert.Equal(0, import.ExitCode);
        Assert.Equal("", import.StandardError);
        Assert.Contains("Imported 18 parameters, saved them (record sequence 1) and read every value back.", import.StandardOutput);
        ParameterDatabase persisted = Persisted();
        Assert.Equal(25f, persisted.GetFloat(VcuParameters.LimpHomeSpeed));
        Assert.Equal(2, persisted.GetInt32(VcuParameters.EnergyStrategyCode));
        Assert.Equal(85.5f, persisted.GetFloat(VcuParameters.FanOn));
        Assert.Equal(0.45f, persisted.GetFloat(VcuParameters.StartSoc));

        string again = Path.Combine(folder, "again.json");
        Assert.Equal(0, Run("export", again).ExitCode);
        Assert.Equal(document.ToJsonString(), JsonNode.Parse(File.ReadAllText(again))!.ToJsonString());
    }

    [Fact]
    public void Import_OneBadValueChangesNothing()
    {
        string file = Path.Combine(folder, "bad.json");
        Assert.Equal(0, Run("export", file).ExitCode);
        JsonObject document = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        Entry(document, "limpHome.speed")["value"] = 25;

        // 0.95 lies above the 0.9 maximum of energy.startSoc.
        Entry(document, "energy.startSoc")["value"] = 0.95;
        File.WriteAllText(file, document.ToJsonString());
        int writesBefore = EcuWriteCount();

        CtlRun run = Run("import", file, "--key-file", keyFile);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("energy.startSoc = 0.95 fraction is outside the limits 0.1 to 0.9 fraction.", run.StandardError);
        Assert.Equal(20f, EcuFloat(VcuParameters.LimpHomeSpeed));
        Assert.Equal(0.45f, EcuFloat(VcuParameters.StartSoc));
        Assert.Equal(writesBefore, EcuWriteCount());
    }

    [Fact]
    public void Import_InconsistentValuesAreTakenBack()
    {
        string file = Path.Combine(folder, "rule.json");
        Assert.Equal(0, Run("export", file).ExitCode);
        JsonObject document = JsonNode.Parse(File.ReadAllText(file))!.AsObject();

        // 0.6 is within the limits of energy.startSoc but above energy.stopSoc (0.55): the ECU refuses to save.
        Entry(document, "energy.startSoc")["value"] = 0.6;
        File.WriteAllText(file, document.ToJsonString());
        int writesBefore = EcuWriteCount();

        CtlRun run = Run("import", file, "--key-file", keyFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("RoutineControl (0x31) with NRC 0x22", run.StandardError);
        Assert.Equal(0.45f, EcuFloat(VcuParameters.StartSoc));
        Assert.Equal(writesBefore, EcuWriteCount());
    }

    [Fact]
    public void Import_NameMismatchIsInvalidInput()
    {
        string file = Path.Combine(folder, "names.json");
        File.WriteAllText(file, """{"format":"ctl-parameters/1","parameters":[{"id":"0x0201","name":"regen.brake","value":25}]}""");

        CtlRun run = Run("import", file, "--key-file", keyFile);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("parameter 0x0201 is named limpHome.speed on the ECU but regen.brake in the file.", run.StandardError);
    }

    private static JsonObject Entry(JsonObject document, string name) =>
        document["parameters"]!.AsArray().Select(node => node!.AsObject()).Single(entry => (string?)entry["name"] == name);
}
