using System;
using Controllers.Firmware.Vcu.Energy;
using Xunit;

namespace Controllers.Firmware.Vcu.Tests.Energy;

public class RangeExtenderManagerTests
{
    private const long Period = 100_000;

    // A GCU that responds at once, an engine already warm, 350 V on the link and no traction demand.
    private static VehicleSignals CreateSignals(float soc)
    {
        return new VehicleSignals
        {
            PackSoc = soc,
            FeedbackValid = true,
            DcLinkVolts = 350f,
            DcLinkAmperes = 0f,
            BmsValid = true,
            PackVolts = 350f,
            PowerLimitsValid = true,
            // 12 kW less the 10 % margin leaves the generator 10.8 kW above the demand, more than the 10 kW best point.
            MaxChargePowerWatts = 12000f,
            MaxDischargePowerWatts = 20000f,
            GeneratorValid = true,
            GeneratorState = 0,
            EngineStatusValid = true,
            FuelLevelPercent = 50f,
            EngineCoolantCelsius = 80f,
        };
    }

    private sealed class Bench
    {
        public readonly RangeExtenderManager Manager;
        public readonly VehicleSignals Signals;
        public readonly VcuOutputs Outputs = new();
        public long Now;

        public Bench(RangeExtenderSettings settings, float soc)
        {
            Manager = new RangeExtenderManager(settings);
            Signals = CreateSignals(soc);
        }

        /// <summary>Runs one update and lets the GCU report the state the VCU requested, as a GCU that responds at once.</summary>
        public void Update()
        {
            Manager.Update(Now, Signals, Outputs);
            Now += Period;
            switch (Outputs.GeneratorMode)
            {
                case 1:
                    Signals.GeneratorState = 2;
                    break;
                case 3:
                    Signals.GeneratorState = 3;
                    break;
                case 4:
                case 0:
                    Signals.GeneratorState = 0;
                    break;
            }
        }

        public void RunUntil(long microseconds)
        {
            while (Now < microseconds)
            {
                Update();
            }
        }
    }

    private static RangeExtenderSettings NoMinimumTimes(EnergyStrategy strategy)
    {
        return new RangeExtenderSettings { Strategy = strategy, MinOnSeconds = 0f, MinOffSeconds = 0f, DemandFilterSeconds = 0f };
    }

    [Fact]
    public void ThermostatSwitchesAtStartAndStopSoc()
    {
        // Start at SOC ≤ 0.45, stop at SOC ≥ 0.55 (default calibration); between them the state holds.
        var bench = new Bench(NoMinimumTimes(EnergyStrategy.ConstantPower), 0.50f);
        bench.Update();
        Assert.Equal(EngineSequenceState.Off, bench.Manager.Sequence);

        bench.Signals.PackSoc = 0.451f;
        bench.Update();
        Assert.Equal(EngineSequenceState.Off, bench.Manager.Sequence);

        bench.Signals.PackSoc = 0.45f;
        bench.Update();
        Assert.Equal(EngineSequenceState.Cranking, bench.Manager.Sequence);
        Assert.Equal(1, bench.Outputs.GeneratorMode);

        // The GCU reports Idle; the coolant is above 40 °C, so warm-up ends at the next update.
        bench.Update();
        Assert.Equal(EngineSequenceState.WarmUp, bench.Manager.Sequence);
        Assert.Equal(2, bench.Outputs.GeneratorMode);
        bench.Update();
        Assert.Equal(EngineSequenceState.Generating, bench.Manager.Sequence);
        Assert.Equal(3, bench.Outputs.GeneratorMode);

        bench.Signals.PackSoc = 0.549f;
        bench.Update();
        Assert.Equal(EngineSequenceState.Generating, bench.Manager.Sequence);

        bench.Signals.PackSoc = 0.55f;
        bench.Update();
        Assert.Equal(EngineSequenceState.ShuttingDown, bench.Manager.Sequence);
        Assert.Equal(4, bench.Outputs.GeneratorMode);
        bench.Update();
        Assert.Equal(EngineSequenceState.Off, bench.Manager.Sequence);

        bench.Signals.PackSoc = 0.50f;
        bench.Update();
        Assert.Equal(EngineSequenceState.Off, bench.Manager.Sequence);
    }

