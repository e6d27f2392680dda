using System;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Vcu.Faults;
using Xunit;

namespace Controllers.Firmware.Vcu.Tests;

/// <summary>
/// Fault reactions over a DTC memory with every VCU DTC. Test results are reported to the memory as the
/// monitors would report them. Expected caps are the calibration of <see cref="FaultReactionSettings"/>:
/// derate 0.5, limp-home 0.3 and 20 km/h.
/// </summary>
public class FaultReactionTests
{
    private readonly DtcMemory dtcs = new(64);
    private readonly FaultReactionManager manager;

    public FaultReactionTests()
    {
        VcuDtc.RegisterAll(dtcs);
        manager = new FaultReactionManager(new FaultReactionSettings(), FaultReactionTable.CreateDefault(), dtcs);
        manager.Update(keyOn: true);
    }

    private void Fail(uint number)
    {
        dtcs.ReportTestResult(number, true);
        manager.Update(keyOn: true);
    }

    private void Pass(uint number)
    {
        dtcs.ReportTestResult(number, false);
        manager.Update(keyOn: true);
    }

    private void KeyCycle()
    {
        manager.Update(keyOn: false);
        manager.Update(keyOn: true);
    }

    [Theory]
    [InlineData(VcuDtc.BrakeSwitchCorrelation, FaultReaction.WarningLamp, 1.0f)]
    [InlineData(VcuDtc.SupplyUndervoltage, FaultReaction.PowerDerate, 0.5f)]
    [InlineData(VcuDtc.AcceleratorTrack1Low, FaultReaction.LimpHome, 0.3f)]
    [InlineData(VcuDtc.AcceleratorCorrelation, FaultReaction.LimpHome, 0.3f)]
    [InlineData(VcuDtc.BmsCommunicationLost, FaultReaction.ZeroTorque, 0.0f)]
    [InlineData(VcuDtc.TorqueMonitorMismatch, FaultReaction.HvShutdown, 0.0f)]
    public void Reaction_PerSeverityClass(uint number, FaultReaction expected, float expectedCap)
    {
        Fail(number);

        Assert.Equal(expected, manager.ActiveReaction);
        Assert.Equal(number, manager.ActiveDtc);
        Assert.True(manager.WarningLampOn);
        Assert.Equal(expectedCap, manager.TorqueCapFraction);
        Assert.Equal(expected == FaultReaction.LimpHome, manager.LimpHome);
        Assert.Equal(expected == FaultReaction.LimpHome, manager.SpeedCapActive);
        Assert.Equal(expected >= FaultReaction.ZeroTorque, manager.ZeroTorque);
        Assert.Equal(expected == FaultReaction.HvShutdown, manager.RequestHvShutdown);
    }

    [Theory]
    [InlineData(VcuDtc.BrakeSwitchCorrelation, 0x20, 0x01)]
    [InlineData(VcuDtc.SupplyUndervoltage, 0x40, 0x02)]
    [InlineData(VcuDtc.AcceleratorTrack2High, 0x40, 0x01)]
    [InlineData(VcuDtc.AcceleratorCorrelation, 0x40, 0x01)]
    [InlineData(VcuDtc.BmsCommunicationLost, 0x80, 0x03)]
    [InlineData(VcuDtc.TorqueMonitorMismatch, 0x80, 0x03)]
    [InlineData(VcuDtc.ChargerFault, 0x20, 0x04)]
    public void Severity_FromReaction(uint number, int severity, int functionalUnit)
    {
        // maintenanceOnly 0x20 for the lamp, checkAtNextHalt 0x40 for derate and limp-home,
        // checkImmediately 0x80 for zero torque and HV shutdown (ISO 14229-1 DTCSeverityMask bits).
        int index = dtcs.IndexOf(number);

        Assert.Equal(severity, dtcs.SeverityAt(index));
        Assert.Equal(functionalUnit, dtcs.FunctionalUnitAt(index));
    }

    [Fact]
    public void NoFault_NoReaction()
    {
        Assert.Equal(FaultReaction.None, manager.ActiveReaction);
        Assert.False(manager.WarningLampOn);
        Assert.Equal(1f, manager.TorqueCapFraction);
        Assert.Equal(0u, manager.ActiveDtc);
    }

