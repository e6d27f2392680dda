using System;
using Controllers.Firmware.Bms.Contactors;
using Controllers.Firmware.Bms.Protection;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Hal;
using Controllers.Simulation.Plant;
using Xunit;

namespace Controllers.Simulation.Tests.Plant;

public class ContactorSequenceTests
{
    private const long StepMicroseconds = 10_000;

    // Plant defaults: 400 V pack, 50 Ω precharge resistor, 2 mF link, so τ = RC = 0.1 s.
    // Operate 25 ms and release 10 ms (EVC 135 datasheet maxima).
    private sealed class Bench
    {
        public readonly SimulatedClock Clock = new();
        public readonly ContactorPlant Plant;
        public readonly SimulatedContactorWearStore Store = new();
        public readonly DtcMemory Dtcs = new(BmsDtcTable.DtcCount);
        public readonly ContactorController Controller;
        public readonly ContactorSettings Settings;

        public Bench(ContactorSettings? settings = null, Action<ContactorPlant>? configure = null)
        {
            Plant = new ContactorPlant(Clock);
            configure?.Invoke(Plant);
            Settings = settings ?? new ContactorSettings();
            var log = new ContactorWearLog(Store);
            log.Load();
            Controller = new ContactorController(Plant, Settings, Dtcs, log);
            Step();
        }

        public void Step()
        {
            Controller.Step(Clock.NowMicroseconds, (float)Plant.PackCurrentAmperes, true);
        }

        /// <summary>Advances 10 ms and steps, until <paramref name="done"/> or the limit; returns the time it became true.</summary>
        public long RunUntil(Func<bool> done, long limitMicroseconds = 5_000_000)
        {
            long end = Clock.NowMicroseconds + limitMicroseconds;
            while (!done())
            {
                if (Clock.NowMicroseconds >= end)
                {
                    throw new InvalidOperationException($"Condition not reached by {Clock.NowMicroseconds} µs; state {Controller.State}.");
                }

                Clock.Advance(StepMicroseconds);
                Step();
            }

            return Clock.NowMicroseconds;
        }

        public void Run(long durationMicroseconds)
        {
            long end = Clock.NowMicroseconds + durationMicroseconds;
            while (Clock.NowMicroseconds < end)
            {
                Clock.Advance(StepMicroseconds);
                Step();
            }
        }

        public bool Failed(ProtectionFault fault)
        {
            uint dtc = BmsDtcTable.GetDtc(fault, BmsDtcTable.GetSingleLevel(fault));
            return (Dtcs.StatusAt(Dtcs.IndexOf(dtc)) & DtcMemory.TestFailed) != 0;
        }

        public void Close()
        {
            Controller.RequestClose();
            RunUntil(() => Controller.State is ContactorState.Closed or ContactorState.Fault);
        }
    }

    private static long CeilingToStep(double microseconds) =>
        (long)Math.Ceiling(microseconds / StepMicroseconds) * StepMicroseconds;

    [Fact]
    public void Plant_LinkFollowsRcStep()
    {
        var clock = new SimulatedClock();
        var plant = new ContactorPlant(clock);
        plant.SetCoil(ContactorId.Negative, true);
        plant.SetCoil(ContactorId.Precharge, true);

        // Both contacts close at 25 ms; one τ = 50 Ω · 2 mF = 100 ms later the link is at 400 (1 − e⁻¹) = 252.85 V.
        clock.AdvanceTo(125_000);

        Assert.Equal(400.0 * (1 - Math.Exp(-1)), plant.LinkVolts, 6);
        // Current through the resistor: (400 − 252.85) / 50 = 2.943 A, discharging (negative).
        Assert.Equal(-400.0 * Math.Exp(-1) / 50.0, plant.PackCurrentAmperes, 6);
    }

