using System;
using System.Collections.Generic;
using System.Diagnostics;
using Controllers.Firmware.Vcu;
using Controllers.Firmware.Vcu.Network;
using Controllers.Hil.Acquisition;
using Controllers.Simulation.Vehicle;

namespace Controllers.Hil.Vehicle;

/// <summary>
/// Runs <c>vcu-network-sleep</c> scenarios, each on a fresh <see cref="VcuSleepRig"/>. The default limits follow the
/// timers of docs/vcu-network-sleep.md: NM message cycle 500 ms, NM timeout 2 s and wait bus-sleep 1.5 s. Bus-off
/// recovery pauses 50 ms after bus-offs 1–5 and 1 s later, sets CanBusOff at the 5th bus-off in a row and counts as
/// recovered after 1 s without one. The board model boots in 300 ms.
/// </summary>
public static class VcuNetworkSleepSuiteRunner
{
    /// <summary>Longest wait for a state that a scenario expects but that has no limit of its own, µs.</summary>
    private const long WaitLimitMicroseconds = 30_000_000;

    /// <summary>Time the board stays asleep before a wake-up, and before the sleep current is read, µs.</summary>
    private const long AsleepMicroseconds = 60_000_000;

    /// <summary>Interval of the RTC timer wake-up, µs (4 h, docs/vcu-network-sleep.md).</summary>
    private const long TimerWakeMicroseconds = 4L * 3600 * 1_000_000;

    /// <summary>Supply below which a timer wake-up requests the network, V (docs/vcu-network-sleep.md).</summary>
    private const double LowSupplyVolts = 12.0;

    /// <summary>Network time after a timer wake-up with a low supply, s (docs/vcu-network-sleep.md).</summary>
    private const double LowSupplyNetworkSeconds = 600;

    /// <summary>Bus-offs that get the short pause (docs/vcu-network-sleep.md, CanSM L1).</summary>
    private const int FastAttempts = 5;

    /// <summary>Allowed lateness of a pause: the recovery runs every 10 ms.</summary>
    private const double TaskPeriodMilliseconds = 10;

    /// <summary>Motor pump duty the after-run must keep, fraction (docs/vcu-thermal.md).</summary>
    private const double AfterRunPumpDuty = 0.5;

    private const string NmTimersSource = "NM timeout 2 s + wait bus-sleep 1.5 s + NM cycle 0.5 s";
    private const string CustomerV2 = "customer requirement V2";

    public static VcuNetworkSleepSuiteResult Run(VcuNetworkSleepSuite suite, IReadOnlyList<VcuNetworkSleepScenario> scenarios,
        Action<VcuNetworkSleepScenarioResult>? completed = null)
    {
        var start = DateTimeOffset.Now;
        var results = new List<VcuNetworkSleepScenarioResult>();
        foreach (var scenario in scenarios)
        {
            var result = RunScenario(suite, scenario);
            results.Add(result);
            completed?.Invoke(result);
        }

        return new VcuNetworkSleepSuiteResult { Suite = suite, Scenarios = results, StartTime = start };
    }

    /// <summary>Runs one scenario; an exception from the firmware or the rig becomes the scenario's error.</summary>
    public static VcuNetworkSleepScenarioResult RunScenario(VcuNetworkSleepSuite suite, VcuNetworkSleepScenario scenario)
    {
        var watch = Stopwatch.StartNew();
        var trace = new VcuSleepTrace();
        try
        {
            bool thermal = scenario.Type is VcuSleepScenarioType.AfterRun or VcuSleepScenarioType.ThermalLoad;
            var rig = new VcuSleepRig(thermal);
            rig.Inputs.SupplyVolts = (float)scenario.SupplyVolts;
            if (scenario.Type == VcuSleepScenarioType.AfterRun)
            {
                rig.MotorCelsius = (float)scenario.MotorCelsius;
            }

            var recorder = new Recorder(trace)
            {
                IntervalMicroseconds = scenario.Type == VcuSleepScenarioType.ThermalLoad ? 1_000_000 : VcuSleepRig.AwakeStepMicroseconds,
            };
            rig.AfterStep = recorder.Record;
            var requirements = scenario.Type switch
            {
                VcuSleepScenarioType.KeyOffSleep => RunKeyOffSleep(rig, scenario, trace),
                VcuSleepScenarioType.Wake => RunWake(rig, scenario, trace),
                VcuSleepScenarioType.CoordinatedSleep => RunCoordinatedSleep(rig, scenario, trace),
                VcuSleepScenarioType.LostNode => RunLostNode(rig, scenario, trace),
                VcuSleepScenarioType.BusOff => RunBusOff(rig, scenario, trace, recorder),
                VcuSleepScenarioType.AfterRun => RunAfterRun(rig, scenario, trace),
                _ => RunThermalLoad(rig, suite, scenario),
            };

            return new VcuNetworkSleepScenarioResult { Scenario = scenario, Requirements = requirements, Trace = trace, WallTime = watch.Elapsed };
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException)
        {
            return new VcuNetworkSleepScenarioResult { Scenario = scenario, ErrorMessage = error.Message, Trace = trace, WallTime = watch.Elapsed };
        }
    }

