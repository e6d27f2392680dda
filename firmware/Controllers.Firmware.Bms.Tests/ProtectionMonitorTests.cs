using System;
using Controllers.Firmware.Bms.Protection;
using Controllers.Firmware.Common.Diagnostics;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

public class ProtectionMonitorTests
{
    /// <summary>
    /// One graded protection walked through its levels. Thresholds are the documented defaults (checked
    /// against the settings first); values: nominal, one past each threshold, and one inside the trip
    /// hysteresis band. Scale is the hand-computed derate scale at the derate value.
    /// </summary>
    public sealed record GradedCase(
        ProtectionFault Fault, int PeriodMilliseconds, float Warning, float Derate, float Trip, float TripHysteresis,
        float Nominal, float WarningValue, float DerateValue, float TripValue, float HysteresisValue,
        float ExpectedScale, bool ScalesDischarge, ContactorOpenRequest ExpectedRequest);

    public static TheoryData<GradedCase> GradedCases => new()
    {
        // (3.70 − 3.66) / (3.70 − 3.62) = 0.5; 3.65 lies inside the trip band 3.60 to 3.70.
        new GradedCase(ProtectionFault.CellOvervoltage, 100, 3.60f, 3.62f, 3.70f, 0.10f, 3.30f, 3.61f, 3.66f, 3.75f, 3.65f, 0.5f, false, ContactorOpenRequest.Emergency),
        // (2.50 − 2.60) / (2.50 − 2.70) = 0.5; 2.60 lies inside the trip band 2.50 to 2.70.
        new GradedCase(ProtectionFault.CellUndervoltage, 100, 2.80f, 2.70f, 2.50f, 0.20f, 3.30f, 2.75f, 2.60f, 2.40f, 2.60f, 0.5f, true, ContactorOpenRequest.Normal),
        // (200 − 185) / (200 − 170) = 0.5.
        new GradedCase(ProtectionFault.ChargeOvercurrent, 10, 150f, 170f, 200f, 20f, 20f, 160f, 185f, 210f, 190f, 0.5f, false, ContactorOpenRequest.Emergency),
        new GradedCase(ProtectionFault.DischargeOvercurrent, 10, 150f, 170f, 200f, 20f, 20f, 160f, 185f, 210f, 190f, 0.5f, true, ContactorOpenRequest.Emergency),
        // (45 − 43.5) / (45 − 42) = 0.5. No current flows, so the charge window trip does not open the contactors.
        new GradedCase(ProtectionFault.ChargeOvertemperature, 1000, 40f, 42f, 45f, 3f, 25f, 41f, 43.5f, 46f, 43f, 0.5f, false, ContactorOpenRequest.None),
        // (60 − 57.5) / (60 − 55) = 0.5.
        new GradedCase(ProtectionFault.DischargeOvertemperature, 1000, 52f, 55f, 60f, 3f, 25f, 53f, 57.5f, 61f, 58f, 0.5f, true, ContactorOpenRequest.Normal),
        // (0 − 1.5) / (0 − 3) = 0.5.
        new GradedCase(ProtectionFault.ChargeUndertemperature, 1000, 5f, 3f, 0f, 3f, 25f, 4f, 1.5f, -1f, 2f, 0.5f, false, ContactorOpenRequest.None),
        // (−20 + 17.5) / (−20 + 15) = 0.5.
        new GradedCase(ProtectionFault.DischargeUndertemperature, 1000, -10f, -15f, -20f, 3f, 25f, -12f, -17.5f, -21f, -18f, 0.5f, true, ContactorOpenRequest.Normal),
    };

    private readonly float[] cells = new float[2];
    private readonly float[] temperatures = new float[2];
    private readonly bool[] temperatureValid = { true, true };

    private void Drive(ProtectionMonitor monitor, ProtectionFault fault, long nowMicroseconds, float value)
    {
        switch (fault)
        {
            case ProtectionFault.CellOvervoltage:
            case ProtectionFault.CellUndervoltage:
                cells[0] = value;
                cells[1] = 3.3f;
                monitor.EvaluateCells(nowMicroseconds, true, cells, 2, false, 0f);
                return;
            case ProtectionFault.ChargeOvercurrent:
                monitor.EvaluateCurrent(nowMicroseconds, true, value, true, value);
                return;
            case ProtectionFault.DischargeOvercurrent:
                monitor.EvaluateCurrent(nowMicroseconds, true, -value, true, -value);
                return;
            default:
                temperatures[0] = value;
                temperatures[1] = 25f;
                monitor.EvaluateTemperatures(nowMicroseconds, temperatures, temperatureValid, 2);
                return;
        }
    }

