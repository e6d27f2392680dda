using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Vcu.Network;
using Xunit;

namespace Controllers.Firmware.Vcu.Tests.Network;

public class VcuCanReceiverTests
{
    private readonly VehicleSignals signals = new();
    private readonly DtcMemory dtcs = new(VcuCore.DtcCapacity);
    private readonly VcuCanReceiver receiver;

    public VcuCanReceiverTests()
    {
        VcuDtc.RegisterAll(dtcs);
        receiver = new VcuCanReceiver(signals, dtcs);
    }

    private static CanFrame Feedback(int counter, double rpm = 3000, double torque = 45.5) =>
        VcuMatrix.Encode("MCU_Feedback", ("MotorSpeed", rpm), ("ActualTorque", torque), ("DcLinkVoltage", 320.4),
            ("DcLinkCurrent", -12.5), ("McuFeedbackAliveCounter", counter));

    private static CanFrame PackStatus(int counter) =>
        VcuMatrix.WithCrc(VcuMatrix.Encode("BMS_PackStatus", ("PackVoltage", 331.2), ("PackCurrent", -20.3), ("PackSoc", 57.5),
            ("PackSoh", 96), ("BmsState", 3), ("PackStatusAliveCounter", counter)));

    private byte Status(uint dtc) => dtcs.StatusAt(dtcs.IndexOf(dtc));

    [Fact]
    public void McuFeedbackDecodesIntoSignals()
    {
        Assert.True(receiver.Consume(Feedback(0), 1000));

        // 3000 rpm × 2π / 60 = 314.159 rad/s.
        Assert.Equal(314.159, signals.MotorSpeedRadiansPerSecond, 2);
        Assert.Equal(45.5, signals.TorqueFeedbackNewtonMetres, 3);
        Assert.Equal(320.4, signals.DcLinkVolts, 3);
        Assert.Equal(-12.5, signals.DcLinkAmperes, 3);
        Assert.True(signals.FeedbackValid);
    }

    [Fact]
    public void StatusAndBmsMessagesDecode()
    {
        receiver.Consume(VcuMatrix.Encode("MCU_Status", ("MotorState", 3), ("MotorDerating", 1), ("MotorTemperature", 132),
            ("InverterTemperature", 71), ("McuFaultCode", 4660), ("AvailableMotoringTorque", 64), ("AvailableRegenTorque", 40)), 0);
        receiver.Consume(PackStatus(0), 0);
        receiver.Consume(VcuMatrix.Encode("BMS_PowerLimits", ("MaxChargePower", 12.5), ("MaxDischargePower", 31.2),
            ("MaxChargeCurrent", 40.1), ("MaxDischargeCurrent", 95.4)), 0);
        receiver.Consume(VcuMatrix.Encode("BMS_ContactorStatus", ("MainPositiveContactor", 1), ("MainNegativeContactor", 2),
            ("PrechargeContactor", 3)), 0);
        receiver.Consume(VcuMatrix.Encode("BMS_Insulation", ("InsulationResistance", 780), ("InsulationState", 1)), 0);
        receiver.Consume(VcuMatrix.Encode("BMS_FaultSummary", ("FaultLevel", 2), ("CellOvervoltageFlag", 1),
            ("InsulationFaultFlag", 1), ("PrechargeFailedFlag", 1)), 0);
        receiver.Consume(VcuMatrix.Encode("BMS_CellVoltageExtremes", ("MinCellVoltage", 3412), ("MaxCellVoltage", 3468)), 0);
        receiver.Consume(VcuMatrix.Encode("BMS_CellTemperatureExtremes", ("MinCellTemperature", -5), ("MaxCellTemperature", 41)), 0);

        Assert.Equal(3, signals.MotorState);
        Assert.True(signals.MotorDerating);
        Assert.Equal(132, signals.MotorCelsius, 3);
        Assert.Equal(71, signals.InverterCelsius, 3);
        Assert.Equal(4660, signals.McuFaultCode);
        Assert.Equal(64, signals.AvailableMotoringNewtonMetres, 3);
        Assert.Equal(40, signals.AvailableRegenNewtonMetres, 3);
        Assert.Equal(331.2, signals.PackVolts, 2);
        Assert.Equal(-20.3, signals.PackAmperes, 2);
        Assert.Equal(0.575, signals.PackSoc, 4);
        Assert.Equal(0.96, signals.PackSoh, 4);
        Assert.Equal(3, signals.BmsState);
        Assert.Equal(12500, signals.MaxChargePowerWatts, 0);
        Assert.Equal(31200, signals.MaxDischargePowerWatts, 0);
        Assert.Equal(40.1, signals.MaxChargeAmperes, 2);
        Assert.Equal(95.4, signals.MaxDischargeAmperes, 2);
        Assert.Equal(1, signals.MainPositiveContactor);
        Assert.Equal(2, signals.MainNegativeContactor);
        Assert.Equal(3, signals.PrechargeContactor);
        Assert.Equal(780, signals.InsulationKiloohms, 3);
        Assert.Equal(1, signals.InsulationState);
        Assert.Equal(2, signals.BmsFaultLevel);

        // Bits 0, 6 and 10: 1 + 64 + 1024.
        Assert.Equal(1089, signals.BmsFaultFlags);
        Assert.Equal(3.412, signals.MinCellVolts, 4);
        Assert.Equal(3.468, signals.MaxCellVolts, 4);
        Assert.Equal(-5, signals.MinCellCelsius, 3);
        Assert.Equal(41, signals.MaxCellCelsius, 3);
        Assert.True(signals.MotorStatusValid);
        Assert.True(signals.BmsValid);
        Assert.True(signals.PowerLimitsValid);
        Assert.True(signals.ContactorStatusValid);
        Assert.True(signals.InsulationValid);
        Assert.True(signals.BmsFaultValid);
        Assert.True(receiver.IsFresh(VcuCanReceiver.BmsCellVoltageExtremesSlot));
    }

