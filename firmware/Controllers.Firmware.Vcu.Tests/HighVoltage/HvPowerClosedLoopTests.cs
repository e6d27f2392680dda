using System;
using Controllers.Firmware.Vcu.HighVoltage;
using Controllers.Simulation.Vehicle;
using Controllers.Simulation.Vehicle.Nodes;
using Xunit;
using Xunit.Abstractions;

namespace Controllers.Firmware.Vcu.Tests.HighVoltage;

/// <summary>
/// High-voltage power management of the VCU core against the ATV plant and its BMS node over the simulated bus
/// (see <see cref="HvRig"/>). Link figures from boards/vcu-atv.yaml: 1 mF, 47 Ω precharge (τ = 47 ms), 200 Ω
/// active discharge in parallel with the 100 kΩ bleed (τ = 199.6 Ω × 1 mF = 0.1996 s), contactors close 25 ms and
/// open 10 ms after their coils.
/// </summary>
public class HvPowerClosedLoopTests(ITestOutputHelper output)
{
    private const double PrechargeTauSeconds = 47 * 0.001;
    private const double DischargeTauSeconds = 200.0 * 100000 / (200 + 100000) * 0.001;

    [Fact]
    public void PowerOn_PrechargesThenReady()
    {
        var rig = new HvRig();
        long prechargeClosedAt = -1;
        long positiveCommandedAt = -1;
        rig.Board.KeyOn = true;
        rig.RunUntil(() =>
        {
            if (prechargeClosedAt < 0 && rig.Link.IsClosed(HighVoltageContactor.Precharge))
            {
                prechargeClosedAt = rig.Now;
            }

            if (positiveCommandedAt < 0 && rig.Link.IsCoilEnergised(HighVoltageContactor.Positive))
            {
                positiveCommandedAt = rig.Now;
            }

            return rig.Core.HighVoltage.IsReadyToDrive;
        }, 3_000_000);

        // From the precharge contacts closing to the BMS closing the positive contactor the link charges to 95 %:
        // t = τ·ln(1 / 0.05) = 0.047 × 2.996 = 140.8 ms. The 1 ms step and the pack's sag under the 7 A inrush
        // (95 % of a lower pack voltage is reached sooner) give the tolerance.
        double prechargeMs = (positiveCommandedAt - prechargeClosedAt) / 1000.0;
        output.WriteLine($"precharge {prechargeMs} ms, request to ready {rig.Core.HighVoltage.LastConnectMicroseconds / 1000.0} ms");
        Assert.InRange(prechargeMs, PrechargeTauSeconds * Math.Log(20) * 1000 - 5, PrechargeTauSeconds * Math.Log(20) * 1000 + 2);

        // Request to Ready: 25 ms negative + 25 ms precharge contact + 141 ms + 25 ms positive + 10 ms precharge release
        // = 226 ms at the BMS, plus up to 20 ms for VCU_HvRequest and up to 100 ms until BMS_ContactorStatus shows both
        // main contactors closed, plus one 10 ms VCU period.
        Assert.InRange(rig.Core.HighVoltage.LastConnectMicroseconds, 226_000, 360_000);
        Assert.True(rig.Link.IsConnected);
        Assert.False(rig.Link.IsClosed(HighVoltageContactor.Precharge));
        Assert.Equal(1, rig.Core.HighVoltage.PrechargeAttempts);
        Assert.Equal(1, rig.Core.Outputs.HvConnectRequest);
    }