    private static bool Failed(DtcMemory memory, uint dtc) => (memory.StatusAt(memory.IndexOf(dtc)) & DtcMemory.TestFailed) != 0;

    [Theory]
    [MemberData(nameof(GradedCases))]
    public void Graded_DebounceLevelsAndReactions(GradedCase c)
    {
        // Debounce in sample periods P: warning sets after 3P, derate after 2P, trip after 1P; all clear after 2P.
        long p = c.PeriodMilliseconds * 1000L;
        var settings = new ProtectionSettings();
        ProtectionLimit limit = settings.GetLimit(c.Fault);
        Assert.Equal(c.Warning, limit.Warning.Threshold);
        Assert.Equal(c.Derate, limit.Derate.Threshold);
        Assert.Equal(c.Trip, limit.Trip.Threshold);
        Assert.Equal(c.TripHysteresis, limit.Trip.Hysteresis);
        limit.Warning.SetDebounceMilliseconds = 3 * c.PeriodMilliseconds;
        limit.Derate.SetDebounceMilliseconds = 2 * c.PeriodMilliseconds;
        limit.Trip.SetDebounceMilliseconds = c.PeriodMilliseconds;
        limit.Warning.ClearDebounceMilliseconds = 2 * c.PeriodMilliseconds;
        limit.Derate.ClearDebounceMilliseconds = 2 * c.PeriodMilliseconds;
        limit.Trip.ClearDebounceMilliseconds = 2 * c.PeriodMilliseconds;
        var memory = new DtcMemory(BmsDtcTable.DtcCount);
        var monitor = new ProtectionMonitor(settings, memory);
        uint warningDtc = BmsDtcTable.GetDtc(c.Fault, ProtectionLevel.Warning);
        uint tripDtc = BmsDtcTable.GetDtc(c.Fault, ProtectionLevel.Trip);
        Func<float> scale = () => c.ScalesDischarge ? monitor.DischargeCurrentScale : monitor.ChargeCurrentScale;

        long t = 0;
        Drive(monitor, c.Fault, t, c.Nominal);
        Assert.Equal(ProtectionLevel.None, monitor.GetLevel(c.Fault));
        Assert.Equal(1f, scale());

        // Warning: exceeded from A; not set at A + 2P, set at A + 3P.
        t += p;
        for (int k = 0; k < 3; k++, t += p)
        {
            Drive(monitor, c.Fault, t, c.WarningValue);
            Assert.Equal(ProtectionLevel.None, monitor.GetLevel(c.Fault));
        }

        Drive(monitor, c.Fault, t, c.WarningValue);
        Assert.Equal(ProtectionLevel.Warning, monitor.GetLevel(c.Fault));
        Assert.True(Failed(memory, warningDtc));
        Assert.Equal(1f, scale());

        // Derate: set after 2P with the linear scale.
        for (int k = 0; k < 2; k++)
        {
            t += p;
            Drive(monitor, c.Fault, t, c.DerateValue);
            Assert.Equal(ProtectionLevel.Warning, monitor.GetLevel(c.Fault));
        }

        t += p;
        Drive(monitor, c.Fault, t, c.DerateValue);
        Assert.Equal(ProtectionLevel.Derate, monitor.GetLevel(c.Fault));
        Assert.Equal(c.ExpectedScale, scale(), 1e-3f);

        // Trip: set after 1P; the scale is zero and the contactors are requested to open.
        t += p;
        Drive(monitor, c.Fault, t, c.TripValue);
        Assert.Equal(ProtectionLevel.Derate, monitor.GetLevel(c.Fault));
        t += p;
        Drive(monitor, c.Fault, t, c.TripValue);
        Assert.Equal(ProtectionLevel.Trip, monitor.GetLevel(c.Fault));
        Assert.True(Failed(memory, tripDtc));
        Assert.Equal(0f, scale());
        Assert.Equal(c.ExpectedRequest, monitor.OpenRequest);

        // Inside the hysteresis band the trip holds, however long.
        for (int k = 0; k < 10; k++)
        {
            t += p;
            Drive(monitor, c.Fault, t, c.HysteresisValue);
            Assert.Equal(ProtectionLevel.Trip, monitor.GetLevel(c.Fault));
        }

        // Back to nominal from E: still tripped at E + P, every level clear at E + 2P.
        t += p;
        Drive(monitor, c.Fault, t, c.Nominal);
        t += p;
        Drive(monitor, c.Fault, t, c.Nominal);
        Assert.Equal(ProtectionLevel.Trip, monitor.GetLevel(c.Fault));
        t += p;
        Drive(monitor, c.Fault, t, c.Nominal);
        Assert.Equal(ProtectionLevel.None, monitor.GetLevel(c.Fault));
        Assert.False(Failed(memory, tripDtc));
        Assert.False(Failed(memory, warningDtc));
        Assert.Equal(1f, scale());

        // The open request stays latched until acknowledged.
        Assert.Equal(c.ExpectedRequest, monitor.OpenRequest);
        Assert.True(monitor.ResetTrip());
        Assert.Equal(ContactorOpenRequest.None, monitor.OpenRequest);
    }

