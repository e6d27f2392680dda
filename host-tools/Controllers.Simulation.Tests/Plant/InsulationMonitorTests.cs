using System;
using System.Collections.Generic;
using Controllers.Firmware.Bms.Insulation;
using Controllers.Firmware.Common.Hal;
using Controllers.Simulation.Plant;
using Xunit;
using Xunit.Abstractions;

namespace Controllers.Simulation.Tests.Plant;

// The firmware monitor runs every 100 ms of simulated time against InsulationPlant. The expected values are
// the insulation resistances set in the plant.
public class InsulationMonitorTests
{
    private const long TaskPeriodMicroseconds = 100_000;
    private const double Infinite = double.PositiveInfinity;

    private readonly ITestOutputHelper output;

    public InsulationMonitorTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    // Nominal board: 1 MΩ bridges, 10 MΩ dividers, up to 1 µF Y capacitance per pole.
    private static InsulationMonitorSettings BoardSettings(bool predict = true) => new()
    {
        PositiveBridgeOhms = 1e6f,
        NegativeBridgeOhms = 1e6f,
        PositiveMeasurementOhms = 10e6f,
        NegativeMeasurementOhms = 10e6f,
        MaximumYCapacitanceFarads = 1e-6f,
        PredictFinalValue = predict,
    };

    // Actual parts: bridges and dividers 1 % off nominal in opposite directions, 1 GΩ switch leakage, ADC
    // gain errors up to 0.3 %, offsets up to 0.2 V, 0.1 V noise and 0.05 V steps.
    private static InsulationPlantSettings PlantSettings(double positiveOhms, double negativeOhms, double yFarads, int seed = 7) => new()
    {
        PackVolts = 400,
        PositiveInsulationOhms = positiveOhms,
        NegativeInsulationOhms = negativeOhms,
        PositiveYCapacitanceFarads = yFarads,
        NegativeYCapacitanceFarads = yFarads,
        PositiveBridgeOhms = 1.01e6,
        NegativeBridgeOhms = 0.99e6,
        PositiveMeasurementOhms = 9.9e6,
        NegativeMeasurementOhms = 10.1e6,
        SwitchLeakageOhms = 1e9,
        PackGainError = 0.002,
        PositiveGainError = -0.003,
        NegativeGainError = 0.003,
        PackOffsetVolts = 0.1,
        PositiveOffsetVolts = 0.2,
        NegativeOffsetVolts = -0.2,
        NoiseVolts = 0.1,
        AdcStepVolts = 0.05,
        Seed = seed,
    };

    private sealed class Rig
    {
        public Rig(InsulationPlantSettings plantSettings, InsulationMonitorSettings monitorSettings)
        {
            Clock = new SimulatedClock();
            Plant = new InsulationPlant(Clock, plantSettings);
            Monitor = new InsulationMonitor(Plant, monitorSettings);
        }

        public SimulatedClock Clock { get; }

        public InsulationPlant Plant { get; }

        public InsulationMonitor Monitor { get; }

        public void Step()
        {
            Clock.Advance(TaskPeriodMicroseconds);
            Monitor.Run(Clock.NowMicroseconds);
        }

