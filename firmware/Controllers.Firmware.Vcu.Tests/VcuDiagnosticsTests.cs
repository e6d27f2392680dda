using System;
using System.Linq;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Parameters;
using Controllers.Firmware.Common.Storage;
using Controllers.Firmware.Vcu.Energy;
using Controllers.Firmware.Vcu.Parameters;
using Controllers.Simulation;
using Controllers.Simulation.Storage;
using Xunit;

namespace Controllers.Firmware.Vcu.Tests;

public class VcuDiagnosticsTests
{
    public static readonly byte[] Secret = Convert.FromHexString("A0A1A2A3A4A5A6A7A8A9AAABACADAEAF");

    /// <summary>Adds diagnostics with the VCU parameter set in regions 0/1 and the DTC record in regions 2/3 of <paramref name="store"/>.</summary>
    public static BoardDiagnostics AddDiagnostics(VcuCore core, ICanTransmitter bus, INonVolatileStore store)
    {
        var record = new ParameterRecord(VcuParameters.CreateDatabase(), store, 0, 1);
        record.Load();
        return core.AddDiagnostics(bus, new BoardDiagnosticsSettings
        {
            RequestId = 0x7E0,
            ResponseId = 0x7E8,
            SecuritySecret = Secret,
            RandomSource = new CountingRandom(),
            AttemptStore = new RamAttemptStore(),
            PartNumber = "VCU-ATV-01",
            SerialNumber = "SN000123",
            Parameters = record,
            ParameterValidator = new VcuParameters(),
            DtcStore = store,
            DtcRegionA = 2,
            DtcRegionB = 3,
        });
    }

    /// <summary>A request frame on 0x7E0 with <paramref name="bytes"/> as its data.</summary>
    public static CanFrame Request(params byte[] bytes)
    {
        var frame = new CanFrame();
        frame.SetId(0x7E0, false);
        frame.Length = bytes.Length;
        bytes.CopyTo(frame.Data, 0);
        return frame;
    }

    [Fact]
    public void ParameterDefaults_MatchSettingsClasses()
    {
        var database = VcuParameters.CreateDatabase();

        // Literal defaults from FaultReactionSettings, RangeExtenderSettings, TorqueArbiterSettings and ThermalSettings.
        Assert.Equal(20f, database.GetFloat(VcuParameters.LimpHomeSpeed));
        Assert.Equal(0.45f, database.GetFloat(VcuParameters.StartSoc));
        Assert.Equal(0.55f, database.GetFloat(VcuParameters.StopSoc));
        Assert.Equal(90f, database.GetFloat(VcuParameters.PeakTorque));
        Assert.Equal(45f, database.GetFloat(VcuParameters.BrakeRegen));
        Assert.Equal(40, database.GetInt32(VcuParameters.DtcAgeingCycles));
        Assert.Equal(50f, database.GetFloat(VcuParameters.MotorPumpOn));
        Assert.Equal(0, database.GetInt32(VcuParameters.EnergyStrategyCode));
    }

    [Fact]
    public void SavedParameters_ReachTheCoreAtStart()
    {
        var store = new SimulatedFlashStore(4, 4096, SimulatedRegionKind.File);
        var database = VcuParameters.CreateDatabase();
        var record = new ParameterRecord(database, store, 0, 1);
        record.Load();
        Assert.True(database.TrySetFloat(VcuParameters.LimpHomeSpeed, 15f));
        Assert.True(database.TrySetFloat(VcuParameters.StartSoc, 0.4f));
        Assert.True(database.TrySetInt32(VcuParameters.DtcAgeingCycles, 20));
        Assert.True(database.TrySetInt32(VcuParameters.EnergyStrategyCode, (int)EnergyStrategy.PowerFollowing));
        Assert.True(record.Save());

        // Next start: load, build the settings, build the core.
        var loaded = VcuParameters.CreateDatabase();
        Assert.Equal(ParameterLoadStatus.Loaded, new ParameterRecord(loaded, store, 0, 1).Load());
        VcuSettings settings = VcuParameters.CreateSettings(loaded, out bool rejected);
        var core = new VcuCore(new SimulatedClock(), new BoardInputs(), settings);

        Assert.False(rejected);
        Assert.Equal(0.4f, core.Energy.Settings.StartSoc);
        Assert.Equal(EnergyStrategy.PowerFollowing, core.Energy.Settings.Strategy);
        Assert.Equal(20, core.Dtcs.AgeingThresholdCycles);
        Assert.Equal(15f, core.Settings.FaultReactions.LimpHomeSpeedKilometresPerHour);
    }