    private static List<RequirementResult> RunKeyOffSleep(VcuSleepRig rig, VcuNetworkSleepScenario scenario, VcuSleepTrace trace)
    {
        var expect = scenario.Expect;
        rig.SetKey(true);
        trace.AddEvent(rig.NowMicroseconds, "key-on");
        rig.Run(Seconds(scenario.DriveSeconds));
        double awakeMilliamps = rig.Power.SupplyCurrentAmperes * 1e3;

        long keyOff = rig.NowMicroseconds;
        rig.SetKey(false);
        trace.AddEvent(keyOff, "key-off");
        var requirements = new List<RequirementResult>();
        if (!rig.RunUntil(r => r.Power.InDeepSleep, WaitLimitMicroseconds))
        {
            requirements.Add(NotReached("NM bus sleep", "sleep_after_key_off_s", expect.SleepWithinSeconds, "s", WaitLimitMicroseconds, NmTimersSource));
            return requirements;
        }

        requirements.Add(AtMost("NM bus sleep", "sleep_after_key_off_s", (rig.NowMicroseconds - keyOff) / 1e6, expect.SleepWithinSeconds, "s",
            NmTimersSource));
        rig.Run(AsleepMicroseconds);
        requirements.Add(SleepCurrent(rig, expect, awakeMilliamps));
        return requirements;
    }