        // Runs until the monitor has finished one more cycle, valid or not; false after the time limit.
        public bool RunCycle(double limitSeconds = 300)
        {
            long done = Monitor.CompletedCycles + Monitor.FailedCycles;
            long end = Clock.NowMicroseconds + (long)(limitSeconds * 1e6);
            while (Clock.NowMicroseconds < end)
            {
                Step();
                if (Monitor.CompletedCycles + Monitor.FailedCycles > done)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static double ReportedOhms(float ohms, InsulationPoleStatus status) =>
        status == InsulationPoleStatus.AboveRange ? 10e6 : ohms;

    public static IEnumerable<object[]> SweepCases()
    {
        double[] resistances = { 600e3, 1e6, 2e6, 3.3e6, 5e6, 7.5e6, 10e6 };
        double[] capacitances = { 0.1e-6, 0.47e-6, 1e-6 };
        foreach (double y in capacitances)
        {
            foreach (double r in resistances)
            {
                yield return new object[] { r, Infinite, y };
                yield return new object[] { Infinite, r, y };
                yield return new object[] { r, r, y };
            }
        }
    }

    [Theory]
    [MemberData(nameof(SweepCases))]
    public void Monitor_WithinTenPercentAbove600Kilohm(double positiveOhms, double negativeOhms, double yFarads)
    {
        // The customer asks for 10 % accuracy above 600 kΩ, up to the 10 MΩ end of the range. An open pole
        // must read above range.
        foreach (bool predict in new[] { true, false })
        {
            var rig = new Rig(PlantSettings(positiveOhms, negativeOhms, yFarads), BoardSettings(predict));

            Assert.True(rig.RunCycle(), "no result within 300 s");
            Assert.True(rig.Monitor.IsResultValid, $"error {rig.Monitor.LastError}");
            CheckPole("positive", positiveOhms, rig.Monitor.PositiveOhms, rig.Monitor.PositiveStatus, predict, rig.Clock.NowMicroseconds);
            CheckPole("negative", negativeOhms, rig.Monitor.NegativeOhms, rig.Monitor.NegativeStatus, predict, rig.Clock.NowMicroseconds);
        }
    }

    private void CheckPole(string pole, double trueOhms, float measuredOhms, InsulationPoleStatus status, bool predict, long nowMicroseconds)
    {
        if (double.IsPositiveInfinity(trueOhms))
        {
            Assert.Equal(InsulationPoleStatus.AboveRange, status);
            return;
        }

        double reported = ReportedOhms(measuredOhms, status);
        double error = (reported - trueOhms) / trueOhms;
        output.WriteLine($"{pole} {trueOhms / 1e6:F2} MΩ, predict {predict}: {status} {reported / 1e6:F3} MΩ ({error:P2}) after {nowMicroseconds / 1e6:F1} s");
        Assert.True(Math.Abs(error) <= 0.10, $"{pole} pole {trueOhms} Ω read {reported} Ω ({error:P2})");
    }

    [Fact]
    public void Monitor_AccuracyFiguresAcrossSweep()
    {
        // Records the worst error of the sweep for the documentation, and the mean cycle time.
        double worst = 0;
        double worstPredicted = 0;
        foreach (object[] row in SweepCases())
        {
            double positiveOhms = (double)row[0];
            double negativeOhms = (double)row[1];
            foreach (bool predict in new[] { true, false })
            {
                var rig = new Rig(PlantSettings(positiveOhms, negativeOhms, (double)row[2]), BoardSettings(predict));
                Assert.True(rig.RunCycle());
                Assert.True(rig.Monitor.IsResultValid);
                foreach ((double trueOhms, float ohms, InsulationPoleStatus status) in new[]
                {
                    (positiveOhms, rig.Monitor.PositiveOhms, rig.Monitor.PositiveStatus),
                    (negativeOhms, rig.Monitor.NegativeOhms, rig.Monitor.NegativeStatus),
                })
                {
                    if (double.IsPositiveInfinity(trueOhms))
                    {
                        continue;
                    }

                    double error = Math.Abs(ReportedOhms(ohms, status) - trueOhms) / trueOhms;
                    if (predict)
                    {
                        worstPredicted = Math.Max(worstPredicted, error);
                    }
                    else
                    {
                        worst = Math.Max(worst, error);
                    }
                }
            }
        }

        output.WriteLine($"worst error, waiting for flat voltages: {worst:P2}; with prediction: {worstPredicted:P2}");
        Assert.True(worst <= 0.10);
        Assert.True(worstPredicted <= 0.10);
    }

    [Fact]
    public void Monitor_PositiveShortReadsZeroOhm()
    {
        var rig = new Rig(PlantSettings(0, 5e6, 0.47e-6), BoardSettings());

        Assert.True(rig.RunCycle());

        Assert.True(rig.Monitor.IsResultValid);
        Assert.Equal(InsulationPoleStatus.Shorted, rig.Monitor.PositiveStatus);
        Assert.Equal(0f, rig.Monitor.PositiveOhms);
        Assert.Equal(InsulationPoleStatus.NotMeasurable, rig.Monitor.NegativeStatus);
        Assert.Equal(0f, rig.Monitor.InsulationOhms);
        Assert.Equal(0f, rig.Monitor.OhmsPerVolt);
    }

    [Fact]
    public void Monitor_NegativeShortReadsZeroOhm()
    {
        var rig = new Rig(PlantSettings(Infinite, 0, 0.47e-6), BoardSettings());

        Assert.True(rig.RunCycle());

        Assert.True(rig.Monitor.IsResultValid);
        Assert.Equal(InsulationPoleStatus.Shorted, rig.Monitor.NegativeStatus);
        Assert.Equal(0f, rig.Monitor.InsulationOhms);
    }

    [Fact]
    public void Monitor_OpenInsulationIsAboveRange()
    {
        var rig = new Rig(PlantSettings(Infinite, Infinite, 1e-6), BoardSettings());

        Assert.True(rig.RunCycle());

        Assert.True(rig.Monitor.IsResultValid);
        Assert.Equal(InsulationPoleStatus.AboveRange, rig.Monitor.PositiveStatus);
        Assert.Equal(InsulationPoleStatus.AboveRange, rig.Monitor.NegativeStatus);
        Assert.Equal(10e6f, rig.Monitor.InsulationOhms);

        // 10 MΩ / 400 V = 25 000 Ω/V, as a lower bound.
        Assert.Equal(25000f, rig.Monitor.OhmsPerVolt, 100f);
        Assert.Equal(InsulationAlarmLevel.None, rig.Monitor.AlarmLevel);
    }

    [Fact]
    public void Monitor_FiftyKilohmWithinTwentyPercent()
    {
        // 50 kΩ on the positive pole at 400 V is 125 Ω/V: between the fault (100) and warning (500)
        // thresholds. Accuracy is not specified below 600 kΩ, but the value must stay within 20 %.
        var rig = new Rig(PlantSettings(50e3, Infinite, 0.47e-6), BoardSettings());

        Assert.True(rig.RunCycle());

        Assert.True(rig.Monitor.IsResultValid);
        Assert.InRange(rig.Monitor.PositiveOhms, 40e3f, 60e3f);
    }

    [Fact]
    public void Monitor_WarningAndFaultDebounced()
    {
        // 400 V pack: warning below 500 Ω/V = 200 kΩ, fault below 100 Ω/V = 40 kΩ. Two results below a
        // threshold raise it; three results above 1.1 times it clear it.
        var rig = new Rig(PlantSettings(Infinite, Infinite, 0.47e-6), BoardSettings());
        Assert.True(rig.RunCycle());
        Assert.Equal(InsulationAlarmLevel.None, rig.Monitor.AlarmLevel);

        // 120 kΩ = 300 Ω/V: warning after the second result.
        rig.Plant.ScheduleInsulationChange(rig.Clock.NowMicroseconds, 120e3, double.NaN);
        Assert.True(rig.RunCycle());
        Assert.Equal(InsulationAlarmLevel.None, rig.Monitor.AlarmLevel);
        Assert.True(rig.RunCycle());
        Assert.Equal(InsulationAlarmLevel.Warning, rig.Monitor.AlarmLevel);

        // 20 kΩ on the negative pole = 50 Ω/V: fault after the second result.
        rig.Plant.ScheduleInsulationChange(rig.Clock.NowMicroseconds, double.NaN, 20e3);
        Assert.True(rig.RunCycle());
        Assert.Equal(InsulationAlarmLevel.Warning, rig.Monitor.AlarmLevel);
        Assert.True(rig.RunCycle());
        Assert.Equal(InsulationAlarmLevel.Fault, rig.Monitor.AlarmLevel);
        Assert.True(rig.Monitor.OhmsPerVolt < 100f);

        // Insulation restored: the fault and the warning clear after the third good result.
        rig.Plant.ScheduleInsulationChange(rig.Clock.NowMicroseconds, Infinite, Infinite);
        Assert.True(rig.RunCycle());
        Assert.True(rig.RunCycle());
        Assert.Equal(InsulationAlarmLevel.Fault, rig.Monitor.AlarmLevel);
        Assert.True(rig.RunCycle());
        Assert.Equal(InsulationAlarmLevel.None, rig.Monitor.AlarmLevel);
    }

    [Fact]
    public void Monitor_OneLowResultDoesNotRaiseWarning()
    {
        var rig = new Rig(PlantSettings(Infinite, Infinite, 0.1e-6), BoardSettings());
        Assert.True(rig.RunCycle());

        // One cycle at 100 kΩ (250 Ω/V), then back to open before the next cycle starts.
        rig.Plant.ScheduleInsulationChange(rig.Clock.NowMicroseconds, 100e3, double.NaN);
        Assert.True(rig.RunCycle());
        rig.Plant.ScheduleInsulationChange(rig.Clock.NowMicroseconds, Infinite, double.NaN);
        Assert.True(rig.RunCycle());
        Assert.True(rig.RunCycle());

        Assert.Equal(InsulationAlarmLevel.None, rig.Monitor.AlarmLevel);
    }

    [Fact]
    public void Protection_DropRaisesDtcsAndOpensContactors()
    {
        var rig = new Rig(PlantSettings(5e6, 5e6, 1e-6), BoardSettings());
        var dtcs = new Controllers.Firmware.Common.Diagnostics.DtcMemory(32);
        var contactorPlant = new ContactorPlant(rig.Clock) { PackVolts = 400 };
        var controller = new Controllers.Firmware.Bms.Contactors.ContactorController(contactorPlant,
            new Controllers.Firmware.Bms.Contactors.ContactorSettings(), dtcs,
            new Controllers.Firmware.Bms.Contactors.ContactorWearLog(new SimulatedContactorWearStore()));
        var task = new InsulationProtectionTask(rig.Monitor, dtcs, controller);
        controller.RequestClose();

        // The positive pole drops to 30 kΩ at 30 s: 75 Ω/V at 400 V, below the 100 Ω/V fault threshold.
        rig.Plant.ScheduleInsulationChange(30_000_000, 30e3, double.NaN);
        while (rig.Clock.NowMicroseconds < 120_000_000 && rig.Monitor.AlarmLevel != InsulationAlarmLevel.Fault)
        {
            rig.Step();
            task.Run(rig.Clock.NowMicroseconds);
            controller.Step(rig.Clock.NowMicroseconds, 0f, true);
            if (rig.Clock.NowMicroseconds == 20_000_000)
            {
                Assert.Equal(Controllers.Firmware.Bms.Contactors.ContactorState.Closed, controller.State);
                Assert.Equal(0, dtcs.StatusAt(dtcs.IndexOf(InsulationProtectionTask.FaultDtc)) & 0x01);
            }
        }

        task.Run(rig.Clock.NowMicroseconds);
        for (int i = 0; i < 10; i++)
        {
            rig.Step();
            controller.Step(rig.Clock.NowMicroseconds, 0f, true);
        }

        // P1A30-01 and P1A30-03 failing; with no current flowing the normal opening completes at once.
        Assert.Equal(1, dtcs.StatusAt(dtcs.IndexOf(InsulationProtectionTask.WarningDtc)) & 0x01);
        Assert.Equal(1, dtcs.StatusAt(dtcs.IndexOf(InsulationProtectionTask.FaultDtc)) & 0x01);
        Assert.Equal(Controllers.Firmware.Bms.Contactors.ContactorState.Open, controller.State);
    }

    [Fact]
    public void Monitor_InjectedDropDetectedWithinTwoCycles()
    {
        // Fault injection at 30 s of simulated time: the positive pole drops to 30 kΩ (75 Ω/V).
        var rig = new Rig(PlantSettings(5e6, 5e6, 1e-6), BoardSettings());
        rig.Plant.ScheduleInsulationChange(30_000_000, 30e3, double.NaN);

        long faultAt = -1;
        while (rig.Clock.NowMicroseconds < 120_000_000 && faultAt < 0)
        {
            rig.Step();
            if (rig.Monitor.AlarmLevel == InsulationAlarmLevel.Fault)
            {
                faultAt = rig.Clock.NowMicroseconds;
            }
        }

        output.WriteLine($"fault raised {(faultAt - 30_000_000) / 1e6:F1} s after the drop");
        Assert.True(faultAt > 30_000_000, "fault not raised within 90 s of the drop");
    }

    [Fact]
    public void Monitor_SwitchesOnlyAfterVoltagesSettle()
    {
        // Without prediction the monitor may switch only once the chassis voltage is within the settle
        // tolerance (0.2 % of 400 V = 0.8 V) of its final value. Slowest case: 1 µF per pole and open
        // insulation, τ = 2 µF / (1/1 MΩ + 2/10 MΩ) = 1.67 s.
        var rig = new Rig(PlantSettings(Infinite, Infinite, 1e-6, seed: 3), BoardSettings(predict: false));

        Assert.True(rig.RunCycle());
        Assert.True(rig.RunCycle());

        output.WriteLine($"τ with both bridges open: {rig.Plant.TimeConstantSeconds:F2} s");
        IReadOnlyList<SwitchRecord> records = rig.Plant.SwitchRecords;
        Assert.True(records.Count >= 6);
        int measuredStates = 0;
        for (int i = 1; i < records.Count; i++)
        {
            SwitchRecord record = records[i];
            output.WriteLine($"{record.TimeMicroseconds / 1e6:F1} s: settling error {record.SettlingErrorVolts:F3} V");

            // A switch that ends a bridge state (one bridge closed before it) must find the voltages settled;
            // 0.1 V of margin covers noise. The open state between cycles is not measured.
            bool endsBridgeState = records[i - 1].PositiveBridgeClosed || records[i - 1].NegativeBridgeClosed;
            if (endsBridgeState)
            {
                measuredStates++;
                Assert.True(record.SettlingErrorVolts <= 0.9, $"switched at {record.TimeMicroseconds} µs with {record.SettlingErrorVolts:F3} V left");
            }
        }

        Assert.Equal(4, measuredStates);

        // Each state lasts at least 3 τ here, because 3 samples must agree.
        Assert.True(records[1].TimeMicroseconds - records[0].TimeMicroseconds >= 5_000_000);
    }

    [Fact]
    public void Monitor_PredictionShortensCycleAndStaysAccurate()
    {
        // 1 µF per pole, 5 MΩ on each pole: the prediction finishes a cycle sooner than waiting for flat
        // voltages, with both results within 10 %.
        var waiting = new Rig(PlantSettings(5e6, 5e6, 1e-6), BoardSettings(predict: false));
        var predicting = new Rig(PlantSettings(5e6, 5e6, 1e-6), BoardSettings(predict: true));

        Assert.True(waiting.RunCycle());
        Assert.True(predicting.RunCycle());

        output.WriteLine($"cycle waiting {waiting.Clock.NowMicroseconds / 1e6:F1} s, predicting {predicting.Clock.NowMicroseconds / 1e6:F1} s, predicted: {predicting.Monitor.ResultPredicted}");
        Assert.True(predicting.Clock.NowMicroseconds <= waiting.Clock.NowMicroseconds);
        Assert.InRange(predicting.Monitor.PositiveOhms, 4.5e6f, 5.5e6f);
        Assert.InRange(waiting.Monitor.PositiveOhms, 4.5e6f, 5.5e6f);
    }

    [Fact]
    public void Monitor_TimestampIsCycleEnd()
    {
        var rig = new Rig(PlantSettings(2e6, 2e6, 0.1e-6), BoardSettings());

        Assert.True(rig.RunCycle());

        Assert.Equal(rig.Clock.NowMicroseconds, rig.Monitor.ResultTimestampMicroseconds);
        Assert.False(rig.Plant.PositiveBridgeClosed);
        Assert.False(rig.Plant.NegativeBridgeClosed);
    }

    [Fact]
    public void Monitor_LowPackVoltageGivesNoResult()
    {
        var rig = new Rig(PlantSettings(2e6, 2e6, 0.1e-6), BoardSettings());
        rig.Plant.SchedulePackVoltage(0, 20);

        Assert.True(rig.RunCycle());

        Assert.False(rig.Monitor.IsResultValid);
        Assert.Equal(InsulationMeasurementError.PackVoltageTooLow, rig.Monitor.LastError);
        Assert.False(rig.Plant.PositiveBridgeClosed);
    }

    [Fact]
    public void Monitor_DividerFaultIsInconsistent()
    {
        // The positive divider reads 10 % high: Up + Un exceeds the pack voltage by far more than 3 %.
        var settings = new InsulationPlantSettings
        {
            PositiveInsulationOhms = 2e6,
            NegativeInsulationOhms = 2e6,
            PositiveGainError = 0.10,
        };
        var rig = new Rig(settings, BoardSettings());

        Assert.True(rig.RunCycle());

        Assert.False(rig.Monitor.IsResultValid);
        Assert.Equal(InsulationMeasurementError.InconsistentVoltages, rig.Monitor.LastError);
    }

    [Fact]
    public void Monitor_RunDoesNotAllocate()
    {
        var bridge = new ConstantBridge();
        var monitor = new InsulationMonitor(bridge, BoardSettings());
        long now = 0;
        for (int i = 0; i < 100; i++)
        {
            now += TaskPeriodMicroseconds;
            monitor.Run(now);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            now += TaskPeriodMicroseconds;
            monitor.Run(now);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(monitor.CompletedCycles > 0);
    }

    // A bridge whose voltages follow the switches instantly: the hand-worked 2 MΩ / 5 MΩ case of the
    // solver tests (state 1: 1200/19 V and 6400/19 V, state 2: 5200/19 V and 2400/19 V). Used where the
    // plant's own bookkeeping would allocate.
    private sealed class ConstantBridge : IInsulationBridge
    {
        private bool positiveClosed;

        public void SetSwitches(bool positiveBridgeClosed, bool negativeBridgeClosed)
        {
            positiveClosed = positiveBridgeClosed;
        }

        public bool TryReadVoltages(out float packVolts, out float positiveToChassisVolts, out float chassisToNegativeVolts)
        {
            packVolts = 400f;
            positiveToChassisVolts = positiveClosed ? 1200f / 19f : 5200f / 19f;
            chassisToNegativeVolts = 400f - positiveToChassisVolts;
            return true;
        }
    }
}