    [Fact]
    public void ThermostatRunsAtBestEfficiencyPower()
    {
        // 10 kW at 2 kW/s from 0 W: 200 W per 100 ms update, so 50 updates in Generating reach 10 kW.
        var bench = new Bench(NoMinimumTimes(EnergyStrategy.ConstantPower), 0.40f);
        bench.Update();
        bench.Update();
        bench.Update();
        Assert.Equal(EngineSequenceState.Generating, bench.Manager.Sequence);
        Assert.Equal(200f, bench.Outputs.GeneratorPowerRequestWatts, 1);

        for (int i = 0; i < 49; i++)
        {
            bench.Update();
        }

        Assert.Equal(10000f, bench.Outputs.GeneratorPowerRequestWatts, 1);
        // Operating line: 10 kW at 3450 rpm.
        Assert.Equal(3450f, bench.Outputs.GeneratorSpeedRequestRpm, 1);
    }

    [Fact]
    public void MinimumOnAndOffTimesHoldInSimulatedTime()
    {
        // Min on 60 s from the start request, min off 30 s from the reported stop.
        var settings = new RangeExtenderSettings { Strategy = EnergyStrategy.ConstantPower, MinOnSeconds = 60f, MinOffSeconds = 30f };
        var bench = new Bench(settings, 0.44f);
        bench.Update();
        Assert.Equal(EngineSequenceState.Cranking, bench.Manager.Sequence);

        // The SOC passes the stop threshold at 10 s, but the engine runs until 60 s.
        bench.RunUntil(10_000_000);
        bench.Signals.PackSoc = 0.60f;
        bench.RunUntil(60_000_000);
        Assert.Equal(EngineSequenceState.Generating, bench.Manager.Sequence);
        bench.Update();
        Assert.Equal(EngineSequenceState.ShuttingDown, bench.Manager.Sequence);

        // The update at 60.1 s reads the GCU's Off report and records the stop, so the next start may come at 90.1 s.
        bench.Update();
        Assert.Equal(EngineSequenceState.Off, bench.Manager.Sequence);
        bench.Signals.PackSoc = 0.44f;
        bench.RunUntil(90_100_000);
        Assert.Equal(EngineSequenceState.Off, bench.Manager.Sequence);
        bench.Update();
        Assert.Equal(EngineSequenceState.Cranking, bench.Manager.Sequence);
    }

    [Fact]
    public void ProtectionSocOverridesMinimumOffTime()
    {
        var settings = new RangeExtenderSettings { Strategy = EnergyStrategy.ConstantPower, MinOnSeconds = 0f, MinOffSeconds = 30f };
        var bench = new Bench(settings, 0.44f);
        bench.RunUntil(1_000_000);
        bench.Signals.PackSoc = 0.60f;
        bench.RunUntil(2_000_000);
        Assert.Equal(EngineSequenceState.Off, bench.Manager.Sequence);

        // 0.30 is the protection SOC: the start comes at once.
        bench.Signals.PackSoc = 0.30f;
        bench.Update();
        Assert.Equal(EngineSequenceState.Cranking, bench.Manager.Sequence);
    }

    [Fact]
    public void PowerFollowingTracksDemandWithRampAndSocCorrection()
    {
        // Demand 350 V × 20 A = 7000 W ≥ the 6000 W start demand. SOC 0.48 is 0.02 below target:
        // 0.02 × 50 000 W = 1000 W extra, target 8000 W. The ramp adds 200 W per update from entry.
        var bench = new Bench(NoMinimumTimes(EnergyStrategy.PowerFollowing), 0.48f);
        bench.Signals.DcLinkAmperes = 20f;
        bench.Update();
        bench.Update();
        bench.Update();
        Assert.Equal(EngineSequenceState.Generating, bench.Manager.Sequence);
        for (int i = 0; i < 38; i++)
        {
            bench.Update();
        }

        Assert.Equal(39 * 200f, bench.Outputs.GeneratorPowerRequestWatts, 1);
        bench.Update();
        Assert.Equal(8000f, bench.Outputs.GeneratorPowerRequestWatts, 1);
        bench.Update();
        Assert.Equal(8000f, bench.Outputs.GeneratorPowerRequestWatts, 1);

        // Demand 350 V × 34 A = 11 900 W, target 12 900 W: 25 updates at 200 W/update minus the last 100 W.
        bench.Signals.DcLinkAmperes = 34f;
        for (int i = 0; i < 25; i++)
        {
            bench.Update();
        }

        Assert.Equal(12900f, bench.Outputs.GeneratorPowerRequestWatts, 1);
    }