    [Fact]
    public void ChargeTemperatureTrip_OpensOnlyWhileCharging()
    {
        var monitor = new ProtectionMonitor(new ProtectionSettings(), new DtcMemory(BmsDtcTable.DtcCount));
        float[] temps = { 46f };
        bool[] valid = { true };

        // Default charge overtemperature trip: 45 °C with a 2000 ms set time; samples each second.
        monitor.EvaluateCurrent(0, true, -10f, true, -10f);
        for (long t = 0; t <= 2_000_000; t += 1_000_000)
        {
            monitor.EvaluateTemperatures(t, temps, valid, 1);
        }

        Assert.Equal(ProtectionLevel.Trip, monitor.GetLevel(ProtectionFault.ChargeOvertemperature));
        Assert.Equal(0f, monitor.ChargeCurrentScale);
        Assert.Equal(ContactorOpenRequest.None, monitor.OpenRequest);

        // 10 A charge is above the 1 A charging detection.
        monitor.EvaluateCurrent(2_010_000, true, 10f, true, 10f);
        Assert.Equal(ContactorOpenRequest.Normal, monitor.OpenRequest);
    }

    [Fact]
    public void EmergencyTrip_UpgradesNormalRequest()
    {
        var settings = new ProtectionSettings();
        var monitor = new ProtectionMonitor(settings, new DtcMemory(BmsDtcTable.DtcCount));
        float[] voltages = { 2.4f, 3.3f };

        // Undervoltage trip (1000 ms set time at 100 ms samples) requests a normal opening.
        for (long t = 0; t <= 1_000_000; t += 100_000)
        {
            monitor.EvaluateCells(t, true, voltages, 2, false, 0f);
        }

        Assert.Equal(ContactorOpenRequest.Normal, monitor.OpenRequest);

        // Discharge overcurrent trip: 210 A for the 50 ms set time.
        for (long t = 1_010_000; t <= 1_060_000; t += 10_000)
        {
            monitor.EvaluateCurrent(t, true, -210f, true, -210f);
        }

        Assert.Equal(ContactorOpenRequest.Emergency, monitor.OpenRequest);
        Assert.Equal(BmsDtcTable.GetDtc(ProtectionFault.DischargeOvercurrent, ProtectionLevel.Trip), monitor.MostSevereDtc);
        Assert.False(monitor.ResetTrip());
    }

    [Fact]
    public void PackVoltagePlausibility_DeratesAfterDebounce()
    {
        var settings = new ProtectionSettings();
        var monitor = new ProtectionMonitor(settings, new DtcMemory(BmsDtcTable.DtcCount));
        float[] voltages = { 3.3f, 3.3f, 3.3f, 3.3f };

        // Sum 13.2 V against 16.0 V: 2.8 V off, above the 2 V tolerance; set time 1000 ms.
        for (long t = 0; t < 1_000_000; t += 100_000)
        {
            monitor.EvaluateCells(t, true, voltages, 4, true, 16f);
            Assert.Equal(ProtectionLevel.None, monitor.GetLevel(ProtectionFault.PackVoltagePlausibility));
        }

        monitor.EvaluateCells(1_000_000, true, voltages, 4, true, 16f);
        Assert.Equal(ProtectionLevel.Derate, monitor.GetLevel(ProtectionFault.PackVoltagePlausibility));
        Assert.Equal(0.5f, monitor.ChargeCurrentScale);
        Assert.Equal(0.5f, monitor.DischargeCurrentScale);

        // 1.7 V off is inside the hysteresis band (2 − 0.5 = 1.5 V): the fault holds.
        for (long t = 1_100_000; t < 4_000_000; t += 100_000)
        {
            monitor.EvaluateCells(t, true, voltages, 4, true, 14.9f);
        }

        Assert.Equal(ProtectionLevel.Derate, monitor.GetLevel(ProtectionFault.PackVoltagePlausibility));

        // 0.2 V off clears after the 1000 ms clear time.
        for (long t = 4_000_000; t < 5_000_000; t += 100_000)
        {
            monitor.EvaluateCells(t, true, voltages, 4, true, 13.4f);
        }

        Assert.Equal(ProtectionLevel.Derate, monitor.GetLevel(ProtectionFault.PackVoltagePlausibility));
        monitor.EvaluateCells(5_000_000, true, voltages, 4, true, 13.4f);
        Assert.Equal(ProtectionLevel.None, monitor.GetLevel(ProtectionFault.PackVoltagePlausibility));
    }

