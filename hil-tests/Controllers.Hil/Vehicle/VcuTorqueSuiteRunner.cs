using System;
using System.Collections.Generic;
using System.Diagnostics;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Vcu.Monitoring;
using Controllers.Hil.Acquisition;

namespace Controllers.Hil.Vehicle;

/// <summary>
/// Runs <c>vcu-torque</c> scenarios on a fresh <see cref="VcuRig"/> each. Every scenario first settles 0.3 s at
/// standstill with the pedal released, so forward is engaged (a direction change is accepted only below 2 km/h),
/// then holds the plant at the scenario's speed as on a dynamometer.
/// </summary>
public static class VcuTorqueSuiteRunner
{
    /// <summary>Trace sampling interval, µs.</summary>
    public const long TraceIntervalMicroseconds = 5000;

    private const long SettleMicroseconds = 300000;
    private const long PreloadMicroseconds = 1000000;
    private const long StepWindowMicroseconds = 300000;
    private const long AccuracyAverageMicroseconds = 500000;
    private const long BrakeReleaseMicroseconds = 500000;

    /// <summary>Change of a torque that counts as the step having arrived at a stage, N·m.</summary>
    private const double ChangeThresholdNewtonMetres = 0.5;

    public static VcuTorqueSuiteResult Run(VcuTorqueSuite suite, IReadOnlyList<VcuTorqueScenario> scenarios,
        Action<VcuTorqueScenarioResult>? completed = null)
    {
        var start = DateTimeOffset.Now;
        var results = new List<VcuTorqueScenarioResult>();
        foreach (var scenario in scenarios)
        {
            var result = RunScenario(suite, scenario);
            results.Add(result);
            completed?.Invoke(result);
        }

        return new VcuTorqueSuiteResult { Suite = suite, Scenarios = results, StartTime = start };
    }

    /// <summary>Runs one scenario; an exception from the firmware or plant becomes the scenario's error.</summary>
    public static VcuTorqueScenarioResult RunScenario(VcuTorqueSuite suite, VcuTorqueScenario scenario)
    {
        var watch = Stopwatch.StartNew();
        var trace = new VcuTrace();
        try
        {
            var rig = CreateRig(suite, scenario, trace);
            var requirements = scenario.Type switch
            {
                VcuScenarioType.Step => RunStep(rig, scenario),
                VcuScenarioType.Accuracy => RunAccuracy(rig, scenario),
                _ => RunFault(rig, scenario),
            };

            return new VcuTorqueScenarioResult { Scenario = scenario, Requirements = requirements, Trace = trace, WallTime = watch.Elapsed };
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException)
        {
            return new VcuTorqueScenarioResult { Scenario = scenario, ErrorMessage = error.Message, Trace = trace, WallTime = watch.Elapsed };
        }
    }

    private static VcuRig CreateRig(VcuTorqueSuite suite, VcuTorqueScenario scenario, VcuTrace trace)
    {
        var rig = new VcuRig(suite.Vehicle);
        rig.Inputs.DriveModeSelector = (int)scenario.DriveMode;
        rig.Mcu.FeedbackGainError = scenario.FeedbackGainErrorPercent / 100;
        rig.Mcu.ActuationGainError = scenario.ActuationGainErrorPercent / 100;
        rig.AfterStep = r => Record(r, trace);
        rig.Run(SettleMicroseconds);
        return rig;
    }

    private static void Record(VcuRig rig, VcuTrace trace)
    {
        if (rig.NowMicroseconds % TraceIntervalMicroseconds != 0)
        {
            return;
        }

        var plant = rig.Plant;
        trace.TimeSeconds.Add(rig.NowMicroseconds / 1e6);
        trace.SpeedKmh.Add(plant.Chassis.SpeedMetresPerSecond * 3.6);
        trace.PedalPercent.Add((rig.Inputs.AcceleratorTrack1Volts - 0.8) / 3.4 * 100);
        trace.TargetNewtonMetres.Add(rig.Core.Arbiter.RateLimitedNewtonMetres);
        trace.CommandNewtonMetres.Add(rig.Core.TorqueCommandNewtonMetres);
        trace.DeliveredNewtonMetres.Add(plant.Motor.TorqueNewtonMetres);
        trace.SocPercent.Add(plant.HighVoltage.Pack.MeanSoc * 100);
        trace.EngineState.Add((int)plant.Generator.State);
    }