    [Fact]
    public void GeneratorPowerStaysWithinBmsChargeLimit()
    {
        // SOC 0.40 forces the engine on. Target 3000 + 0.1 × 50 000 = 8000 W, but the pack may take only
        // 2000 W less the 10 % margin: 3000 W demand + 1800 W = 4800 W. DC current limit 4800 W / 350 V = 13.71 A.
        var bench = new Bench(NoMinimumTimes(EnergyStrategy.PowerFollowing), 0.40f);
        bench.Signals.DcLinkAmperes = 3000f / 350f;
        bench.Signals.MaxChargePowerWatts = 2000f;
        for (int i = 0; i < 100; i++)
        {
            bench.Update();
        }

        Assert.Equal(4800f, bench.Outputs.GeneratorPowerRequestWatts, 1);
        Assert.Equal(13.71f, bench.Outputs.GeneratorMaxDcAmperes, 2);
    }

    [Fact]
    public void BrakingCutsTheGeneratorAtOnce()
    {
        // Generating 8 kW into a 3 kW demand. The driver brakes, so the drive requests −6 kW of regeneration. The
        // cap becomes max(0, −6000 + 0.9 × 12 000) = 4800 W in the same update, although the 5 s filtered
        // demand is still near 3 kW; with −12 kW it is 0 W.
        var bench = new Bench(NoMinimumTimes(EnergyStrategy.PowerFollowing), 0.40f);
        bench.Signals.DcLinkAmperes = 3000f / 350f;
        for (int i = 0; i < 100; i++)
        {
            bench.Update();
        }

        Assert.Equal(8000f, bench.Outputs.GeneratorPowerRequestWatts, 1);
        bench.Manager.SetDriveRequest(-6000f);
        bench.Update();
        Assert.Equal(4800f, bench.Outputs.GeneratorPowerRequestWatts, 1);
        Assert.Equal(4800f / 350f, bench.Outputs.GeneratorMaxDcAmperes, 2);
        bench.Manager.SetDriveRequest(-12000f);
        bench.Update();
        Assert.Equal(0f, bench.Outputs.GeneratorPowerRequestWatts, 1);
    }

    [Theory]
    // Map P = 0, 5000, 10 000 W with fuel 0.1, 0.4, 1.0 g/s; Q = 40 000 J/g; candidates 0, 2500, 5000,
    // 7500, 10 000 W (fuel 0.1, 0.25, 0.4, 0.7, 1.0 g/s). Cost f(P) − s·P/Q:
    //   s = 2: 0.1, 0.125, 0.15, 0.325, 0.5 → 0 W; every cost above 0, so stopping is cheaper.
    //   s = 4: 0.1, 0, −0.1, −0.05, 0 → 5000 W.
    //   s = 6: 0.1, −0.125, −0.35, −0.425, −0.5 → 10 000 W.
    [InlineData(2f, 0f, true)]
    [InlineData(4f, 5000f, false)]
    [InlineData(6f, 10000f, false)]
    public void EcmsChoosesLowestEquivalentConsumption(float factor, float expectedWatts, bool expectedStop)
    {
        var settings = new RangeExtenderSettings
        {
            RatedPowerWatts = 10000f,
            BestEfficiencyPowerWatts = 5000f,
            MinGeneratePowerWatts = 0f,
            OperatingLinePowersWatts = new[] { 0f, 5000f, 10000f },
            OperatingLineSpeedsRpm = new[] { 1500f, 2500f, 3500f },
            OperatingLineFuelGramsPerSecond = new[] { 0.1f, 0.4f, 1.0f },
            FuelLowerHeatingValueJoulesPerGram = 40000f,
            EcmsCandidateCount = 4,
        };
        var manager = new RangeExtenderManager(settings);

        float power = manager.SelectEcmsPower(0f, 10000f, factor, out bool stop);

        Assert.Equal(expectedWatts, power, 1);
        Assert.Equal(expectedStop, stop);
    }