    [Fact]
    public void GeneratorAndChargerMessagesDecode()
    {
        receiver.Consume(VcuMatrix.Encode("GCU_Status", ("GeneratorState", 3), ("GeneratorPower", 12.3), ("GeneratorSpeed", 3600),
            ("GeneratorDcCurrent", 37), ("GcuStatusAliveCounter", 5)), 0);
        receiver.Consume(VcuMatrix.Encode("GCU_EngineStatus", ("FuelLevel", 42.5), ("EngineCoolantTemperature", 88),
            ("FuelConsumptionRate", 3.4), ("OilPressureLow", 1), ("EngineFaultCode", 258)), 0);
        receiver.Consume(VcuMatrix.Encode("OBC_Status", ("ChargerOutputVoltage", 350.5), ("ChargerOutputCurrent", 9.8),
            ("ChargerState", 1), ("AcInputPresent", 1), ("ChargerTemperature", 47), ("ChargerFaultCode", 7)), 0);

        Assert.Equal(3, signals.GeneratorState);
        Assert.Equal(12300, signals.GeneratorPowerWatts, 0);
        Assert.Equal(3600, signals.GeneratorSpeedRpm, 3);
        Assert.Equal(37, signals.GeneratorDcAmperes, 3);
        Assert.Equal(42.5, signals.FuelLevelPercent, 3);
        Assert.Equal(88, signals.EngineCoolantCelsius, 3);
        Assert.Equal(3.4, signals.FuelLitresPerHour, 3);
        Assert.True(signals.OilPressureLow);
        Assert.Equal(258, signals.EngineFaultCode);
        Assert.Equal(350.5, signals.ChargerOutputVolts, 2);
        Assert.Equal(9.8, signals.ChargerOutputAmperes, 2);
        Assert.Equal(1, signals.ChargerState);
        Assert.True(signals.AcInputPresent);
        Assert.Equal(47, signals.ChargerCelsius, 3);
        Assert.Equal(7, signals.ChargerFaultCode);
        Assert.True(signals.GeneratorValid);
        Assert.True(signals.EngineStatusValid);
        Assert.True(signals.ChargerValid);
    }

    [Fact]
    public void UnknownIdentifierNotTaken()
    {
        var frame = VcuMatrix.Encode("VCU_TorqueCommand", ("TorqueRequest", 10));

        Assert.False(receiver.Consume(frame, 0));
        Assert.False(signals.FeedbackValid);
    }

    [Fact]
    public void RepeatedCounterDropsFrame()
    {
        receiver.Consume(Feedback(4, torque: 10), 0);
        receiver.Consume(Feedback(4, torque: 20), 10000);

        Assert.Equal(10, signals.TorqueFeedbackNewtonMetres, 3);
        Assert.Equal(1, receiver.StaleFrameCount);
    }

    [Fact]
    public void JumpedCounterDropsFrameThenResynchronises()
    {
        receiver.Consume(Feedback(4, torque: 10), 0);
        receiver.Consume(Feedback(6, torque: 20), 10000);
        Assert.Equal(10, signals.TorqueFeedbackNewtonMetres, 3);

        receiver.Consume(Feedback(7, torque: 30), 20000);
        Assert.Equal(30, signals.TorqueFeedbackNewtonMetres, 3);
        Assert.Equal(1, receiver.StaleFrameCount);
    }