    [Fact]
    public void Close_PrechargeTakesRcTime()
    {
        var bench = new Bench();
        long start = bench.Clock.NowMicroseconds;
        bench.Controller.RequestClose();
        bench.RunUntil(() => bench.Controller.State == ContactorState.Closed);

        // The request is served at the next step (10 ms): negative closes at 35 ms, seen at 40 ms, which
        // commands precharge. Precharge closes at 65 ms; 95 % needs −RC ln(1 − 0.95) = 0.1 s · 2.9957 =
        // 299.57 ms, so at 364.57 ms. The first step after that is 370 ms: precharge lasted 370 − 40 = 330 ms.
        double t95 = -0.1 * Math.Log(1 - 0.95) * 1e6;
        long positiveCommand = CeilingToStep(65_000 + t95);
        Assert.Equal(370_000, positiveCommand);
        Assert.Equal(positiveCommand - 40_000, bench.Controller.PrechargeDurationMicroseconds);
        Assert.True(bench.Plant.AreContactsClosed(ContactorId.Negative));
        Assert.True(bench.Plant.AreContactsClosed(ContactorId.Positive));
        Assert.False(bench.Plant.AreContactsClosed(ContactorId.Precharge));

        // Positive commanded at 370 ms closes at 395 ms and is seen at 400 ms. Precharge is released then
        // and opens at 410 ms, seen at the 410 ms step.
        Assert.Equal(start + 410_000, bench.Clock.NowMicroseconds);
        Assert.Equal(1, bench.Controller.GetStatusCode(ContactorId.Positive));
        Assert.Equal(0, bench.Controller.GetStatusCode(ContactorId.Precharge));
        Assert.False(bench.Controller.HasFault);
    }

    [Fact]
    public void Close_LinkNotReadyAtPreviousStep()
    {
        var bench = new Bench();
        bench.Controller.RequestClose();
        bench.RunUntil(() => bench.Clock.NowMicroseconds >= 360_000);

        // At 360 ms the link has charged for 295 ms (since 65 ms): 400 (1 − e^−2.95) = 379.06 V, below 380 V.
        Assert.Equal(ContactorState.Precharging, bench.Controller.State);
        Assert.Equal(400.0 * (1 - Math.Exp(-2.95)), bench.Plant.LinkVolts, 3);
    }

    [Fact]
    public void WeldedPositive_DetectedByFeedbackWhenOpen()
    {
        var bench = new Bench(configure: p => p.InjectFault(ContactorId.Positive, ContactorFault.Welded));
        bench.Run(60_000);

        // The feedback timeout is 50 ms after the coils were released at start-up.
        Assert.Equal(ContactorState.Fault, bench.Controller.State);
        Assert.True(bench.Failed(ProtectionFault.PositiveContactorWelded));
        Assert.Equal(2, bench.Controller.GetStatusCode(ContactorId.Positive));

        bench.Controller.RequestClose();
        bench.Run(100_000);
        Assert.False(bench.Plant.IsCoilEnergized(ContactorId.Negative));
    }

    [Fact]
    public void WeldedPositive_DetectedByLinkVoltage()
    {
        // The feedback reads open, so only the link voltage reveals the weld.
        var bench = new Bench(configure: p => p.InjectFault(ContactorId.Positive, ContactorFault.WeldedFeedbackOpen));
        bench.Run(100_000);
        Assert.Equal(ContactorState.Open, bench.Controller.State);

        bench.Controller.RequestClose();
        long faulted = bench.RunUntil(() => bench.Controller.State == ContactorState.Fault);

        // Negative commanded at 110 ms closes at 135 ms. Through the welded positive the link charges with
        // τ = 5 mΩ · 2 mF = 10 µs, so it is at 400 V at the 140 ms step, far above 0.5 · 400 V.
        Assert.Equal(140_000, faulted);
        Assert.Equal(ProtectionFault.PositiveContactorWelded, bench.Controller.LastFault);
        Assert.True(bench.Failed(ProtectionFault.PositiveContactorWelded));
        Assert.False(bench.Plant.IsCoilEnergized(ContactorId.Precharge));
        Assert.False(bench.Plant.IsCoilEnergized(ContactorId.Negative));
    }

    [Fact]
    public void WeldedNegative_DetectedWhenOpening()
    {
        var bench = new Bench();
        bench.Close();
        bench.Plant.InjectFault(ContactorId.Negative, ContactorFault.Welded);

        bench.Controller.RequestOpen(emergency: false);
        bench.Run(100_000);

        Assert.Equal(ContactorState.Fault, bench.Controller.State);
        Assert.True(bench.Failed(ProtectionFault.NegativeContactorWelded));
        Assert.False(bench.Failed(ProtectionFault.PositiveContactorWelded));
        Assert.False(bench.Plant.AreContactsClosed(ContactorId.Positive));
    }