    private static List<RequirementResult> RunWake(VcuSleepRig rig, VcuNetworkSleepScenario scenario, VcuSleepTrace trace)
    {
        var expect = scenario.Expect;
        var requirements = new List<RequirementResult>();
        if (!Park(rig, 5, trace))
        {
            requirements.Add(NotReached("NM bus sleep", "sleep_after_key_off_s", expect.SleepWithinSeconds, "s", WaitLimitMicroseconds, NmTimersSource));
            return requirements;
        }

        long asleepAt = rig.NowMicroseconds;
        long wakeEvent;
        int expectedReason;
        switch (scenario.Source)
        {
            case VcuWakeSource.Key:
                rig.Run(AsleepMicroseconds);
                rig.SetKey(true);
                rig.Run(VcuSleepRig.AwakeStepMicroseconds);
                wakeEvent = rig.Power.WakeEventMicroseconds;
                expectedReason = NmWakeupReason.Key;
                break;

            case VcuWakeSource.ChargePlug:
                rig.Run(AsleepMicroseconds);
                rig.Inputs.ChargePlugConnected = true;
                rig.Bms.NeedsBus = true;
                rig.Obc.NeedsBus = true;
                rig.Run(VcuSleepRig.AwakeStepMicroseconds);
                wakeEvent = rig.Power.WakeEventMicroseconds;
                expectedReason = NmWakeupReason.ChargePlug;
                break;

            case VcuWakeSource.Network:
                rig.Run(AsleepMicroseconds);
                rig.FirstFrameWhileAsleepMicroseconds = null;
                rig.Obc.NeedsBus = true;
                rig.Run(VcuSleepRig.AwakeStepMicroseconds);
                wakeEvent = rig.FirstFrameWhileAsleepMicroseconds ?? rig.NowMicroseconds;
                expectedReason = NmWakeupReason.Network;
                break;

            default:
                while (rig.Power.InDeepSleep && rig.NowMicroseconds - asleepAt <= TimerWakeMicroseconds + AsleepMicroseconds)
                {
                    rig.Run(VcuSleepRig.AsleepStepMicroseconds);
                }

                wakeEvent = rig.Power.WakeEventMicroseconds;
                expectedReason = NmWakeupReason.Timer;
                break;
        }

        trace.AddEvent(wakeEvent, "wake:" + VcuNetworkSleepSuiteFile.SourceName(scenario.Source));
        if (scenario.Source == VcuWakeSource.Timer && scenario.SupplyVolts >= LowSupplyVolts)
        {
            return TimerWakeHealthy(rig, scenario, wakeEvent, trace);
        }

        int messagesBefore = rig.VcuNmMessages.Count;
        string latencySource = "board boot 300 ms + wake detection and first NM run in 10 ms steps";
        if (!rig.RunUntil(r => r.Running && r.Core.Network!.State == NmState.RepeatMessage, WaitLimitMicroseconds))
        {
            requirements.Add(NotReached("wake latency", "wake_latency_ms", expect.LatencyMilliseconds, "ms", WaitLimitMicroseconds, latencySource));
            return requirements;
        }

        requirements.Add(AtMost("wake latency", "wake_latency_ms", (rig.Core.Network!.StateEnteredMicroseconds - wakeEvent) / 1e3,
            expect.LatencyMilliseconds, "ms", latencySource));
        rig.RunUntil(r => r.VcuNmMessages.Count > messagesBefore, 1_000_000);
        double reasonSent = rig.VcuNmMessages.Count > messagesBefore ? rig.VcuNmMessages[messagesBefore].WakeReason : double.NaN;
        requirements.Add(Equal("NM_VCU wake reason", "nm_wake_reason", reasonSent, expectedReason, "NM_VCU byte 2: 1 key, 2 plug, 3 network, 4 timer"));

        if (scenario.Source == VcuWakeSource.Timer)
        {
            // A low supply keeps the network for its fixed time; nothing is removed.
            double limit = LowSupplyNetworkSeconds + expect.SleepWithinSeconds;
            if (!rig.RunUntil(r => r.Power.InDeepSleep, Seconds(limit + 10)))
            {
                requirements.Add(NotReached("low-supply network time", "low_supply_awake_s", limit, "s", Seconds(limit + 10), "600 s network request"));
                return requirements;
            }

            trace.AddEvent(rig.NowMicroseconds, "sleep");
            double awake = (rig.NowMicroseconds - wakeEvent) / 1e6;
            requirements.Add(Range("low-supply network time", "low_supply_awake_s", awake, awake, LowSupplyNetworkSeconds, limit, "s",
                "600 s network request + " + NmTimersSource));
            return requirements;
        }

        rig.Run(Seconds(scenario.HoldSeconds));
        long removed = rig.NowMicroseconds;
        switch (scenario.Source)
        {
            case VcuWakeSource.Key:
                rig.SetKey(false);
                break;
            case VcuWakeSource.ChargePlug:
                rig.Inputs.ChargePlugConnected = false;
                rig.Bms.NeedsBus = false;
                rig.Obc.NeedsBus = false;
                break;
            default:
                rig.Obc.NeedsBus = false;
                break;
        }

        trace.AddEvent(removed, "released");
        if (!rig.RunUntil(r => r.Power.InDeepSleep, WaitLimitMicroseconds))
        {
            requirements.Add(NotReached("sleep after release", "sleep_after_release_s", expect.SleepWithinSeconds, "s", WaitLimitMicroseconds, NmTimersSource));
            return requirements;
        }

        trace.AddEvent(rig.NowMicroseconds, "sleep");
        requirements.Add(AtMost("sleep after release", "sleep_after_release_s", (rig.NowMicroseconds - removed) / 1e6, expect.SleepWithinSeconds, "s",
            NmTimersSource));
        return requirements;
    }