    [Fact]
    public void PowerOff_OpensThenDischargesBelow60Volts()
    {
        var rig = new HvRig();
        rig.PowerOn();
        rig.Run(500_000);

        rig.Board.KeyOn = false;
        long openedAfter = rig.RunUntil(() => !rig.Link.IsConnected, 1_000_000);
        Assert.False(rig.Core.HighVoltage.IsReadyToDrive);

        double startVolts = 0;
        long dischargeStart = -1;
        long below60 = rig.RunUntil(() =>
        {
            if (dischargeStart < 0 && rig.Link.ActiveDischargeOn)
            {
                dischargeStart = rig.Now;
                startVolts = rig.Link.LinkVolts;
            }

            return rig.Link.LinkVolts < 60;
        }, 3_000_000);
        long dischargeMicroseconds = rig.Now - dischargeStart;

        // Discharge through 200 Ω ∥ 100 kΩ: t = τ·ln(V0 / 60 V) with τ = 0.1996 s. The discharge switch acts from
        // the step after MotorMode changes, so the plant's time may exceed the formula by one 1 ms step.
        double expectedMs = DischargeTauSeconds * Math.Log(startVolts / 60) * 1000;
        Assert.InRange(dischargeMicroseconds / 1000.0, expectedMs - 1, expectedMs + 2);

        rig.RunUntil(() => rig.Core.HighVoltage.State == HvPowerState.Standby, 500_000);
        output.WriteLine($"key off to open {openedAfter / 1000.0} ms, discharge from {startVolts:F1} V: {dischargeMicroseconds / 1000.0} ms (formula {expectedMs:F1} ms), VCU measured {rig.Core.HighVoltage.LastDischargeMicroseconds / 1000.0} ms, break {rig.Link.LargestBreakAmperes:F2} A");
        Assert.Equal(HvShutdownReason.KeyOff, rig.Core.HighVoltage.LastShutdownReason);
        Assert.InRange(rig.Core.HighVoltage.LastDischargeMicroseconds, dischargeMicroseconds - 10_000, dischargeMicroseconds + 20_000);
        Assert.Equal(0, rig.Core.Outputs.HvConnectRequest);

        // The plant's discharge switch follows MotorMode from the next step.
        rig.Step();
        Assert.False(rig.Link.ActiveDischargeOn);

        // The DC/DC converter still draws about 1 to 2 A when the contactors open, below the 5 A break limit.
        Assert.True(rig.Link.LargestBreakAmperes < 5, $"The contactors opened against {rig.Link.LargestBreakAmperes:F1} A.");
    }

    [Fact]
    public void ChargePlugWithKeyOff_ConnectsInChargeMode()
    {
        var rig = new HvRig();
        rig.Board.KeyOn = false;
        rig.Board.ChargePlugConnected = true;

        // The test plays the on-board charger: present, idle, mains on. Charging management then requests the HV bus.
        rig.BeforeVcu = () =>
        {
            rig.Core.Signals.ChargerValid = true;
            rig.Core.Signals.AcInputPresent = true;
        };
        rig.RunUntil(() => rig.Core.HighVoltage.State == HvPowerState.Ready, 1_000_000);

        Assert.True(rig.Link.IsConnected);
        Assert.True(rig.Core.Outputs.ChargeModeRequest);
        Assert.False(rig.Core.HighVoltage.IsReadyToDrive);

        rig.Board.ChargePlugConnected = false;
        rig.RunUntil(() => rig.Core.HighVoltage.State == HvPowerState.Standby, 2_000_000);
        Assert.False(rig.Link.IsConnected);
    }

    [Fact]
    public void KeyOffWhileMoving_OpensOnlyAfterCurrentFalls()
    {
        var rig = new HvRig();
        rig.PowerOn();
        rig.Board.SetPedal(0.5f);
        rig.Run(4_000_000);
        double speedKmh = rig.Plant.Chassis.SpeedMetresPerSecond * 3.6;
        double drivingAmperes = rig.Link.PackDischargeAmperes;
        output.WriteLine($"speed {speedKmh:F1} km/h, pack current {drivingAmperes:F1} A before key off");
        Assert.True(speedKmh > 10, $"The vehicle reached only {speedKmh:F1} km/h.");
        Assert.True(drivingAmperes > 5, $"The pack delivered only {drivingAmperes:F1} A while driving.");

        rig.Board.KeyOn = false;
        long openedAfter = rig.RunUntil(() => !rig.Link.IsConnected, 3_000_000);
        output.WriteLine($"key off to contactors open {openedAfter / 1000.0} ms, largest break {rig.Link.LargestBreakAmperes:F2} A");

        // The BMS break limit is 5 A; the contactors must not open against the traction current.
        Assert.True(rig.Link.LargestBreakAmperes < 5, $"The contactors opened against {rig.Link.LargestBreakAmperes:F1} A.");
        rig.RunUntil(() => rig.Core.HighVoltage.State == HvPowerState.Standby, 1_000_000);
        Assert.True(rig.Link.LinkVolts < 60);
    }