    [Fact]
    public void StuckOpenNegative_AbortsClose()
    {
        var bench = new Bench(configure: p => p.InjectFault(ContactorId.Negative, ContactorFault.StuckOpen));
        long start = bench.Clock.NowMicroseconds;
        bench.Controller.RequestClose();
        long faulted = bench.RunUntil(() => bench.Controller.State == ContactorState.Fault);

        // Negative commanded at the first step after the request (10 ms); the 50 ms timeout ends at 60 ms.
        Assert.Equal(start + 60_000, faulted);
        Assert.True(bench.Failed(ProtectionFault.NegativeContactorStuckOpen));
        Assert.Equal(3, bench.Controller.GetStatusCode(ContactorId.Negative));
        Assert.False(bench.Plant.IsCoilEnergized(ContactorId.Negative));
        Assert.False(bench.Plant.IsCoilEnergized(ContactorId.Precharge));
    }

    [Fact]
    public void StuckOpenPositive_AbortsClose()
    {
        var bench = new Bench(configure: p => p.InjectFault(ContactorId.Positive, ContactorFault.StuckOpen));
        bench.Close();

        Assert.Equal(ContactorState.Fault, bench.Controller.State);
        Assert.True(bench.Failed(ProtectionFault.PositiveContactorStuckOpen));
        Assert.False(bench.Plant.IsCoilEnergized(ContactorId.Precharge));
    }

    [Fact]
    public void PrechargeTimeout_LoadHoldsLinkLow()
    {
        // A 1 A load through 50 Ω settles the link at 400 − 50 = 350 V, 87.5 % of the pack, below 95 %.
        // It passes the 150 ms check: 350 (1 − e^(−(150 − 25) / 100)) = 249.7 V > 0.3 · 400 = 120 V.
        // Precharge is commanded at 40 ms (request served at 10 ms, negative seen closed at 40 ms).
        var bench = new Bench(configure: p => p.LoadCurrentAmperes = 1.0);
        bench.Controller.RequestClose();
        long faulted = bench.RunUntil(() => bench.Controller.State == ContactorState.Fault);

        // The 1000 ms timeout ends at 1040 ms.
        Assert.Equal(1_040_000, faulted);
        Assert.Equal(ProtectionFault.PrechargeTimeout, bench.Controller.LastFault);
        Assert.True(bench.Failed(ProtectionFault.PrechargeTimeout));
    }

    [Fact]
    public void ShortedLink_DetectedByPrechargeCurrent()
    {
        // 0.05 Ω across the link: the link stays at 400 · 0.05 / 50.05 = 0.4 V and 400 / 50.05 = 7.99 A flows.
        var bench = new Bench(configure: p => p.LinkShortOhms = 0.05);
        bench.Controller.RequestClose();
        long faulted = bench.RunUntil(() => bench.Controller.State == ContactorState.Fault);

        // Check at 150 ms after the 40 ms precharge command: 190 ms.
        Assert.Equal(190_000, faulted);
        Assert.Equal(ProtectionFault.PrechargeLinkShorted, bench.Controller.LastFault);
        Assert.True(bench.Failed(ProtectionFault.PrechargeLinkShorted));
        Assert.False(bench.Failed(ProtectionFault.PrechargePathOpen));
    }

    [Fact]
    public void OpenPrechargeResistor_DetectedWithoutCurrent()
    {
        var bench = new Bench(configure: p => p.PrechargeResistorOpen = true);
        bench.Controller.RequestClose();
        long faulted = bench.RunUntil(() => bench.Controller.State == ContactorState.Fault);

        Assert.Equal(190_000, faulted);
        Assert.Equal(ProtectionFault.PrechargePathOpen, bench.Controller.LastFault);
        Assert.True(bench.Failed(ProtectionFault.PrechargePathOpen));
    }