    // A timer wake-up with a healthy supply: the board checks the 12 V and sleeps again without sending on the bus.
    private static List<RequirementResult> TimerWakeHealthy(VcuSleepRig rig, VcuNetworkSleepScenario scenario, long wakeEvent, VcuSleepTrace trace)
    {
        var expect = scenario.Expect;
        var requirements = new List<RequirementResult>();
        int messagesBefore = rig.VcuNmMessages.Count;
        long framesBefore = rig.FramesOnBus;
        if (!rig.RunUntil(r => r.Running, WaitLimitMicroseconds))
        {
            requirements.Add(NotReached("timer wake-up", "timer_wake_s", TimerWakeMicroseconds / 1e6, "s", WaitLimitMicroseconds, "RTC timer every 4 h"));
            return requirements;
        }

        requirements.Add(Equal("wake reason read", "wake_reason", rig.Core.Sleep!.WakeReason, NmWakeupReason.Timer, "RTC timer every 4 h"));
        if (!rig.RunUntil(r => r.Power.InDeepSleep, WaitLimitMicroseconds))
        {
            requirements.Add(NotReached("sleep after 12 V check", "sleep_after_timer_wake_s", expect.SleepWithinSeconds, "s", WaitLimitMicroseconds,
                "12 V at or above 12.0 V"));
            return requirements;
        }

        trace.AddEvent(rig.NowMicroseconds, "sleep");
        requirements.Add(AtMost("sleep after 12 V check", "sleep_after_timer_wake_s", (rig.NowMicroseconds - wakeEvent) / 1e6, expect.SleepWithinSeconds,
            "s", "12 V at or above 12.0 V: no network request"));
        requirements.Add(AtMost("frames sent at timer wake-up", "frames_sent", rig.FramesOnBus - framesBefore + rig.VcuNmMessages.Count - messagesBefore, 0,
            "", "12 V at or above 12.0 V: the bus stays asleep"));
        rig.Run(AsleepMicroseconds);
        requirements.Add(SleepCurrent(rig, expect, double.NaN));
        return requirements;
    }

    private static List<RequirementResult> RunCoordinatedSleep(VcuSleepRig rig, VcuNetworkSleepScenario scenario, VcuSleepTrace trace)
    {
        var expect = scenario.Expect;
        var requirements = new List<RequirementResult>();
        var peer = rig.Peer(scenario.Node);
        rig.SetKey(true);
        rig.Run(Seconds(5));
        long keyOff = rig.NowMicroseconds;
        rig.SetKey(false);
        peer.NeedsBus = true;
        trace.AddEvent(keyOff, "key-off");

        bool sleptEarly = rig.RunUntil(r => r.Power.InDeepSleep, Seconds(scenario.HoldSeconds));
        double awakeWhileHeld = (rig.NowMicroseconds - keyOff) / 1e6;
        requirements.Add(AtLeast("awake while " + scenario.Node + " keeps the network", "awake_while_peer_s", sleptEarly ? awakeWhileHeld : scenario.HoldSeconds,
            scenario.HoldSeconds, "s", "coordinated sleep: a node's NM message keeps the bus awake"));

        long released = rig.NowMicroseconds;
        peer.NeedsBus = false;
        trace.AddEvent(released, "released");
        if (!rig.RunUntil(r => r.Power.InDeepSleep, WaitLimitMicroseconds))
        {
            requirements.Add(NotReached("sleep after release", "sleep_after_release_s", expect.SleepWithinSeconds, "s", WaitLimitMicroseconds, NmTimersSource));
            return requirements;
        }

        trace.AddEvent(rig.NowMicroseconds, "sleep");
        requirements.Add(AtMost("sleep after release", "sleep_after_release_s", (rig.NowMicroseconds - released) / 1e6, expect.SleepWithinSeconds, "s",
            NmTimersSource));
        return requirements;
    }

    private static List<RequirementResult> RunLostNode(VcuSleepRig rig, VcuNetworkSleepScenario scenario, VcuSleepTrace trace)
    {
        var expect = scenario.Expect;
        var requirements = new List<RequirementResult>();
        rig.SetKey(true);
        rig.Run(Seconds(scenario.DriveSeconds));
        long silent = rig.NowMicroseconds;
        rig.SetNodeSilent(scenario.Node, true);
        trace.AddEvent(silent, "silent:" + scenario.Node);

        uint dtc = LostNodeDtc(scenario.Node);
        string source = "NM timeout 2 s + one 10 ms NM run";
        double limitMicroseconds = expect.DtcWithinMilliseconds * 1000;
        if (!rig.RunUntil(r => r.DtcFailed(dtc), (long)limitMicroseconds + WaitLimitMicroseconds))
        {
            requirements.Add(NotReached("lost-node DTC " + scenario.Node, "lost_node_dtc_ms", expect.DtcWithinMilliseconds, "ms", WaitLimitMicroseconds, source));
            return requirements;
        }

        trace.AddEvent(rig.NowMicroseconds, "dtc:" + scenario.Node);
        requirements.Add(AtMost("lost-node DTC " + scenario.Node, "lost_node_dtc_ms", (rig.NowMicroseconds - silent) / 1e3, expect.DtcWithinMilliseconds,
            "ms", source));

        int othersLost = 0;
        foreach (string node in new[] { "BMS", "MCU", "GCU" })
        {
            if (node != scenario.Node && rig.DtcFailed(LostNodeDtc(node)))
            {
                othersLost++;
            }
        }

        requirements.Add(AtMost("other nodes not lost", "other_lost_nodes", othersLost, 0, "", "BMS, MCU and GCU send while the key is on"));
        return requirements;
    }