    private static List<RequirementResult> RunStep(VcuRig rig, VcuTorqueScenario scenario)
    {
        rig.HeldSpeedMetresPerSecond = scenario.SpeedsKmh[0] / 3.6;
        rig.Inputs.SetPedal(scenario.PedalFromPercent / 100);
        rig.Run(PreloadMicroseconds);

        // The worst phase at 1 ms resolution: the pedal moves 1 ms after a task release, so the input task first
        // samples it 9 ms later.
        while (rig.NowMicroseconds % 10000 != 1000)
        {
            rig.Step();
        }

        long stepTime = rig.NowMicroseconds;
        double initial = rig.Plant.Motor.TorqueNewtonMetres;
        double requestBefore = rig.Core.Outputs.TorqueRequestNewtonMetres;
        double appliedBefore = rig.Mcu.AppliedTorqueNewtonMetres;
        long queued = -1, frameEnd = -1, applied = -1;
        var delivered = new List<(long Time, double Torque)>();
        rig.Inputs.SetPedal(scenario.PedalToPercent / 100);
        rig.Run(StepWindowMicroseconds, r =>
        {
            long stepStart = r.NowMicroseconds - VcuRig.StepMicroseconds;
            if (queued < 0 && Math.Abs(r.Core.Outputs.TorqueRequestNewtonMetres - requestBefore) > ChangeThresholdNewtonMetres)
            {
                queued = r.LastTorqueFrameQueuedMicroseconds;
            }

            if (applied < 0 && Math.Abs(r.Mcu.AppliedTorqueNewtonMetres - appliedBefore) > ChangeThresholdNewtonMetres)
            {
                applied = stepStart;
                frameEnd = r.Mcu.LastCommandMicroseconds;
            }

            delivered.Add((r.NowMicroseconds, r.Plant.Motor.TorqueNewtonMetres));
        });

        double final = delivered[^1].Torque;
        double threshold = initial + 0.9 * (final - initial);
        long reached = -1;
        foreach (var (time, torque) in delivered)
        {
            if (torque >= threshold)
            {
                reached = time;
                break;
            }
        }

        double limit = scenario.Criteria.ResponseMilliseconds;
        if (reached < 0 || queued < 0 || applied < 0)
        {
            return
            [
                new RequirementResult
                {
                    Requirement = "V5 response", Quantity = "torque_response_ms", Measured = null, Limit = limit, Unit = "ms",
                    Passed = false, Detail = Messages.Format("VcuStepNotReached", initial, final, StepWindowMicroseconds / 1000.0),
                },
            ];
        }

        // The VCU's stage runs from the pedal step to queuing the first changed frame, and the bus stage from queuing to
        // the end of that frame. The rest is the MCU's wait for its next 1 ms step and the motor's lag.
        double total = (reached - stepTime) / 1000.0;
        double vcuPart = (queued - stepTime) / 1000.0;
        double busPart = (frameEnd - queued) / 1000.0;
        double motorPart = (reached - frameEnd) / 1000.0;
        double busShare = busPart / total * 100;
        return
        [
            new RequirementResult
            {
                Requirement = "V5 response", Quantity = "torque_response_ms", Measured = total, Limit = limit, Unit = "ms",
                Passed = total <= limit,
                Detail = Messages.Format("VcuStepDetail", total, limit, vcuPart, busPart, busShare, motorPart, initial, final),
            },
        ];
    }