    [Fact]
    public void MissingLinkCapacitance_PrechargeTooFast()
    {
        // 20 µF: τ = 1 ms, so 95 % is reached 3 ms after the precharge contacts close, long before the 60 ms minimum.
        var bench = new Bench(configure: p => p.LinkCapacitanceFarads = 20e-6);
        bench.Controller.RequestClose();
        bench.RunUntil(() => bench.Controller.State == ContactorState.Fault);

        Assert.Equal(ProtectionFault.PrechargeTooFast, bench.Controller.LastFault);
        Assert.False(bench.Plant.IsCoilEnergized(ContactorId.Positive));
    }

    [Fact]
    public void Reclose_ChargedLinkIsNotTooFast()
    {
        // No bleed resistor: after opening, the link keeps 400 V and reaches 95 % as soon as precharge closes.
        var bench = new Bench();
        bench.Close();
        bench.Controller.RequestOpen(emergency: false);
        bench.RunUntil(() => bench.Controller.State == ContactorState.Open);
        Assert.True(bench.Plant.LinkVolts > 0.95 * 400.0);

        bench.Close();

        Assert.Equal(ContactorState.Closed, bench.Controller.State);
        Assert.False(bench.Failed(ProtectionFault.PrechargeTooFast));
    }

    [Fact]
    public void NormalOpen_WaitsForZeroCurrent()
    {
        var bench = new Bench();
        bench.Close();
        bench.Plant.LoadCurrentAmperes = 100.0;
        bench.Run(100_000);

        bench.Controller.RequestOpen(emergency: false);
        bench.Step();
        Assert.True(bench.Controller.ZeroCurrentRequested);

        // The vehicle removes the load after 200 ms. Until then the contactors stay closed.
        bench.Run(200_000);
        Assert.True(bench.Plant.IsCoilEnergized(ContactorId.Positive));
        bench.Plant.LoadCurrentAmperes = 0.0;
        long answered = bench.Clock.NowMicroseconds;
        long released = bench.RunUntil(() => !bench.Plant.IsCoilEnergized(ContactorId.Positive));
        bench.RunUntil(() => bench.Controller.State == ContactorState.Open);

        Assert.False(bench.Controller.ZeroCurrentRequested);
        // The main path time constant is 5 mΩ · 2 mF = 10 µs, so the current is zero at the next step.
        Assert.Equal(answered + StepMicroseconds, released);
        ContactorWearRecord record = bench.Controller.WearLog.Record;
        Assert.Equal(1u, record.GetNoLoadBreaks(ContactorId.Positive));
        Assert.Equal(0u, record.GetLoadBreaks(ContactorId.Positive));
        Assert.Equal(1u, record.GetNoLoadBreaks(ContactorId.Negative));
        Assert.True(record.GetMaximumBreakAmperes(ContactorId.Positive) < 5f);
        Assert.False(bench.Failed(ProtectionFault.OpenUnderLoad));
    }

    [Fact]
    public void NormalOpen_TimesOutUnderLoad()
    {
        var bench = new Bench();
        bench.Close();
        bench.Plant.LoadCurrentAmperes = 100.0;
        bench.Run(100_000);

        bench.Controller.RequestOpen(emergency: false);
        bench.Step();
        long requested = bench.Clock.NowMicroseconds;
        long released = bench.RunUntil(() => !bench.Plant.IsCoilEnergized(ContactorId.Positive));

        // The vehicle ignores the request: the 1000 ms timeout opens at 100 A.
        Assert.Equal(requested + 1_000_000, released);
        Assert.True(bench.Failed(ProtectionFault.OpenUnderLoad));
        ContactorWearRecord record = bench.Controller.WearLog.Record;
        Assert.Equal(1u, record.GetLoadBreaks(ContactorId.Positive));
        Assert.Equal(100f, record.GetMaximumBreakAmperes(ContactorId.Positive), 0.1f);
        Assert.Equal(100f, record.GetAccumulatedBreakAmperes(ContactorId.Positive), 0.1f);
    }