    private static List<RequirementResult> RunBusOff(VcuSleepRig rig, VcuNetworkSleepScenario scenario, VcuSleepTrace trace, Recorder recorder)
    {
        var expect = scenario.Expect;
        var requirements = new List<RequirementResult>();
        rig.SetKey(true);
        rig.Run(Seconds(scenario.DriveSeconds));

        long shortStart = rig.NowMicroseconds;
        recorder.WatchBusOff = true;
        rig.BusShorted = true;
        trace.AddEvent(shortStart, "short");
        rig.Run(Seconds(scenario.ShortSeconds));
        long shortEnd = rig.NowMicroseconds;
        rig.BusShorted = false;
        trace.AddEvent(shortEnd, "short-removed");
        bool recovered = rig.RunUntil(r => !r.DtcFailed(VcuDtc.CanBusOff), WaitLimitMicroseconds);
        long recoveredAt = rig.NowMicroseconds;
        recorder.WatchBusOff = false;

        var fast = new List<double>();
        var slow = new List<double>();
        for (int i = 0; i < recorder.BusOffTimes.Count && i < recorder.AttemptTimes.Count; i++)
        {
            double pause = (recorder.AttemptTimes[i] - recorder.BusOffTimes[i]) / 1e3;
            (i < FastAttempts ? fast : slow).Add(pause);
        }

        string timerSource = "bus-off recovery: 50 ms after bus-offs 1–5, 1 s later, checked every 10 ms";
        requirements.Add(PauseRange("fast recovery pause", "fast_pause_ms", fast, expect.FastPauseMilliseconds, timerSource));
        requirements.Add(PauseRange("slow recovery pause", "slow_pause_ms", slow, expect.SlowPauseMilliseconds, timerSource));
        requirements.Add(Equal("bus-offs before DTC CanBusOff", "busoffs_at_dtc", recorder.BusOffCountAtDtc ?? double.NaN, expect.DtcAfterBusOffs,
            "DTC at the 5th bus-off in a row"));

        string recoverySource = "slow pause 1 s + 1 s without bus-off + two 10 ms runs";
        if (!recovered || recorder.BusOffCountAtDtc == null)
        {
            requirements.Add(NotReached("recovery after short removed", "recovery_ms", expect.RecoveryWithinMilliseconds, "ms", WaitLimitMicroseconds,
                recoverySource));
            return requirements;
        }

        trace.AddEvent(recoveredAt, "recovered");
        requirements.Add(AtMost("recovery after short removed", "recovery_ms", (recoveredAt - shortEnd) / 1e3, expect.RecoveryWithinMilliseconds, "ms",
            recoverySource));
        return requirements;
    }

    private static List<RequirementResult> RunAfterRun(VcuSleepRig rig, VcuNetworkSleepScenario scenario, VcuSleepTrace trace)
    {
        var expect = scenario.Expect;
        var requirements = new List<RequirementResult>();
        rig.SetKey(true);
        rig.Run(Seconds(scenario.DriveSeconds));
        long keyOff = rig.NowMicroseconds;
        rig.SetKey(false);
        trace.AddEvent(keyOff, "key-off");

        // The after-run requires the MCU, which keeps sending NM messages while its pump is commanded.
        double smallestPumpDuty = double.MaxValue;
        long afterRunEnd = -1;
        bool asleep = rig.RunUntil(r =>
        {
            bool active = r.Running && r.Core.Thermal!.AfterRunActive;
            r.Mcu.NeedsBus = active;
            if (active)
            {
                smallestPumpDuty = Math.Min(smallestPumpDuty, r.Actuators.MotorPumpDuty);
            }
            else if (afterRunEnd < 0 && r.NowMicroseconds - keyOff > 100_000)
            {
                afterRunEnd = r.NowMicroseconds;
                trace.AddEvent(afterRunEnd, "after-run-end");
            }

            return r.Power.InDeepSleep;
        }, Seconds(expect.AfterRunSeconds + 600));

        string thermalSource = "after-run at least 30 s, at most 300 s, motor pump 0.5 or more";
        if (!asleep)
        {
            requirements.Add(NotReached("sleep after after-run", "sleep_after_afterrun_s", expect.SleepWithinSeconds, "s",
                Seconds(expect.AfterRunSeconds + 600), NmTimersSource));
            return requirements;
        }

        trace.AddEvent(rig.NowMicroseconds, "sleep");
        requirements.Add(AtLeast("after-run keeps network awake", "awake_after_key_off_s", (afterRunEnd - keyOff) / 1e6, expect.AfterRunSeconds, "s",
            thermalSource));
        requirements.Add(AtLeast("after-run motor pump duty", "afterrun_pump_duty", smallestPumpDuty == double.MaxValue ? 0 : smallestPumpDuty,
            AfterRunPumpDuty, "", thermalSource));
        requirements.Add(AtMost("sleep after after-run", "sleep_after_afterrun_s", (rig.NowMicroseconds - afterRunEnd) / 1e6, expect.SleepWithinSeconds, "s",
            NmTimersSource));
        return requirements;
    }

