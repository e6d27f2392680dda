using System;
using System.Linq;
using System.IO;
using Controllers.Firmware.Vcu;
using Controllers.Firmware.Vcu.Intention;
using Controllers.Firmware.Vcu.Monitoring;
using Controllers.Hil.Acquisition;
using Controllers.Hil.Tests.Acquisition;
using Controllers.Hil.Vehicle;
using Controllers.Simulation.Data;
using Xunit;

namespace Controllers.Hil.Tests.Vehicle;

public sealed class VcuTorqueSuiteFileTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "ctl-vcu-torque-" + Guid.NewGuid().ToString("N"));

    public VcuTorqueSuiteFileTests()
    {
        Directory.CreateDirectory(folder);
    }

    public void Dispose() => Directory.Delete(folder, true);

    public static string BundledSuitePath => Path.Combine(RepositoryRoot.Path, "hil-tests", "suites", "vcu-torque.yaml");

    private static string VehiclePath => Path.Combine(RepositoryRoot.Path, "boards", "vcu-atv.yaml");

    /// <summary>Writes a suite with a 4-line header; the first scenario line is line 5.</summary>
    private string Write(params string[] scenarioLines)
    {
        string path = Path.Combine(folder, "suite.yaml");
        string header = string.Join("\n", "kind: vcu-torque", "name: Test suite", "vehicle: " + VehiclePath, "scenarios:");
        File.WriteAllText(path, header + "\n" + string.Join("\n", scenarioLines) + "\n");
        return path;
    }

    private DataFileException LoadFails(params string[] scenarioLines)
    {
        string path = Write(scenarioLines);
        return Assert.Throws<DataFileException>(() => VcuTorqueSuiteFile.Load(path));
    }

    [Fact]
    public void BundledSuite_Loads()
    {
        var suite = VcuTorqueSuiteFile.Load(BundledSuitePath);

        Assert.Equal(VcuTorqueSuiteFile.Kind, AcquisitionSuiteFile.ReadKind(BundledSuitePath));
        Assert.Equal(25, suite.Scenarios.Count);
        Assert.Equal(50, suite.Scenarios[0].Criteria.ResponseMilliseconds);
        Assert.Equal(5, suite.Scenarios[0].Criteria.AccuracyPercent);
        Assert.Equal(10, suite.Scenarios.Count(s => s.Type == VcuScenarioType.Step));
        Assert.Equal(3, suite.Scenarios.Count(s => s.Type == VcuScenarioType.Accuracy));
    }

    [Fact]
    public void Step_ReadsPedalsAndMode()
    {
        var suite = VcuTorqueSuiteFile.Load(Write(
            "  - name: s1", "    type: step", "    driveMode: sport", "    speedKmh: 20", "    pedalFromPercent: 30", "    pedalToPercent: 80"));

        var scenario = suite.Scenarios[0];
        Assert.Equal(VcuScenarioType.Step, scenario.Type);
        Assert.Equal(DriveMode.Sport, scenario.DriveMode);
        Assert.Equal(20, scenario.SpeedsKmh[0]);
        Assert.Equal(30, scenario.PedalFromPercent);
        Assert.Equal(80, scenario.PedalToPercent);
    }

    [Fact]
    public void Fault_ReadsExpectation()
    {
        var suite = VcuTorqueSuiteFile.Load(Write(
            "  - name: f1", "    type: fault", "    fault: motor-overtorque", "    speedKmh: 15", "    pedalPercent: 10",
            "    expect: { reaction: shutdown, dtc: TorqueMonitorMismatch, withinMilliseconds: 250 }"));

        var expect = suite.Scenarios[0].Expect;
        Assert.Equal(VcuFault.MotorOvertorque, suite.Scenarios[0].Fault);
        Assert.Equal(MonitorReaction.Shutdown, expect.Reaction);
        Assert.Equal(VcuDtc.TorqueMonitorMismatch, expect.Dtc);
        Assert.Equal(250, expect.WithinMilliseconds);
        Assert.Null(expect.TorqueAtMostNewtonMetres);
    }

    [Fact]
    public void UnknownType_NamesKey()
    {
        var error = LoadFails("  - name: s1", "    type: ramp");

        Assert.Equal("type", error.Field);
        Assert.Equal(6, error.LineNumber);
        Assert.Contains("ramp", error.Problem);
    }

    [Fact]
    public void UnknownFault_NamesKeyAndChoices()
    {
        var error = LoadFails("  - name: f1", "    type: fault", "    fault: pedal-on-fire", "    speedKmh: 15", "    pedalPercent: 10",
            "    expect: { dtc: BrakeSensorRange }");

        Assert.Equal("fault", error.Field);
        Assert.Equal(7, error.LineNumber);
        Assert.Contains("pedal-on-fire", error.Problem);
        Assert.Contains("track1-short-to-ground", error.Problem);
    }

    [Fact]
    public void UnknownDtc_NamesKey()
    {
        var error = LoadFails("  - name: f1", "    type: fault", "    fault: mcu-silent", "    speedKmh: 15", "    pedalPercent: 10",
            "    expect: { dtc: McuLost }");

        Assert.Equal("dtc", error.Field);
        Assert.Contains("McuLost", error.Problem);
        Assert.Contains("McuCommunicationLost", error.Problem);
    }

    [Fact]
    public void UnknownKey_Rejected()
    {
        var error = LoadFails("  - name: s1", "    type: step", "    speedKmh: 0", "    pedalFromPercent: 0", "    pedalToPercent: 50",
            "    pedalPercent: 50");

        Assert.Equal("pedalPercent", error.Field);
    }

    [Fact]
    public void MissingPedalTo_NamesKey()
    {
        var error = LoadFails("  - name: s1", "    type: step", "    speedKmh: 0", "    pedalFromPercent: 0");

        Assert.Equal("pedalToPercent", error.Field);
    }

    [Fact]
    public void StepTooSmall_NamesKey()
    {
        var error = LoadFails("  - name: s1", "    type: step", "    speedKmh: 0", "    pedalFromPercent: 40", "    pedalToPercent: 45");

        Assert.Equal("pedalToPercent", error.Field);
        Assert.Contains("40", error.Problem);
    }

    [Fact]
    public void SpeedOutOfRange_NamesKey()
    {
        var error = LoadFails("  - name: s1", "    type: step", "    speedKmh: 80", "    pedalFromPercent: 0", "    pedalToPercent: 50");

        Assert.Equal("speedKmh", error.Field);
        Assert.Contains("80", error.Problem);
    }

    [Fact]
    public void EmptyExpectation_Rejected()
    {
        var error = LoadFails("  - name: f1", "    type: fault", "    fault: mcu-silent", "    speedKmh: 15", "    pedalPercent: 10",
            "    expect: { withinMilliseconds: 100 }");

        Assert.Equal("expect", error.Field);
    }

    [Fact]
    public void UnknownDriveMode_NamesKey()
    {
        var error = LoadFails("  - name: s1", "    type: step", "    driveMode: turbo", "    speedKmh: 0", "    pedalFromPercent: 0",
            "    pedalToPercent: 50");

        Assert.Equal("driveMode", error.Field);
        Assert.Contains("turbo", error.Problem);
    }
}