    [Fact]
    public void OpenPrechargeResistor_BmsFlagThenRetriesThenLatches()
    {
        var rig = new HvRig();
        rig.Link.PrechargeResistorOpen = true;
        rig.Board.KeyOn = true;
        rig.RunUntil(() => rig.Core.HighVoltage.State == HvPowerState.Fault, 10_000_000);

        Assert.Equal(HvShutdownReason.BmsPrechargeFailed, rig.Core.HighVoltage.LastShutdownReason);
        Assert.True(rig.IsDtcFailed(VcuDtc.HvBmsPrechargeFailed));
        Assert.Equal(3, rig.Core.HighVoltage.PrechargeAttempts);
        Assert.False(rig.Link.IsClosed(HighVoltageContactor.Negative));
        Assert.False(rig.Link.IsClosed(HighVoltageContactor.Precharge));

        // Latched: no fourth attempt while the key stays on.
        rig.Run(3_000_000);
        Assert.Equal(3, rig.Core.HighVoltage.PrechargeAttempts);
        Assert.Equal(HvPowerState.Fault, rig.Core.HighVoltage.State);

        // A key cycle with the resistor repaired connects.
        rig.Link.PrechargeResistorOpen = false;
        rig.Board.KeyOn = false;
        rig.Run(200_000);
        rig.PowerOn();
        Assert.True(rig.Link.IsConnected);
    }

    [Fact]
    public void PrechargeTimeout_DetectedByVcuAlone()
    {
        // A BMS that waits 5 s leaves the decision to the VCU's 600 ms timeout.
        var rig = new HvRig((link, network) => new BmsNode(link, network) { PrechargeTimeoutMicroseconds = 5_000_000 });
        rig.Link.PrechargeResistorOpen = true;
        rig.Board.KeyOn = true;
        rig.RunUntil(() => rig.Core.HighVoltage.LastShutdownReason == HvShutdownReason.PrechargeTimeout, 2_000_000);
        Assert.True(rig.IsDtcFailed(VcuDtc.HvPrechargeTimeout));
        rig.RunUntil(() => !rig.Link.IsClosed(HighVoltageContactor.Negative), 200_000);
    }

    [Fact]
    public void MissingLinkCapacitance_PrechargeTooFast()
    {
        // 1 µF instead of 1 mF: τ = 47 µs, so the link follows the pack as soon as the precharge contact closes,
        // about 50 ms after the request, well before the 100 ms minimum.
        var rig = new HvRig(linkCapacitanceFarads: 1e-6);
        rig.Board.KeyOn = true;
        rig.RunUntil(() => rig.Core.HighVoltage.LastShutdownReason == HvShutdownReason.PrechargeTooFast, 1_000_000);
        Assert.True(rig.IsDtcFailed(VcuDtc.HvPrechargeTooFast));
        Assert.False(rig.Core.HighVoltage.IsReadyToDrive);
    }

    [Fact]
    public void WeldedPositiveContactor_ReportedByBms()
    {
        var rig = new HvRig();
        rig.PowerOn();
        rig.Link.SetWelded(HighVoltageContactor.Positive, true);
        rig.Board.KeyOn = false;
        rig.RunUntil(() => rig.Core.HighVoltage.State == HvPowerState.Fault, 2_000_000);

        Assert.True(rig.IsDtcFailed(VcuDtc.HvContactorWelded));
        Assert.Equal(HvShutdownReason.ContactorWelded, rig.Core.HighVoltage.LastShutdownReason);
        Assert.True(rig.Link.IsClosed(HighVoltageContactor.Positive));

        // The negative contactor isolates the link, so the discharge still brings it below 60 V.
        Assert.False(rig.Link.IsClosed(HighVoltageContactor.Negative));
        Assert.True(rig.Link.LinkVolts < 60);

        // The fault is latched, so the VCU keeps requesting Disconnect.
        Assert.Equal(0, rig.Core.Outputs.HvConnectRequest);
    }