    private static List<RequirementResult> RunThermalLoad(VcuSleepRig rig, VcuNetworkSleepSuite suite, VcuNetworkSleepScenario scenario)
    {
        var expect = scenario.Expect;
        var vehicle = suite.Vehicle ?? throw new InvalidOperationException("A thermal-load scenario needs the suite's vehicle definition.");
        rig.Loop = new CoolingLoop(new CoolingLoopParameters(), scenario.AmbientCelsius)
        {
            AmbientCelsius = scenario.AmbientCelsius,
            FanFailed = scenario.FanFailed,
        };
        rig.Motor = new TractionMotor(vehicle.Motor);
        rig.HeldSpeedRpm = scenario.SpeedRpm;
        rig.TorqueRequestNewtonMetres = scenario.TorqueNewtonMetres;
        rig.SetKey(true);

        // The cap is compared with the derating curve at the temperatures of the previous sample, because the thermal
        // task runs every 100 ms and the plant moves by far less than the tolerance in that time.
        double hottestMotor = double.MinValue, hottestInverter = double.MinValue, smallestCap = double.MaxValue, largestCapError = 0;
        double previousMotor = double.NaN, previousInverter = double.NaN;
        rig.RunUntil(r =>
        {
            if (!r.Running)
            {
                return false;
            }

            double motor = r.Loop!.MotorCelsius, inverter = r.Loop.InverterCelsius, cap = r.Core.Thermal!.TorqueCapFraction;
            hottestMotor = Math.Max(hottestMotor, motor);
            hottestInverter = Math.Max(hottestInverter, inverter);
            smallestCap = Math.Min(smallestCap, cap);
            if (!double.IsNaN(previousMotor))
            {
                double curve = Math.Min(DerateCurve(previousMotor, expect.MotorDerateStartCelsius, expect.MotorDerateEndCelsius),
                    DerateCurve(previousInverter, expect.InverterDerateStartCelsius, expect.InverterDerateEndCelsius));
                largestCapError = Math.Max(largestCapError, Math.Abs(cap - curve));
            }

            previousMotor = motor;
            previousInverter = inverter;
            return false;
        }, Seconds(scenario.HoldSeconds));

        var requirements = new List<RequirementResult>();
        const string derateSource = "derating curve of docs/vcu-thermal.md";
        if (!scenario.FanFailed)
        {
            requirements.Add(AtMost("motor below derating", "max_motor_c", hottestMotor, expect.MotorDerateStartCelsius, "°C", derateSource));
            requirements.Add(AtMost("inverter below derating", "max_inverter_c", hottestInverter, expect.InverterDerateStartCelsius, "°C", derateSource));
            requirements.Add(AtLeast("no thermal torque cap", "min_torque_cap", smallestCap, 1, "", derateSource));
            return requirements;
        }

        requirements.Add(AtMost("torque cap on derating curve", "cap_curve_error", largestCapError, expect.TorqueCapTolerance, "", derateSource));
        requirements.Add(AtMost("derating engaged", "min_torque_cap", smallestCap, 1 - expect.TorqueCapTolerance, "",
            "fan failed: temperature passes a derating start"));
        requirements.Add(AtMost("motor below derating end", "max_motor_c", hottestMotor, expect.MotorDerateEndCelsius, "°C", derateSource));
        requirements.Add(AtMost("inverter below derating end", "max_inverter_c", hottestInverter, expect.InverterDerateEndCelsius, "°C", derateSource));
        bool overTemperature = rig.DtcFailed(VcuDtc.InverterOverTemperature) || rig.DtcFailed(VcuDtc.MotorOverTemperature);
        requirements.Add(Equal("over-temperature DTC", "overtemperature_dtc", overTemperature ? 1 : 0, 1, "DTC while derating, docs/vcu-thermal.md"));
        requirements.Add(AtLeast("motor pump at full duty", "motor_pump_duty", rig.Actuators.MotorPumpDuty, 1, "",
            "pump full at 90 °C motor or 70 °C inverter, docs/vcu-thermal.md"));
        return requirements;
    }