    [Fact]
    public void StrongestReaction_Wins()
    {
        Fail(VcuDtc.SupplyUndervoltage);
        Fail(VcuDtc.TorqueMonitorMismatch);
        Fail(VcuDtc.AcceleratorTrack1Low);

        Assert.Equal(FaultReaction.HvShutdown, manager.ActiveReaction);
        Assert.Equal(VcuDtc.TorqueMonitorMismatch, manager.ActiveDtc);
    }

    [Fact]
    public void LightReaction_ReleasesWhenHealed()
    {
        Fail(VcuDtc.SupplyUndervoltage);

        Pass(VcuDtc.SupplyUndervoltage);

        Assert.Equal(FaultReaction.None, manager.ActiveReaction);
        Assert.Equal(1f, manager.TorqueCapFraction);
    }

    [Theory]
    [InlineData(VcuDtc.AcceleratorTrack1Low, FaultReaction.LimpHome)]
    [InlineData(VcuDtc.BmsCommunicationLost, FaultReaction.ZeroTorque)]
    [InlineData(VcuDtc.TorqueMonitorMismatch, FaultReaction.HvShutdown)]
    public void SevereReaction_LatchesUntilKeyCycle(uint number, FaultReaction reaction)
    {
        Fail(number);

        Pass(number);
        Assert.Equal(reaction, manager.ActiveReaction);

        KeyCycle();
        Assert.Equal(FaultReaction.None, manager.ActiveReaction);
    }

    [Fact]
    public void SevereReaction_KeyCycleWhileFailed_StaysLatched()
    {
        Fail(VcuDtc.TorqueMonitorMismatch);

        KeyCycle();
        Assert.True(manager.RequestHvShutdown);

        // Healed after the key-on: still latched until the next key cycle.
        Pass(VcuDtc.TorqueMonitorMismatch);
        Assert.True(manager.RequestHvShutdown);

        KeyCycle();
        Assert.False(manager.RequestHvShutdown);
    }

    [Fact]
    public void WarningIndicator_FollowsLatch()
    {
        Fail(VcuDtc.AcceleratorTrack1Low);
        Pass(VcuDtc.AcceleratorTrack1Low);
        int index = dtcs.IndexOf(VcuDtc.AcceleratorTrack1Low);

        Assert.NotEqual(0, dtcs.StatusAt(index) & DtcMemory.WarningIndicatorRequested);

        KeyCycle();
        Assert.Equal(0, dtcs.StatusAt(index) & DtcMemory.WarningIndicatorRequested);
    }

    [Fact]
    public void KeyCycle_StartsOperationCycle()
    {
        Fail(VcuDtc.SupplyUndervoltage);
        int index = dtcs.IndexOf(VcuDtc.SupplyUndervoltage);
        Assert.NotEqual(0, dtcs.StatusAt(index) & DtcMemory.TestFailedThisOperationCycle);

        KeyCycle();

        Assert.Equal(0, dtcs.StatusAt(index) & DtcMemory.TestFailedThisOperationCycle);
        Assert.NotEqual(0, dtcs.StatusAt(index) & DtcMemory.TestNotCompletedThisOperationCycle);
    }

    [Fact]
    public void Ageing_After40PassedCycles()
    {
        Fail(VcuDtc.SupplyUndervoltage);
        Pass(VcuDtc.SupplyUndervoltage);
        int index = dtcs.IndexOf(VcuDtc.SupplyUndervoltage);

        // The cycle with the failure does not count, then 39 passed cycles keep the DTC confirmed.
        KeyCycle();
        for (int cycle = 1; cycle < 40; cycle++)
        {
            Pass(VcuDtc.SupplyUndervoltage);
            KeyCycle();
        }

        Assert.NotEqual(0, dtcs.StatusAt(index) & DtcMemory.ConfirmedDtc);

        Pass(VcuDtc.SupplyUndervoltage);
        KeyCycle();
        Assert.Equal(0, dtcs.StatusAt(index) & DtcMemory.ConfirmedDtc);
        Assert.Equal(40, dtcs.AgeingCounterAt(index));
    }