    [Fact]
    public void WeldedContactorsWithoutFeedback_FoundByLinkVoltage()
    {
        // Both main contactors welded and a BMS without auxiliary contacts, so feedback reads Open: the link stays at
        // pack voltage during the discharge instead of falling to e^(−0.15 / 0.2) = 47 % within 150 ms.
        var rig = new HvRig((link, network) => new BmsNode(link, network) { HasAuxiliaryContacts = false });
        rig.PowerOn();
        rig.Link.SetWelded(HighVoltageContactor.Positive, true);
        rig.Link.SetWelded(HighVoltageContactor.Negative, true);
        rig.Board.KeyOn = false;
        rig.RunUntil(() => rig.Core.HighVoltage.State == HvPowerState.Fault, 2_000_000);

        Assert.True(rig.IsDtcFailed(VcuDtc.HvContactorWelded));
        Assert.True(rig.Link.IsConnected);
        Assert.False(rig.Core.HighVoltage.IsActiveDischargeRequested);
        rig.Step();
        Assert.False(rig.Link.ActiveDischargeOn);
    }

    [Fact]
    public void HvilOpenWhileDriving_ShutsDown()
    {
        var rig = new HvRig();
        rig.PowerOn();
        rig.Board.SetPedal(0.3f);
        rig.Run(2_000_000);

        rig.Board.HvilClosed = false;
        long openedAfter = rig.RunUntil(() => !rig.Link.IsConnected, 1_000_000);
        output.WriteLine($"HVIL open to contactors open {openedAfter / 1000.0} ms, largest break {rig.Link.LargestBreakAmperes:F1} A");

        // 20 ms debounce + at most 200 ms ramp-down + 20 ms request period + 10 ms release, plus one VCU period.
        Assert.InRange(openedAfter, 20_000, 270_000);
        Assert.True(rig.IsDtcFailed(VcuDtc.HvInterlockOpen));
        Assert.Equal(HvShutdownReason.HvilOpen, rig.Core.HighVoltage.LastShutdownReason);
        Assert.False(rig.Core.Outputs.HvilClosed);

        rig.RunUntil(() => rig.Core.HighVoltage.State == HvPowerState.Fault, 1_000_000);
        Assert.True(rig.Link.LinkVolts < 60);

        // Closing the loop again does not reconnect without a key cycle.
        rig.Board.HvilClosed = true;
        rig.Run(1_000_000);
        Assert.False(rig.Link.IsConnected);
    }

    [Fact]
    public void InsulationBelow500OhmsPerVolt_WarnsOnly()
    {
        // 150 kΩ / 403.2 V = 372 Ω/V: below the 500 Ω/V warning, above the 100 Ω/V fault threshold.
        var rig = new HvRig();
        rig.PowerOn();
        rig.Bms.InsulationKiloohms = 150;
        rig.Run(4_000_000);

        Assert.True(rig.IsDtcFailed(VcuDtc.HvInsulationWarning));
        Assert.False(rig.IsDtcFailed(VcuDtc.HvInsulationFault));
        Assert.True(rig.Core.HighVoltage.IsReadyToDrive);
    }

    [Fact]
    public void InsulationBelow100OhmsPerVolt_ShutsDown()
    {
        // 30 kΩ / 403.2 V = 74 Ω/V, below the 100 Ω/V of UN ECE R100 §5.1.3 for DC buses.
        var rig = new HvRig();
        rig.PowerOn();
        rig.Bms.InsulationKiloohms = 30;
        long openedAfter = rig.RunUntil(() => !rig.Link.IsConnected, 5_000_000);
        output.WriteLine($"insulation drop to contactors open {openedAfter / 1000.0} ms");

        // The reading must stay low for more than 1.5 s, and BMS_Insulation comes once a second.
        Assert.InRange(openedAfter, 1_500_000, 3_000_000);
        Assert.True(rig.IsDtcFailed(VcuDtc.HvInsulationFault));
        Assert.Equal(HvShutdownReason.InsulationFault, rig.Core.HighVoltage.LastShutdownReason);

        // The fault blocks a new connection after a key cycle while the insulation stays low.
        rig.Board.KeyOn = false;
        rig.Run(500_000);
        rig.Board.KeyOn = true;
        rig.Run(1_000_000);
        Assert.False(rig.Link.IsConnected);
    }