    // Torque cap of one temperature: 1 below the start, falling linearly to 0 at the end (docs/vcu-thermal.md).
    private static double DerateCurve(double celsius, double start, double end) => Math.Clamp(1 - (celsius - start) / (end - start), 0, 1);

    // Key on for a few seconds, then key off and wait for deep sleep; false if the board did not sleep.
    private static bool Park(VcuSleepRig rig, double driveSeconds, VcuSleepTrace trace)
    {
        rig.SetKey(true);
        rig.Run(Seconds(driveSeconds));
        rig.SetKey(false);
        trace.AddEvent(rig.NowMicroseconds, "key-off");
        return rig.RunUntil(r => r.Power.InDeepSleep, WaitLimitMicroseconds);
    }

    private static uint LostNodeDtc(string node) => node switch
    {
        "BMS" => VcuDtc.NmLostBms,
        "MCU" => VcuDtc.NmLostMcu,
        "GCU" => VcuDtc.NmLostGcu,
        _ => VcuDtc.NmLostObc,
    };

    private static RequirementResult SleepCurrent(VcuSleepRig rig, VcuSleepExpectation expect, double awakeMilliamps)
    {
        double asleep = rig.Power.SupplyCurrentAmperes * 1e3;
        return new RequirementResult
        {
            Requirement = "V2 static current", Quantity = "sleep_current_ma", Measured = asleep, Limit = expect.SleepCurrentMilliamps, Unit = "mA",
            Passed = rig.Power.InDeepSleep && asleep <= expect.SleepCurrentMilliamps,
            Detail = double.IsNaN(awakeMilliamps)
                ? Messages.Format("VcuSleepCurrentOnlyDetail", asleep, expect.SleepCurrentMilliamps, rig.Power.SupplyVolts)
                : Messages.Format("VcuSleepCurrentDetail", asleep, expect.SleepCurrentMilliamps, awakeMilliamps, rig.Power.SupplyVolts),
        };
    }

    private static RequirementResult PauseRange(string requirement, string quantity, List<double> pauses, double nominal, string source)
    {
        if (pauses.Count == 0)
        {
            return NotReached(requirement, quantity, nominal, "ms", 0, source);
        }

        double smallest = double.MaxValue, largest = double.MinValue;
        foreach (double pause in pauses)
        {
            smallest = Math.Min(smallest, pause);
            largest = Math.Max(largest, pause);
        }

        return Range(requirement, quantity, smallest, largest, nominal, nominal + TaskPeriodMilliseconds, "ms", source);
    }

    private static RequirementResult AtMost(string requirement, string quantity, double measured, double limit, string unit, string source) => new()
    {
        Requirement = requirement, Quantity = quantity, Measured = measured, Limit = limit, Unit = unit, Passed = measured <= limit,
        Detail = unit.Length == 0
            ? Messages.Format("VcuSleepAtMostPlain", requirement, measured, limit, source)
            : Messages.Format("VcuSleepAtMost", requirement, measured, unit, limit, source),
    };

    private static RequirementResult AtLeast(string requirement, string quantity, double measured, double limit, string unit, string source) => new()
    {
        Requirement = requirement, Quantity = quantity, Measured = measured, Limit = limit, Unit = unit, Passed = measured >= limit,
        Detail = unit.Length == 0
            ? Messages.Format("VcuSleepAtLeastPlain", requirement, measured, limit, source)
            : Messages.Format("VcuSleepAtLeast", requirement, measured, unit, limit, source),
    };

    private static RequirementResult Equal(string requirement, string quantity, double measured, double expected, string source) => new()
    {
        Requirement = requirement, Quantity = quantity, Measured = double.IsNaN(measured) ? null : measured, Limit = expected, Unit = "",
        Passed = measured == expected,
        Detail = Messages.Format("VcuSleepEqual", requirement, measured, expected, source),
    };