    [Fact]
    public void CurrentPlausibility_DisagreementAndSingleSource()
    {
        var monitor = new ProtectionMonitor(new ProtectionSettings(), new DtcMemory(BmsDtcTable.DtcCount));

        // 10 A against 16 A differ by 6 A, above the 5 A tolerance; set time 500 ms at 10 ms samples.
        for (long t = 0; t < 500_000; t += 10_000)
        {
            monitor.EvaluateCurrent(t, true, 10f, true, 16f);
        }

        Assert.Equal(ProtectionLevel.None, monitor.GetLevel(ProtectionFault.CurrentPlausibility));
        monitor.EvaluateCurrent(500_000, true, 10f, true, 16f);
        Assert.Equal(ProtectionLevel.Derate, monitor.GetLevel(ProtectionFault.CurrentPlausibility));
        Assert.Equal(10f, monitor.LatestCurrentAmperes);

        // Agreement clears after 1000 ms; then the CAN sensor drops out and the redundancy loss sets after 500 ms.
        for (long t = 510_000; t <= 1_510_000; t += 10_000)
        {
            monitor.EvaluateCurrent(t, true, 10f, true, 10.5f);
        }

        Assert.Equal(ProtectionLevel.None, monitor.GetLevel(ProtectionFault.CurrentPlausibility));
        for (long t = 1_520_000; t <= 2_020_000; t += 10_000)
        {
            monitor.EvaluateCurrent(t, true, 10f, false, 0f);
        }

        Assert.Equal(ProtectionLevel.Derate, monitor.GetLevel(ProtectionFault.CurrentPlausibility));
        Assert.Equal(ProtectionLevel.None, monitor.GetLevel(ProtectionFault.CurrentSensorLoss));
    }

    [Fact]
    public void CurrentSensorLoss_SetsAndClears()
    {
        var monitor = new ProtectionMonitor(new ProtectionSettings(), new DtcMemory(BmsDtcTable.DtcCount));
        monitor.EvaluateCurrent(0, true, 1f, true, 1f);

        // No source from 10 ms; the 100 ms set time ends at 110 ms.
        for (long t = 10_000; t < 110_000; t += 10_000)
        {
            monitor.EvaluateCurrent(t, false, 0f, false, 0f);
            Assert.Equal(ProtectionLevel.None, monitor.GetLevel(ProtectionFault.CurrentSensorLoss));
        }

        monitor.EvaluateCurrent(110_000, false, 0f, false, 0f);
        Assert.Equal(ProtectionLevel.Trip, monitor.GetLevel(ProtectionFault.CurrentSensorLoss));
        Assert.Equal(ContactorOpenRequest.Normal, monitor.OpenRequest);

        // Samples return at 120 ms; the 500 ms clear time ends at 620 ms.
        for (long t = 120_000; t < 620_000; t += 10_000)
        {
            monitor.EvaluateCurrent(t, true, 1f, true, 1f);
            Assert.Equal(ProtectionLevel.Trip, monitor.GetLevel(ProtectionFault.CurrentSensorLoss));
        }

        monitor.EvaluateCurrent(620_000, true, 1f, true, 1f);
        Assert.Equal(ProtectionLevel.None, monitor.GetLevel(ProtectionFault.CurrentSensorLoss));
    }