    private static List<RequirementResult> RunAccuracy(VcuRig rig, VcuTorqueScenario scenario)
    {
        var requirements = new List<RequirementResult>();
        double limit = scenario.Criteria.AccuracyPercent;
        foreach (double speed in scenario.SpeedsKmh)
        {
            rig.HeldSpeedMetresPerSecond = speed / 3.6;
            foreach (double pedal in scenario.PedalsPercent)
            {
                rig.Inputs.SetPedal(pedal / 100);
                rig.Run((long)(scenario.HoldSeconds * 1e6));

                double deliveredSum = 0, targetSum = 0;
                int samples = 0;
                rig.Run(AccuracyAverageMicroseconds, r =>
                {
                    deliveredSum += r.Plant.Motor.TorqueNewtonMetres;
                    targetSum += r.Core.Arbiter.RateLimitedNewtonMetres;
                    samples++;
                });

                double delivered = deliveredSum / samples;
                double target = targetSum / samples;
                double error = Math.Abs(target) > 1e-6 ? (delivered - target) / target * 100 : double.NaN;
                requirements.Add(new RequirementResult
                {
                    Requirement = $"V6 accuracy {pedal:F0}%/{speed:F0}km/h",
                    Quantity = "torque_error_percent",
                    Measured = error,
                    Limit = limit,
                    Unit = "%",
                    Passed = Math.Abs(error) <= limit,
                    Detail = Messages.Format("VcuAccuracyDetail", pedal, speed, delivered, target, error, limit),
                });
            }
        }

        return requirements;
    }

    private static List<RequirementResult> RunFault(VcuRig rig, VcuTorqueScenario scenario)
    {
        rig.HeldSpeedMetresPerSecond = scenario.SpeedsKmh[0] / 3.6;
        double pedal = scenario.PedalsPercent[0] / 100;
        rig.Inputs.SetPedal(pedal);
        rig.Run(PreloadMicroseconds);

        double torqueBefore = rig.Plant.Motor.TorqueNewtonMetres;
        long faultTime = rig.NowMicroseconds;
        var expect = scenario.Expect;
        long within = (long)(expect.WithinMilliseconds * 1000);
        long observe = (long)(expect.ObserveMilliseconds * 1000);
        var fault = scenario.Fault!.Value;
        VcuFaultInjection.Apply(rig, fault);

        // Under brake override the bound holds while the brake is pressed, until its release at 500 ms.
        long boundEnd = fault == VcuFault.BrakeOverride ? BrakeReleaseMicroseconds : long.MaxValue;
        double largestAfter = 0;
        long reactionTime = -1, dtcTime = -1;
        var requirements = new List<RequirementResult>();
        Action<VcuRig> observeStep = r =>
        {
            long since = r.NowMicroseconds - faultTime;
            if (since >= within && since < boundEnd)
            {
                largestAfter = Math.Max(largestAfter, Math.Abs(r.Plant.Motor.TorqueNewtonMetres));
            }

            if (reactionTime < 0 && expect.Reaction is { } wanted && wanted != MonitorReaction.None && r.Core.Monitor.Reaction >= wanted)
            {
                reactionTime = since;
            }

            if (reactionTime < 0 && r.Core.Monitor.Reaction != MonitorReaction.None && expect.Reaction == MonitorReaction.None)
            {
                reactionTime = since;
            }

            if (dtcTime < 0 && expect.DtcName != null && IsConfirmed(r, expect.Dtc))
            {
                dtcTime = since;
            }
        };

        if (fault == VcuFault.BrakeOverride)
        {
            requirements.AddRange(RunBrakeOverride(rig, scenario, pedal, torqueBefore, faultTime, observeStep));
        }
        else
        {
            rig.Run(observe, observeStep);
        }

        AddFaultRequirements(requirements, expect, largestAfter, reactionTime, dtcTime, within, rig.NowMicroseconds - faultTime);
        return requirements;
    }