    [Theory]
    // s = 3.8 − 20 × (SOC − 0.5), clamped to [1, 10].
    [InlineData(0.50f, 3.8f)]
    [InlineData(0.45f, 4.8f)]
    [InlineData(0.55f, 2.8f)]
    [InlineData(0.00f, 10f)]
    [InlineData(1.00f, 1f)]
    public void EquivalenceFactorFollowsSoc(float soc, float expected)
    {
        var manager = new RangeExtenderManager(new RangeExtenderSettings());

        Assert.Equal(expected, manager.ComputeEquivalenceFactor(soc), 3);
    }

    [Theory]
    [InlineData(0.35f, 0f, EnergyStrategy.ConstantPowerPlusFollowing)]
    [InlineData(0.50f, 8000f, EnergyStrategy.PowerFollowing)]
    [InlineData(0.50f, 7999f, EnergyStrategy.Ecms)]
    [InlineData(0.40f, 0f, EnergyStrategy.Ecms)]
    public void SelectorChoosesFromSocAndDemand(float soc, float demandWatts, EnergyStrategy expected)
    {
        var manager = new RangeExtenderManager(new RangeExtenderSettings());

        Assert.Equal(expected, manager.SelectStrategy(soc, demandWatts));
    }

    [Fact]
    public void NoStartWithEmptyTank()
    {
        var bench = new Bench(NoMinimumTimes(EnergyStrategy.ConstantPower), 0.30f);
        bench.Signals.FuelLevelPercent = 2f;
        bench.Update();

        Assert.True(bench.Manager.StartInhibited);
        Assert.Equal(EngineSequenceState.Off, bench.Manager.Sequence);
        Assert.Equal(0, bench.Outputs.GeneratorMode);
    }

    [Fact]
    public void NoStartWhileGcuReportsFault()
    {
        var bench = new Bench(NoMinimumTimes(EnergyStrategy.ConstantPower), 0.30f);
        bench.Signals.GeneratorState = 5;
        bench.Manager.Update(0, bench.Signals, bench.Outputs);

        Assert.Equal(EngineSequenceState.Off, bench.Manager.Sequence);
    }

    [Fact]
    public void CrankTimeoutCountsFailedStartAndStopsRetrying()
    {
        // The GCU stays in Cranking: each start times out after 5 s; after 3 failures no further start.
        var manager = new RangeExtenderManager(NoMinimumTimes(EnergyStrategy.ConstantPower));
        var signals = CreateSignals(0.30f);
        var outputs = new VcuOutputs();
        long now = 0;
        for (int i = 0; i < 400; i++)
        {
            signals.GeneratorState = outputs.GeneratorMode == 4 ? 0 : 1;
            manager.Update(now, signals, outputs);
            now += Period;
        }

        Assert.Equal(3, manager.StartFailureCount);
        Assert.Equal(3, manager.StartCount);
        Assert.True(manager.StartInhibited);
        Assert.Equal(EngineSequenceState.Off, manager.Sequence);
    }

    [Theory]
    [InlineData("StartSoc")]
    [InlineData("OperatingLinePowersWatts")]
    [InlineData("EcmsCandidateCount")]
    [InlineData("PowerRampWattsPerSecond")]
    public void InvalidSettingsNameTheValue(string name)
    {
        var settings = new RangeExtenderSettings();
        switch (name)
        {
            case "StartSoc":
                settings.StartSoc = 0.5f;
                settings.StopSoc = 0.5f;
                break;
            case "OperatingLinePowersWatts":
                settings.OperatingLinePowersWatts = new[] { 0f, 4000f, 2000f, 6000f, 8000f, 10000f, 12000f, 15000f };
                break;
            case "EcmsCandidateCount":
                settings.EcmsCandidateCount = 0;
                break;
            default:
                settings.PowerRampWattsPerSecond = 0f;
                break;
        }

        var error = Assert.Throws<ArgumentException>(() => new RangeExtenderManager(settings));
        Assert.Equal(name, error.ParamName);
    }
}