    [Fact]
    public void AfeCommunicationLoss_SetsAndClears()
    {
        var monitor = new ProtectionMonitor(new ProtectionSettings(), new DtcMemory(BmsDtcTable.DtcCount));

        // Failed samples from 0; the 500 ms set time ends at 500 ms.
        for (long t = 0; t < 500_000; t += 100_000)
        {
            monitor.EvaluateCells(t, false, null!, 0, false, 0f);
        }

        Assert.Equal(ProtectionLevel.None, monitor.GetLevel(ProtectionFault.AfeCommunicationLoss));
        monitor.EvaluateCells(500_000, false, null!, 0, false, 0f);
        Assert.Equal(ProtectionLevel.Trip, monitor.GetLevel(ProtectionFault.AfeCommunicationLoss));
        Assert.Equal(ContactorOpenRequest.Normal, monitor.OpenRequest);

        // Valid samples from 600 ms; the 500 ms clear time ends at 1100 ms.
        float[] voltages = { 3.3f };
        for (long t = 600_000; t < 1_100_000; t += 100_000)
        {
            monitor.EvaluateCells(t, true, voltages, 1, false, 0f);
            Assert.Equal(ProtectionLevel.Trip, monitor.GetLevel(ProtectionFault.AfeCommunicationLoss));
        }

        monitor.EvaluateCells(1_100_000, true, voltages, 1, false, 0f);
        Assert.Equal(ProtectionLevel.None, monitor.GetLevel(ProtectionFault.AfeCommunicationLoss));
    }

    [Fact]
    public void ReportedOpenWire_TripsWithPlausibleVoltages()
    {
        var memory = new DtcMemory(BmsDtcTable.DtcCount);
        var monitor = new ProtectionMonitor(new ProtectionSettings(), memory);
        float[] voltages = { 3.3f, 3.3f };
        monitor.ReportedOpenWire = true;

        // Same 300 ms set time as a low reading: clear before, set at the fourth 100 ms sample.
        for (long t = 0; t < 300_000; t += 100_000)
        {
            monitor.EvaluateCells(t, true, voltages, 2, false, 0f);
            Assert.Equal(ProtectionLevel.None, monitor.GetLevel(ProtectionFault.OpenSenseWire));
        }

        monitor.EvaluateCells(300_000, true, voltages, 2, false, 0f);
        Assert.Equal(ProtectionLevel.Trip, monitor.GetLevel(ProtectionFault.OpenSenseWire));
        Assert.True(Failed(memory, 0x1A1200));

        // Cleared 1000 ms after the flag drops.
        monitor.ReportedOpenWire = false;
        monitor.EvaluateCells(400_000, true, voltages, 2, false, 0f);
        monitor.EvaluateCells(1_300_000, true, voltages, 2, false, 0f);
        Assert.Equal(ProtectionLevel.Trip, monitor.GetLevel(ProtectionFault.OpenSenseWire));
        monitor.EvaluateCells(1_400_000, true, voltages, 2, false, 0f);
        Assert.Equal(ProtectionLevel.None, monitor.GetLevel(ProtectionFault.OpenSenseWire));
    }

    [Fact]
    public void OpenSenseWire_SetsAndClearsWithHysteresis()
    {
        var memory = new DtcMemory(BmsDtcTable.DtcCount);
        var monitor = new ProtectionMonitor(new ProtectionSettings(), memory);
        float[] voltages = { 3.3f, 0.2f, 6.4f };

        // Set time 300 ms at 100 ms samples: set at the fourth sample (300 ms).
        for (long t = 0; t < 300_000; t += 100_000)
        {
            monitor.EvaluateCells(t, true, voltages, 3, false, 0f);
            Assert.Equal(ProtectionLevel.None, monitor.GetLevel(ProtectionFault.OpenSenseWire));
        }

        monitor.EvaluateCells(300_000, true, voltages, 3, false, 0f);
        Assert.Equal(ProtectionLevel.Trip, monitor.GetLevel(ProtectionFault.OpenSenseWire));
        Assert.True(Failed(memory, 0x1A1200));

        // 1.2 V lies inside the hysteresis band (1.0 to 1.5 V): the fault holds however long.
        voltages[1] = 1.2f;
        for (long t = 400_000; t < 3_000_000; t += 100_000)
        {
            monitor.EvaluateCells(t, true, voltages, 3, false, 0f);
        }

        Assert.Equal(ProtectionLevel.Trip, monitor.GetLevel(ProtectionFault.OpenSenseWire));

        // Above 1.5 V from 3.0 s; the 1000 ms clear time ends at 4.0 s.
        voltages[1] = 3.3f;
        for (long t = 3_000_000; t < 4_000_000; t += 100_000)
        {
            monitor.EvaluateCells(t, true, voltages, 3, false, 0f);
            Assert.Equal(ProtectionLevel.Trip, monitor.GetLevel(ProtectionFault.OpenSenseWire));
        }

        monitor.EvaluateCells(4_000_000, true, voltages, 3, false, 0f);
        Assert.Equal(ProtectionLevel.None, monitor.GetLevel(ProtectionFault.OpenSenseWire));
        Assert.False(Failed(memory, 0x1A1200));
    }