    [Fact]
    public void InconsistentParameters_FallBackToDefaults()
    {
        var database = VcuParameters.CreateDatabase();

        // Start SOC 0.6 is inside its own limits but above the stop SOC 0.55, which RangeExtenderSettings forbids.
        Assert.True(database.TrySetFloat(VcuParameters.StartSoc, 0.6f));
        int index = new VcuParameters().FindInconsistentParameter(database);
        VcuSettings settings = VcuParameters.CreateSettings(database, out bool rejected);

        Assert.Equal(database.IndexOf(VcuParameters.EnergyStrategyCode), index);
        Assert.True(rejected);
        Assert.Equal(0.45f, settings.RangeExtender.StartSoc);
        Assert.Equal(0.45f, database.GetFloat(VcuParameters.StartSoc));
    }

    [Fact]
    public void ReadParameter_AnswersOnResponseId()
    {
        var clock = new SimulatedClock();
        var core = new VcuCore(clock, new BoardInputs());
        var bus = new Network.RecordingTransmitter();
        AddDiagnostics(core, bus, new SimulatedFlashStore(4, 4096, SimulatedRegionKind.File));
        core.Executive.Start();

        Assert.True(core.Receive(Request(0x03, 0x22, 0x40, 0x00), clock.NowMicroseconds));
        for (int i = 0; i < 3; i++)
        {
            core.Executive.RunDueTasks();
            clock.Advance(10000);
        }

        // Parameter 0 is torque.peak, 90 N·m = 0x42B40000 (IEEE 754: exponent 127 + 6, mantissa 1.40625).
        CanFrame response = Assert.Single(bus.WithId(0x7E8));
        Assert.Equal(new byte[] { 0x07, 0x62, 0x40, 0x00, 0x42, 0xB4, 0x00, 0x00 }, response.Data.Take(8).ToArray());
        Assert.NotNull(core.Uds);
    }

    [Fact]
    public void DtcRecord_SurvivesRestart()
    {
        var store = new SimulatedFlashStore(4, 4096, SimulatedRegionKind.File);
        var clock = new SimulatedClock();
        var core = new VcuCore(clock, new BoardInputs());
        AddDiagnostics(core, new Network.RecordingTransmitter { Keep = false }, store);
        core.Dtcs.ReportTestResult(VcuDtc.SupplyUndervoltage, true);
        Assert.True(core.Diagnostics!.DtcRecordTask!.SaveNow(clock.NowMicroseconds));

        var restarted = new VcuCore(new SimulatedClock(), new BoardInputs());
        AddDiagnostics(restarted, new Network.RecordingTransmitter { Keep = false }, store);

        int index = restarted.Dtcs.IndexOf(VcuDtc.SupplyUndervoltage);
        Assert.Equal(DtcMemory.ConfirmedDtc, restarted.Dtcs.StatusAt(index) & DtcMemory.ConfirmedDtc);
        Assert.Equal(1, restarted.Dtcs.OccurrenceCounterAt(index));
    }

    private sealed class CountingRandom : IUdsRandomSource
    {
        private uint next = 0x5A5A0001;

        public uint NextUInt32() => next++;
    }

    private sealed class RamAttemptStore : IUdsSecurityAttemptStore
    {
        private int count;

        public int LoadFailedAttempts() => count;

        public void StoreFailedAttempts(int value) => count = value;
    }
}