    [Fact]
    public void CounterWrapsFrom15To0()
    {
        receiver.Consume(Feedback(15, torque: 10), 0);
        receiver.Consume(Feedback(0, torque: 20), 10000);

        Assert.Equal(20, signals.TorqueFeedbackNewtonMetres, 3);
        Assert.Equal(0, receiver.StaleFrameCount);
    }

    [Fact]
    public void BadCrcDropsFrame()
    {
        var frame = PackStatus(0);
        frame.Data[7] ^= 0x01;

        receiver.Consume(frame, 0);

        Assert.False(signals.BmsValid);
        Assert.Equal(0.5f, signals.PackSoc);
        Assert.Equal(1, receiver.CrcErrorCount);
    }

    [Fact]
    public void FeedbackTimesOutAfterFiveCycles()
    {
        receiver.Run(0);
        receiver.Consume(Feedback(0), 1000);

        // Timeout 5 × 10 ms = 50 ms after the last good frame at 1 ms: valid at 51 ms, lost at 60 ms.
        receiver.Run(50000);
        Assert.True(signals.FeedbackValid);
        Assert.Equal(0, Status(VcuDtc.McuCommunicationLost) & DtcMemory.TestFailed);

        receiver.Run(60000);
        Assert.False(signals.FeedbackValid);
        Assert.Equal(DtcMemory.TestFailed | DtcMemory.ConfirmedDtc, Status(VcuDtc.McuCommunicationLost) & (DtcMemory.TestFailed | DtcMemory.ConfirmedDtc));
    }

    [Fact]
    public void FeedbackRecoversAndPassesDtc()
    {
        receiver.Run(0);
        receiver.Run(60000);
        Assert.NotEqual(0, Status(VcuDtc.McuCommunicationLost) & DtcMemory.TestFailed);

        receiver.Consume(Feedback(9), 61000);

        Assert.True(signals.FeedbackValid);
        Assert.Equal(0, Status(VcuDtc.McuCommunicationLost) & DtcMemory.TestFailed);
        Assert.NotEqual(0, Status(VcuDtc.McuCommunicationLost) & DtcMemory.ConfirmedDtc);
    }

    [Fact]
    public void SilentNodesReportedAfterStart()
    {
        // BMS_PackStatus 20 ms × 5 = 100 ms; GCU_Status 50 ms × 5 = 250 ms.
        receiver.Run(1000000);
        receiver.Run(1110000);
        Assert.NotEqual(0, Status(VcuDtc.BmsCommunicationLost) & DtcMemory.TestFailed);
        Assert.Equal(0, Status(VcuDtc.GcuCommunicationLost) & DtcMemory.TestFailed);

        receiver.Run(1260000);
        Assert.NotEqual(0, Status(VcuDtc.GcuCommunicationLost) & DtcMemory.TestFailed);
    }

    [Fact]
    public void ChargerMonitoredOnlyWhenEnabled()
    {
        receiver.Run(0);
        receiver.Run(10000000);
        Assert.Equal(0, Status(VcuDtc.ObcCommunicationLost) & DtcMemory.TestFailed);

        receiver.SetMonitored(VcuCanReceiver.ObcStatusSlot, true);
        receiver.Run(10010000);
        Assert.NotEqual(0, Status(VcuDtc.ObcCommunicationLost) & DtcMemory.TestFailed);

        receiver.SetMonitored(VcuCanReceiver.ObcStatusSlot, false);
        Assert.Equal(0, Status(VcuDtc.ObcCommunicationLost) & DtcMemory.TestFailed);
    }

    [Fact]
    public void StuckCounterStaysStale()
    {
        receiver.Run(0);
        for (int i = 0; i < 20; i++)
        {
            receiver.Consume(Feedback(3), i * 10000L);
            receiver.Run(i * 10000L);
        }

        Assert.False(signals.FeedbackValid);
        Assert.Equal(19, receiver.StaleFrameCount);
    }

    [Fact]
    public void ConsumeDoesNotAllocate()
    {
        var feedback = Feedback(0);
        var pack = PackStatus(0);
        receiver.Consume(feedback, 0);
        receiver.Consume(pack, 0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i < 1000; i++)
        {
            feedback.Data[7] = (byte)((i & 0xF) << 4);
            receiver.Consume(feedback, i * 10000L);
            receiver.Run(i * 10000L);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