    private static List<RequirementResult> RunBrakeOverride(VcuRig rig, VcuTorqueScenario scenario, double pedal, double torqueBefore,
        long faultTime, Action<VcuRig> observeStep)
    {
        // VcuFaultInjection pressed the brake at the fault time. It is released 500 ms later with the pedal held. The
        // pedal is lifted at 1000 ms and pressed again at 1300 ms, and the torque is judged at 1800 ms.
        rig.Run(BrakeReleaseMicroseconds, observeStep);
        rig.Inputs.SetBrake(0);
        double latched = 0;
        rig.Run(500000, r =>
        {
            observeStep(r);
            latched = Math.Max(latched, Math.Abs(r.Plant.Motor.TorqueNewtonMetres));
        });

        rig.Inputs.SetPedal(0);
        rig.Run(300000, observeStep);
        rig.Inputs.SetPedal(pedal);
        rig.Run(500000, observeStep);

        double bound = scenario.Expect.TorqueAtMostNewtonMetres ?? 2;
        double restored = rig.Plant.Motor.TorqueNewtonMetres;
        double required = 0.8 * torqueBefore;
        return
        [
            new RequirementResult
            {
                Requirement = "override latched", Quantity = "latched_torque_nm", Measured = latched, Limit = bound, Unit = "N·m",
                Passed = latched <= bound, Detail = Messages.Format("VcuOverrideLatchedDetail", latched, bound),
            },
            new RequirementResult
            {
                Requirement = "override released", Quantity = "restored_torque_nm", Measured = restored, Limit = required, Unit = "N·m",
                Passed = restored >= required, Detail = Messages.Format("VcuOverrideReleasedDetail", restored, required),
            },
        ];
    }

    private static void AddFaultRequirements(List<RequirementResult> requirements, VcuFaultExpectation expect, double largestAfter,
        long reactionTime, long dtcTime, long within, long observed)
    {
        if (expect.TorqueAtMostNewtonMetres is double bound)
        {
            requirements.Insert(0, new RequirementResult
            {
                Requirement = "torque limit", Quantity = "max_torque_nm", Measured = largestAfter, Limit = bound, Unit = "N·m",
                Passed = largestAfter <= bound,
                Detail = Messages.Format("VcuTorqueBoundDetail", expect.WithinMilliseconds, largestAfter, bound),
            });
        }

        if (expect.Reaction is { } reaction)
        {
            bool passed = reaction == MonitorReaction.None ? reactionTime < 0 : reactionTime >= 0 && reactionTime <= within;
            string at = reactionTime < 0 ? Messages.Get("VcuNever") : $"{reactionTime / 1000.0:F0} ms";
            requirements.Add(new RequirementResult
            {
                Requirement = "monitor reaction", Quantity = "reaction_ms", Measured = reactionTime < 0 ? null : reactionTime / 1000.0,
                Limit = expect.WithinMilliseconds, Unit = "ms", Passed = passed,
                Detail = Messages.Format("VcuReactionDetail", ReactionName(reaction == MonitorReaction.None ? MonitorReaction.ZeroTorque : reaction),
                    at, ReactionName(reaction), expect.WithinMilliseconds),
            });
        }

        if (expect.DtcName != null)
        {
            requirements.Add(new RequirementResult
            {
                Requirement = "DTC " + expect.DtcName, Quantity = "dtc_confirmed_ms", Measured = dtcTime < 0 ? null : dtcTime / 1000.0,
                Limit = observed / 1000.0, Unit = "ms", Passed = dtcTime >= 0,
                Detail = dtcTime >= 0
                    ? Messages.Format("VcuDtcConfirmed", expect.DtcName, expect.Dtc, dtcTime / 1000.0)
                    : Messages.Format("VcuDtcMissing", expect.DtcName, expect.Dtc, observed / 1000.0),
            });
        }
    }

    private static string ReactionName(MonitorReaction reaction) => reaction switch
    {
        MonitorReaction.None => "none",
        MonitorReaction.ZeroTorque => "zero-torque",
        _ => "shutdown",
    };

    private static bool IsConfirmed(VcuRig rig, uint dtc)
    {
        var dtcs = rig.Core.Dtcs;
        int index = dtcs.IndexOf(dtc);
        return index >= 0 && (dtcs.StatusAt(index) & DtcMemory.ConfirmedDtc) != 0;
    }
}