    [Fact]
    public void TemperatureSensorFault_SetsAndClears()
    {
        var monitor = new ProtectionMonitor(new ProtectionSettings(), new DtcMemory(BmsDtcTable.DtcCount));
        float[] temps = { 25f, 0f };
        bool[] valid = { true, false };

        // Set time 3000 ms at 1 s samples: set at the fourth sample.
        for (long t = 0; t < 3_000_000; t += 1_000_000)
        {
            monitor.EvaluateTemperatures(t, temps, valid, 2);
        }

        Assert.Equal(ProtectionLevel.None, monitor.GetLevel(ProtectionFault.TemperatureSensorFault));
        monitor.EvaluateTemperatures(3_000_000, temps, valid, 2);
        Assert.Equal(ProtectionLevel.Derate, monitor.GetLevel(ProtectionFault.TemperatureSensorFault));
        Assert.Equal(ProtectionLevel.None, monitor.GetLevel(ProtectionFault.ChargeUndertemperature));

        // The channel converts again from 4 s; the 3000 ms clear time ends at 7 s.
        valid[1] = true;
        temps[1] = 25f;
        for (long t = 4_000_000; t < 7_000_000; t += 1_000_000)
        {
            monitor.EvaluateTemperatures(t, temps, valid, 2);
            Assert.Equal(ProtectionLevel.Derate, monitor.GetLevel(ProtectionFault.TemperatureSensorFault));
        }

        monitor.EvaluateTemperatures(7_000_000, temps, valid, 2);
        Assert.Equal(ProtectionLevel.None, monitor.GetLevel(ProtectionFault.TemperatureSensorFault));
    }

    [Fact]
    public void Evaluate_DoesNotAllocate()
    {
        var monitor = new ProtectionMonitor(new ProtectionSettings(), new DtcMemory(BmsDtcTable.DtcCount));
        float[] voltages = { 3.3f, 3.7f, 2.4f };
        float[] temps = { 25f, 50f };
        bool[] valid = { true, false };
        monitor.EvaluateCurrent(0, true, 1f, true, 1f);
        monitor.EvaluateCells(0, true, voltages, 3, true, 9.4f);
        monitor.EvaluateTemperatures(0, temps, valid, 2);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (long t = 10_000; t < 10_000_000; t += 10_000)
        {
            monitor.EvaluateCurrent(t, true, -250f, true, -240f);
            monitor.EvaluateCells(t, true, voltages, 3, true, 12f);
            monitor.EvaluateTemperatures(t, temps, valid, 2);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void DtcTable_NumbersAndCount()
    {
        // 8 graded faults with 3 DTCs each, 17 single-level faults.
        Assert.Equal(41, BmsDtcTable.DtcCount);
        Assert.Equal(0x1A0101u, BmsDtcTable.GetDtc(ProtectionFault.CellOvervoltage, ProtectionLevel.Warning));
        Assert.Equal(0x1A0103u, BmsDtcTable.GetDtc(ProtectionFault.CellOvervoltage, ProtectionLevel.Trip));
        Assert.Equal(0x1A0802u, BmsDtcTable.GetDtc(ProtectionFault.DischargeUndertemperature, ProtectionLevel.Derate));
        Assert.Equal(0x1A1500u, BmsDtcTable.GetDtc(ProtectionFault.CurrentSensorLoss, ProtectionLevel.Trip));
        Assert.Equal(0x1A2200u, BmsDtcTable.GetDtc(ProtectionFault.PositiveContactorWelded, ProtectionLevel.Trip));
        Assert.Equal(0x1A2A00u, BmsDtcTable.GetDtc(ProtectionFault.OpenUnderLoad, ProtectionLevel.Warning));
        Assert.Throws<ArgumentOutOfRangeException>(() => BmsDtcTable.GetDtc(ProtectionFault.OpenSenseWire, ProtectionLevel.Warning));
    }
}