    [Fact]
    public void CrashSignal_EmergencyOpenAndDischarge()
    {
        var rig = new HvRig();
        rig.PowerOn();
        rig.Board.SetPedal(0.3f);
        rig.Run(2_000_000);

        rig.Board.CrashSignal = true;
        long openedAfter = rig.RunUntil(() => !rig.Link.IsClosed(HighVoltageContactor.Positive) && !rig.Link.IsClosed(HighVoltageContactor.Negative), 500_000);
        long safeAfter = openedAfter + rig.RunUntil(() => rig.Link.LinkVolts < 60, 10_000_000);
        output.WriteLine($"crash to contactors open {openedAfter / 1000.0} ms, to link below 60 V {safeAfter / 1000.0} ms");

        // At most 10 ms to the VCU task, 20 ms to the next VCU_HvRequest, 1 ms BMS step and 10 ms release: 41 ms.
        Assert.InRange(openedAfter, 10_000, 42_000);

        // ISO 6469-4:2015 §5.2.2: at most 60 V DC 10 s after the impact.
        Assert.True(safeAfter < 10_000_000);
        Assert.True(rig.IsDtcFailed(VcuDtc.HvCrashShutoff));
        Assert.Equal(2, rig.Core.Outputs.HvConnectRequest);
        Assert.True(rig.Core.Outputs.CrashDetected);

        // Latched through a key cycle.
        rig.Board.CrashSignal = false;
        rig.Board.KeyOn = false;
        rig.Run(500_000);
        rig.Board.KeyOn = true;
        rig.Run(1_000_000);
        Assert.False(rig.Link.IsConnected);
        Assert.Equal(HvPowerState.Fault, rig.Core.HighVoltage.State);
    }

    [Fact]
    public void BmsSilent_ShutsDown()
    {
        var rig = new HvRig();
        rig.PowerOn();
        rig.DropBmsFrames = true;

        // BMS_PackStatus counts as lost after 3 cycles of 20 ms; the BMS still gets the Disconnect and opens.
        rig.RunUntil(() => rig.Core.HighVoltage.LastShutdownReason == HvShutdownReason.BmsLost, 200_000);
        rig.RunUntil(() => !rig.Link.IsConnected, 500_000);
        Assert.False(rig.Core.HighVoltage.IsReadyToDrive);
    }

    [Fact]
    public void ContactorDropsOutWhileReady_Mismatch()
    {
        // The positive contactor opens without a request, as when its coil supply fails.
        var rig = new HvRig();
        rig.PowerOn();
        rig.Run(200_000);
        rig.Link.SetCoil(HighVoltageContactor.Positive, false);
        rig.RunUntil(() => rig.Core.HighVoltage.LastShutdownReason == HvShutdownReason.ContactorMismatch, 600_000);

        Assert.True(rig.IsDtcFailed(VcuDtc.HvContactorMismatch));
        rig.RunUntil(() => rig.Core.HighVoltage.State == HvPowerState.Fault, 2_000_000);
        Assert.False(rig.Link.IsClosed(HighVoltageContactor.Negative));
    }

    [Fact]
    public void BmsFaultLevelContactorsOpening_ShutsDown()
    {
        var rig = new HvRig();
        rig.PowerOn();
        rig.Board.SetPedal(0.3f);
        rig.Run(2_000_000);

        rig.Bms.InjectedFaultLevel = 3;
        long openedAfter = rig.RunUntil(() => !rig.Link.IsConnected, 1_500_000);
        output.WriteLine($"BMS fault level 3 to contactors open {openedAfter / 1000.0} ms");
        rig.RunUntil(() => rig.Core.HighVoltage.State == HvPowerState.Fault, 1_000_000);

        Assert.True(rig.IsDtcFailed(VcuDtc.HvBmsContactorsOpening));
        Assert.Equal(HvShutdownReason.BmsContactorsOpening, rig.Core.HighVoltage.LastShutdownReason);
        Assert.True(rig.Link.LinkVolts < 60);
    }
}