    [Fact]
    public void LateRegistration_Rejected()
    {
        dtcs.Register(0x0D5F00);

        Assert.Throws<InvalidOperationException>(() => manager.Update(true));
    }

    [Fact]
    public void Settings_InvalidValues_Rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaultReactionSettings { DerateTorqueFraction = 1.5f }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaultReactionSettings { LimpHomeTorqueFraction = 0.8f }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaultReactionSettings { LimpHomeSpeedKilometresPerHour = 0f }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaultReactionSettings { AgeingThresholdCycles = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaultReactionSettings { WheelRadiusMetres = float.NaN }.Validate());
    }

    [Fact]
    public void FreezeFrame_CapturedOnFailure()
    {
        var memory = new DtcMemory(VcuCore.DtcCapacity);
        VcuDtc.RegisterAll(memory);
        var signals = new VehicleSignals
        {
            MotorSpeedRadiansPerSecond = 400f,
            PackSoc = 0.62f,
            DcLinkVolts = 345.6f,
        };
        var board = new BoardInputs { SupplyVolts = 11.2f };
        _ = new VcuFreezeFrame(signals, board, null, new FaultReactionSettings(), memory);
        var server = new UdsServer(new Controllers.Simulation.SimulatedClock()) { Dtcs = memory };

        memory.ReportTestResult(VcuDtc.SupplyUndervoltage, true);

        // Hand calculation:
        // motor 400 rad/s x 60 / (2 pi) = 3819.7 rpm -> 3820 = 0x0EEC;
        // vehicle 400 / 9 x 0.30 m x 3.6 = 48.0 km/h -> 480 (0.1 km/h) = 0x01E0;
        // torque 0 (no torque source); supply 11.2 V -> 11200 mV = 0x2BC0;
        // SOC 62 % -> 124 (0.5 %) = 0x7C; DC link 345.6 V -> 3456 (0.1 V) = 0x0D80.
        // Response 59 04 DTC(3) status, record 01, 6 identifiers, then DID (2) and data for each.
        byte[] request = Convert.FromHexString("1904056200" + "01");
        server.HandleRequest(request, request.Length);
        var response = new byte[server.ResponseLength];
        server.ReadResponse(response, 0);
        Assert.Equal(
            Convert.FromHexString("59040562002F" + "0106" + "D10001E0" + "D1010EEC" + "D1020000" + "D1032BC0" + "D1047C" + "D1050D80"),
            response);
    }

    [Fact]
    public void Core_UndervoltageDeratesAndFreezes()
    {
        var clock = new Controllers.Simulation.SimulatedClock();
        var board = new BoardInputs();
        var core = new VcuCore(clock, board);
        core.Executive.Start();
        board.SupplyVolts = 8.0f;

        // The supply monitor debounces for 100 ms below the 9 V rated minimum.
        for (int i = 0; i < 300; i++)
        {
            core.Executive.RunDueTasks();
            clock.Advance(1000);
        }

        Assert.Equal(FaultReaction.PowerDerate, core.FaultReactions.ActiveReaction);
        Assert.Equal(VcuDtc.SupplyUndervoltage, core.FaultReactions.ActiveDtc);

        // The freeze frame contains the supply at the failure: 8.0 V = 8000 mV = 0x1F40, at DID 0xD103's offset 6.
        var record = new byte[core.Dtcs.SnapshotLength];
        int index = core.Dtcs.IndexOf(VcuDtc.SupplyUndervoltage);
        Assert.Equal(11, core.Dtcs.CopySnapshot(index, DtcMemory.FirstFailureSnapshotRecord, record, 0));
        Assert.Equal(0x1F, record[6]);
        Assert.Equal(0x40, record[7]);
    }

    [Fact]
    public void Core_PlugInhibitsDriving()
    {
        var clock = new Controllers.Simulation.SimulatedClock();
        var board = new BoardInputs { ChargePlugConnected = true };
        var core = new VcuCore(clock, board);
        core.Executive.Start();

        core.Executive.RunDueTasks();

        Assert.True(core.Charging.DriveInhibited);
    }
}