    // Passes when every measured value lies between lower and upper. The row reports the largest value.
    private static RequirementResult Range(string requirement, string quantity, double smallest, double largest, double lower, double upper, string unit,
        string source) => new()
    {
        Requirement = requirement, Quantity = quantity, Measured = largest, Limit = upper, Unit = unit,
        Passed = smallest >= lower && largest <= upper,
        Detail = Messages.Format("VcuSleepRange", requirement, smallest, largest, unit, lower, upper, source),
    };

    private static RequirementResult NotReached(string requirement, string quantity, double limit, string unit, long waitedMicroseconds, string source) => new()
    {
        Requirement = requirement, Quantity = quantity, Measured = null, Limit = limit, Unit = unit, Passed = false,
        Detail = Messages.Format("VcuSleepNotReached", requirement, waitedMicroseconds / 1e6, source),
    };

    private static long Seconds(double seconds) => (long)Math.Round(seconds * 1e6);

    // Samples the rig after every step and notes wake-ups, deep-sleep entries and bus-off events.
    private sealed class Recorder(VcuSleepTrace trace)
    {
        private int bootCount = 1;
        private bool asleep;
        private long busOffTotal;
        private long lastAttempt = long.MinValue;

        /// <summary>Sampling interval of the trace while awake, µs; asleep every step is sampled.</summary>
        public long IntervalMicroseconds = VcuSleepRig.AwakeStepMicroseconds;

        /// <summary>When true, bus-offs, restarts and the CanBusOff DTC are recorded.</summary>
        public bool WatchBusOff;

        public List<long> BusOffTimes { get; } = [];

        public List<long> AttemptTimes { get; } = [];

        public int? BusOffCountAtDtc { get; private set; }

        public void Record(VcuSleepRig rig)
        {
            long now = rig.NowMicroseconds;
            if (rig.BootCount != bootCount)
            {
                bootCount = rig.BootCount;
                trace.AddEvent(now, "boot");
            }

            if (rig.Power.InDeepSleep != asleep)
            {
                asleep = rig.Power.InDeepSleep;
                trace.AddEvent(now, asleep ? "deep-sleep" : "wake-up");
            }

            if (WatchBusOff && rig.Running)
            {
                var gate = rig.Core.BusOffGate!;
                if (gate.TotalBusOffCount != busOffTotal)
                {
                    busOffTotal = gate.TotalBusOffCount;
                    BusOffTimes.Add(now);
                    trace.AddEvent(now, "bus-off");
                }

                if (gate.LastAttemptMicroseconds != lastAttempt && BusOffTimes.Count > AttemptTimes.Count)
                {
                    AttemptTimes.Add(gate.LastAttemptMicroseconds);
                }

                lastAttempt = gate.LastAttemptMicroseconds;
                if (BusOffCountAtDtc == null && rig.DtcFailed(VcuDtc.CanBusOff))
                {
                    BusOffCountAtDtc = gate.ConsecutiveBusOffCount;
                    trace.AddEvent(now, "dtc:CanBusOff");
                }
            }
            else if (rig.Running)
            {
                busOffTotal = rig.Core.BusOffGate!.TotalBusOffCount;
                lastAttempt = rig.Core.BusOffGate.LastAttemptMicroseconds;
            }

            if (!rig.Power.InDeepSleep && now % IntervalMicroseconds != 0)
            {
                return;
            }

            trace.TimeSeconds.Add(now / 1e6);
            trace.MotorCelsius.Add(rig.Loop?.MotorCelsius ?? rig.MotorCelsius);
            trace.InverterCelsius.Add(rig.Loop?.InverterCelsius ?? rig.InverterCelsius);
            trace.CoolantCelsius.Add(rig.Loop?.CoolantCelsius ?? double.NaN);
            trace.NmState.Add(rig.Running ? (int)rig.Core.Network!.State : -1);
            trace.CurrentMilliamps.Add(rig.Power.SupplyCurrentAmperes * 1e3);
            trace.MotorPumpDuty.Add(rig.Actuators.MotorPumpDuty);
            trace.RadiatorFanDuty.Add(rig.Actuators.RadiatorFanDuty);
            trace.TorqueCapFraction.Add(rig.Running && rig.Core.Thermal != null ? rig.Core.Thermal.TorqueCapFraction : 1);
        }
    }
}