    [Fact]
    public void EmergencyOpen_ReleasesAtOnce()
    {
        var bench = new Bench();
        bench.Close();
        bench.Plant.LoadCurrentAmperes = 300.0;
        bench.Run(100_000);

        bench.Controller.RequestOpen(emergency: true);
        bench.Step();

        Assert.False(bench.Plant.IsCoilEnergized(ContactorId.Positive));
        Assert.False(bench.Plant.IsCoilEnergized(ContactorId.Negative));
        Assert.False(bench.Controller.ZeroCurrentRequested);

        // Release time 10 ms: the contacts are open at the next step.
        bench.Clock.Advance(StepMicroseconds);
        Assert.False(bench.Plant.AreContactsClosed(ContactorId.Positive));
        Assert.Equal(1u, bench.Controller.WearLog.Record.GetLoadBreaks(ContactorId.Positive));
        Assert.Equal(300f, bench.Controller.WearLog.Record.GetMaximumBreakAmperes(ContactorId.Positive), 0.1f);
    }

    [Fact]
    public void WearRecord_SurvivesPowerCutDuringWrite()
    {
        var bench = new Bench();
        bench.Close();
        bench.Plant.LoadCurrentAmperes = 100.0;
        bench.Run(100_000);
        bench.Controller.RequestOpen(emergency: true);
        bench.Step();

        // Closing wrote one record (precharge break), the emergency opening a second one.
        Assert.Equal(2u, bench.Controller.WearLog.Sequence);

        // Cut the next write in the middle of the 72-byte record.
        bench.Run(100_000);
        bench.Plant.LoadCurrentAmperes = 0.0;
        bench.Store.CutPowerDuringNextWrite(36);
        bench.Controller.RequestClose();
        Assert.Throws<SimulatedPowerCutException>(() => bench.RunUntil(() => bench.Controller.State == ContactorState.Closed));

        var restarted = new ContactorWearLog(bench.Store);
        Assert.True(restarted.Load());
        Assert.Equal(2u, restarted.Sequence);
        Assert.Equal(1u, restarted.Record.GetLoadBreaks(ContactorId.Positive));
        Assert.Equal(100f, restarted.Record.GetMaximumBreakAmperes(ContactorId.Positive), 0.1f);
        Assert.Equal(1u, restarted.Record.GetNoLoadBreaks(ContactorId.Precharge));

        // The next save goes to the damaged slot again and becomes the newest record.
        restarted.Record.RecordBreak(ContactorId.Positive, 10f, 5f, 660f);
        restarted.Save();
        var again = new ContactorWearLog(bench.Store);
        Assert.True(again.Load());
        Assert.Equal(3u, again.Sequence);
        Assert.Equal(2u, again.Record.GetLoadBreaks(ContactorId.Positive));
    }

    [Fact]
    public void Step_DoesNotAllocate()
    {
        var bench = new Bench();
        bench.Close();
        bench.Plant.LoadCurrentAmperes = 20.0;

        // Two open and close cycles, with breaks and wear log saves, in plain loops without closures.
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int cycle = 0; cycle < 2; cycle++)
        {
            bench.Controller.RequestOpen(emergency: cycle == 1);
            for (int k = 0; k < 150; k++)
            {
                bench.Clock.Advance(StepMicroseconds);
                bench.Step();
            }

            // The load is off during precharge: 20 A through 50 Ω would hold the link at 0 V like a short.
            bench.Plant.LoadCurrentAmperes = 0.0;
            bench.Controller.RequestClose();
            for (int k = 0; k < 60; k++)
            {
                bench.Clock.Advance(StepMicroseconds);
                bench.Step();
            }

            bench.Plant.LoadCurrentAmperes = 20.0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(ContactorState.Closed, bench.Controller.State);
    }

    [Fact]
    public void WearLog_EmptyStoreStartsAtZero()
    {
        var store = new SimulatedContactorWearStore();
        store.CutPowerDuringNextWrite(10);
        var log = new ContactorWearLog(store);
        Assert.False(log.Load());
        log.Record.RecordBreak(ContactorId.Negative, 1f, 5f, 660f);
        Assert.Throws<SimulatedPowerCutException>(log.Save);

        var restarted = new ContactorWearLog(store);
        Assert.False(restarted.Load());
        Assert.Equal(0u, restarted.Record.GetTotalBreaks(ContactorId.Negative));
    }
}
