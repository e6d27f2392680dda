using System;
using System.Collections.Generic;
using System.Diagnostics;
using Controllers.Firmware.Common.Can.Generated.Vcu;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Vcu.HighVoltage;
using Controllers.Hil.Acquisition;
using Controllers.Simulation.Vehicle;

namespace Controllers.Hil.Vehicle;

/// <summary>
/// Runs <c>vcu-high-voltage</c> scenarios on a fresh <see cref="VcuRig"/> each. The rig starts with the HV bus up, so
/// scenarios that need a cold start (power-on, precharge failure, charging) first turn the key off and wait for
/// standby with the link discharged. Times come from the plant's contacts and link voltage, not from the firmware.
/// </summary>
public static class VcuHighVoltageSuiteRunner
{
    /// <summary>Trace sampling interval, µs.</summary>
    public const long TraceIntervalMicroseconds = 5000;

    /// <summary>Precharge attempts per key cycle that docs/vcu-high-voltage.md specifies (retry policy).</summary>
    public const int SpecifiedPrechargeAttempts = 3;

    /// <summary>Longest wait for the VCU to reach standby after key off, µs.</summary>
    private const long StandbyLimitMicroseconds = 10_000_000;

    /// <summary>Driving time before an event, µs.</summary>
    private const long PreloadMicroseconds = 1_000_000;

    /// <summary>Link voltage at which precharge counts as done: 95 % of pack voltage (docs/vcu-high-voltage.md).</summary>
    private const double PrechargeFraction = 0.95;

    /// <summary>The charge plug must connect the HV bus within this time, ms: ChargingSettings.HvConnectTimeoutMicroseconds.</summary>
    private const double ChargeConnectLimitMilliseconds = 5000;

    /// <summary>Settled charger current averaged over the last part of each limit step, µs.</summary>
    private const long ChargeAverageMicroseconds = 2_000_000;

    /// <summary>
    /// Time after a change of the BMS limit before the charger current must stay within it, µs. It covers the 100 ms
    /// BMS_PowerLimits cycle, the 10 ms charging task, the VCU_ChargerRequest cycle and the charger's 20 A/s slew
    /// (150 ms for a 3 A step), rounded up.
    /// </summary>
    private const long ChargeSettleMicroseconds = 1_000_000;

    /// <summary>Charger output below which the charge counts as stopped, A.</summary>
    private const double ChargeStoppedAmperes = 0.1;

    public static VcuHighVoltageSuiteResult Run(VcuHighVoltageSuite suite, IReadOnlyList<VcuHighVoltageScenario> scenarios,
        Action<VcuHighVoltageScenarioResult>? completed = null)
    {
        var start = DateTimeOffset.Now;
        var results = new List<VcuHighVoltageScenarioResult>();
        foreach (var scenario in scenarios)
        {
            var result = RunScenario(suite, scenario);
            results.Add(result);
            completed?.Invoke(result);
        }

        return new VcuHighVoltageSuiteResult { Suite = suite, Scenarios = results, StartTime = start };
    }

    /// <summary>Runs one scenario; an exception from the firmware or plant becomes the scenario's error.</summary>
    public static VcuHighVoltageScenarioResult RunScenario(VcuHighVoltageSuite suite, VcuHighVoltageScenario scenario)
    {
        var watch = Stopwatch.StartNew();
        var trace = new VcuHvTrace();
        try
        {
            var rig = new VcuRig(suite.Vehicle);
            var recorder = new Recorder(trace);
            rig.AfterStep = recorder.Record;
            var requirements = scenario.Type switch
            {
                VcuHvScenarioType.PowerOn => RunPowerOn(rig, scenario),
                VcuHvScenarioType.PowerOff => RunPowerOff(rig, scenario),
                VcuHvScenarioType.PrechargeFailure => RunPrechargeFailure(rig, scenario),
                VcuHvScenarioType.WeldedContactor => RunWelded(rig, scenario),
                VcuHvScenarioType.Fault => RunFault(rig, scenario),
                _ => RunCharging(rig, scenario),
            };

            return new VcuHighVoltageScenarioResult { Scenario = scenario, Requirements = requirements, Trace = trace, WallTime = watch.Elapsed };
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException)
        {
            return new VcuHighVoltageScenarioResult { Scenario = scenario, ErrorMessage = error.Message, Trace = trace, WallTime = watch.Elapsed };
        }
    }

    private static List<RequirementResult> RunPowerOn(VcuRig rig, VcuHighVoltageScenario scenario)
    {
        var criteria = scenario.Criteria;
        var link = rig.Plant.HighVoltage;
        KeyOffToStandby(rig, scenario.Criteria.SafeLinkVolts);

        long keyOn = rig.NowMicroseconds;
        long prechargeClosed = -1, charged = -1, ready = -1;
        double startVolts = 0, packVolts = 0;
        rig.Inputs.KeyOn = true;
        Run(rig, scenario.ObserveMilliseconds, r =>
        {
            if (prechargeClosed < 0 && link.IsClosed(HighVoltageContactor.Precharge))
            {
                prechargeClosed = r.NowMicroseconds;
                startVolts = link.LinkVolts;
                packVolts = link.Pack.PackVolts;
            }

            if (prechargeClosed >= 0 && charged < 0 && link.LinkVolts >= PrechargeFraction * link.Pack.PackVolts)
            {
                charged = r.NowMicroseconds;
            }

            if (ready < 0 && r.Core.HighVoltage.IsReadyToDrive)
            {
                ready = r.NowMicroseconds;
            }

            return ready >= 0;
        });

        // RC charge from the link voltage V0 at the precharge contact's closing towards the pack voltage Vp: the link
        // reaches 0.95 Vp after t = R·C·ln((Vp − V0) / (0.05 Vp)). From 0 V this is R·C·ln 20 = 3.0 R·C; with
        // boards/vcu-atv.yaml (47 Ω, 1 mF) 0.047 s × 3.0 = 140.8 ms.
        var parameters = rig.Plant.Definition.HighVoltage;
        double rc = parameters.PrechargeResistanceOhms * parameters.LinkCapacitanceFarads;
        double expected = rc * Math.Log((packVolts - startVolts) / ((1 - PrechargeFraction) * packVolts)) * 1000;
        double? measured = prechargeClosed >= 0 && charged >= 0 ? (charged - prechargeClosed) / 1000.0 : null;
        double deviation = measured is double m ? Math.Abs(m - expected) / expected * 100 : double.NaN;
        var requirements = new List<RequirementResult>
        {
            new()
            {
                Requirement = "precharge time", Quantity = "precharge_ms", Measured = measured, Limit = criteria.PrechargeTolerancePercent, Unit = "ms",
                Passed = measured != null && deviation <= criteria.PrechargeTolerancePercent,
                Detail = Messages.Format("VcuHvPrechargeDetail", measured ?? double.NaN, expected, parameters.PrechargeResistanceOhms,
                    parameters.LinkCapacitanceFarads * 1000, startVolts, packVolts, deviation, criteria.PrechargeTolerancePercent),
            },
            TimeRequirement("key on to ready", "key_on_to_ready_ms", ready < 0 ? null : (ready - keyOn) / 1000.0,
                criteria.KeyOnToReadyMilliseconds, Messages.Get("VcuHvSourceReadyTarget")),
        };

        // The positive contactor closes once the link is at 95 % of the pack, so the difference it closes against is at
        // most 5 % of the pack voltage (19.1 V at 381.4 V).
        double closing = Math.Abs(link.LastClosingDifferenceVolts);
        double closingLimit = (1 - PrechargeFraction) * packVolts;
        requirements.Add(new RequirementResult
        {
            Requirement = "closing difference", Quantity = "closing_difference_v", Measured = closing, Limit = closingLimit, Unit = "V",
            Passed = ready >= 0 && closing <= closingLimit,
            Detail = Messages.Format("VcuHvClosingDetail", closing, closingLimit),
        });
        return requirements;
    }

    private static List<RequirementResult> RunPowerOff(VcuRig rig, VcuHighVoltageScenario scenario)
    {
        Drive(rig, scenario);
        var watch = new OpeningWatch(rig, scenario);
        rig.Inputs.KeyOn = false;
        Run(rig, scenario.ObserveMilliseconds, r => watch.Step(r) && r.Core.HighVoltage.State == HvPowerState.Standby);

        var requirements = new List<RequirementResult>();
        AddOpeningRequirements(requirements, rig, scenario, watch, true);
        return requirements;
    }

    private static List<RequirementResult> RunPrechargeFailure(VcuRig rig, VcuHighVoltageScenario scenario)
    {
        var link = rig.Plant.HighVoltage;
        KeyOffToStandby(rig, scenario.Criteria.SafeLinkVolts);

        link.PrechargeResistorOpen = true;
        long keyOn = rig.NowMicroseconds;
        int prechargeClosings = 0, positiveClosings = 0;
        bool prechargeWas = false, positiveWas = link.IsClosed(HighVoltageContactor.Positive);
        long dtcTime = -1;
        rig.Inputs.KeyOn = true;
        Run(rig, scenario.ObserveMilliseconds, r =>
        {
            bool precharge = link.IsClosed(HighVoltageContactor.Precharge);
            bool positive = link.IsClosed(HighVoltageContactor.Positive);
            prechargeClosings += precharge && !prechargeWas ? 1 : 0;
            positiveClosings += positive && !positiveWas ? 1 : 0;
            prechargeWas = precharge;
            positiveWas = positive;
            if (dtcTime < 0 && scenario.DtcName != null && IsConfirmed(r, scenario.Dtc))
            {
                dtcTime = r.NowMicroseconds - keyOn;
            }

            return false;
        });

        var state = rig.Core.HighVoltage.State;
        var requirements = new List<RequirementResult>
        {
            new()
            {
                Requirement = "precharge attempts", Quantity = "precharge_attempts", Measured = prechargeClosings, Limit = SpecifiedPrechargeAttempts,
                Unit = "", Passed = prechargeClosings == SpecifiedPrechargeAttempts,
                Detail = Messages.Format("VcuHvAttemptsDetail", prechargeClosings, SpecifiedPrechargeAttempts, scenario.ObserveMilliseconds),
            },
            new()
            {
                Requirement = "latched fault", Quantity = "hv_state", Measured = (int)state, Limit = (int)HvPowerState.Fault, Unit = "",
                Passed = state == HvPowerState.Fault, Detail = Messages.Format("VcuHvStateDetail", state, HvPowerState.Fault),
            },
            new()
            {
                Requirement = "main path never closed", Quantity = "positive_closings", Measured = positiveClosings, Limit = 0, Unit = "",
                Passed = positiveClosings == 0, Detail = Messages.Format("VcuHvPositiveClosingsDetail", positiveClosings),
            },
        };
        AddDtcRequirement(requirements, scenario, dtcTime, (rig.NowMicroseconds - keyOn) / 1000.0);
        return requirements;
    }

    private static List<RequirementResult> RunWelded(VcuRig rig, VcuHighVoltageScenario scenario)
    {
        var link = rig.Plant.HighVoltage;
        Drive(rig, scenario);
        foreach (var contactor in scenario.WeldedContactors)
        {
            link.SetWelded(contactor, true);
        }

        var watch = new OpeningWatch(rig, scenario);
        bool faulted = false;
        rig.Inputs.KeyOn = false;
        Run(rig, scenario.ObserveMilliseconds, r =>
        {
            watch.Step(r);
            faulted |= r.Core.HighVoltage.State == HvPowerState.Fault;
            return false;
        });

        // In docs/vcu-high-voltage.md a weld found while discharging leads to Fault, and Fault returns to Standby once
        // key and plug are off. So the state is checked on the way, not at the end.
        var requirements = new List<RequirementResult>();
        if (scenario.WeldedContactors.Count == 1)
        {
            // One side still opens, so the link is isolated and may be discharged.
            AddOpeningRequirements(requirements, rig, scenario, watch, true);
        }
        else
        {
            // Both sides welded: the pack still feeds the link, so the active discharge must be off at the end instead of
            // burning the pack's energy in the discharge resistor.
            bool dischargeOff = !link.ActiveDischargeOn;
            requirements.Add(new RequirementResult
            {
                Requirement = "discharge stopped", Quantity = "active_discharge_on", Measured = dischargeOff ? 0 : 1, Limit = 0, Unit = "",
                Passed = dischargeOff, Detail = Messages.Format("VcuHvDischargeStoppedDetail", dischargeOff, link.LinkVolts),
            });
            AddDtcRequirement(requirements, scenario, watch.DtcMicroseconds, (rig.NowMicroseconds - watch.Start) / 1000.0);
        }

        requirements.Add(new RequirementResult
        {
            Requirement = "weld reaction", Quantity = "reached_fault", Measured = faulted ? 1 : 0, Limit = 1, Unit = "",
            Passed = faulted, Detail = Messages.Format("VcuHvWeldReactionDetail", faulted),
        });
        return requirements;
    }

    private static List<RequirementResult> RunFault(VcuRig rig, VcuHighVoltageScenario scenario)
    {
        Drive(rig, scenario);
        var watch = new OpeningWatch(rig, scenario);
        var fault = scenario.Fault!.Value;
        switch (fault)
        {
            case VcuHvFault.HvilOpen:
                rig.Inputs.HvilClosed = false;
                break;
            case VcuHvFault.InsulationWarning:
            case VcuHvFault.InsulationFault:
                rig.Bms.InsulationKiloohms = scenario.InsulationKiloohms;
                break;
            case VcuHvFault.BmsContactorsOpening:
                rig.Bms.InjectedFaultLevel = BMS_FaultSummary.FaultLevelContactorsOpening;
                break;
            default:
                rig.Inputs.CrashSignal = true;
                break;
        }

        Run(rig, scenario.ObserveMilliseconds, r =>
        {
            watch.Step(r);
            return false;
        });

        var requirements = new List<RequirementResult>();
        if (scenario.ContactorsOpenMilliseconds == null)
        {
            // A warning only reports: the contactors stay closed and the vehicle stays ready to drive.
            bool ready = rig.Core.HighVoltage.IsReadyToDrive;
            requirements.Add(new RequirementResult
            {
                Requirement = "contactors stay closed", Quantity = "openings", Measured = watch.Opened < 0 ? 0 : 1, Limit = 0, Unit = "",
                Passed = watch.Opened < 0 && ready, Detail = Messages.Format("VcuHvStayClosedDetail", watch.Opened < 0, ready),
            });
            AddDtcRequirement(requirements, scenario, watch.DtcMicroseconds, scenario.ObserveMilliseconds);
            return requirements;
        }

        // A crash opens the contactors at once under load (EmergencyOpen), so neither the torque nor the break current
        // is limited there. At fault level ContactorsOpening the BMS opens on its own once the current is below its
        // break limit, so the break current is checked and the torque is not.
        bool vcuOpens = fault is VcuHvFault.HvilOpen or VcuHvFault.InsulationFault;
        AddOpeningRequirements(requirements, rig, scenario, watch, fault != VcuHvFault.Crash, vcuOpens);
        return requirements;
    }

    private static List<RequirementResult> RunCharging(VcuRig rig, VcuHighVoltageScenario scenario)
    {
        var criteria = scenario.Criteria;
        var link = rig.Plant.HighVoltage;
        KeyOffToStandby(rig, scenario.Criteria.SafeLinkVolts);
        var charger = rig.AddCharger();
        rig.Bms.MaxChargeAmperes = scenario.BmsChargeLimitsAmperes[0];

        // Energy bookkeeping starts at the plug: the charger's output must reappear as pack energy, DC/DC converter
        // input, main-path loss and the link capacitor's energy.
        var plant = rig.Plant;
        double packStart = plant.PackEnergyJoules, chargerStart = plant.ExternalSupplyEnergyJoules, converterStart = plant.ConverterEnergyJoules;
        double capacitance = plant.Definition.HighVoltage.LinkCapacitanceFarads;
        double linkStart = 0.5 * capacitance * link.LinkVolts * link.LinkVolts;
        double pathLoss = 0, dischargeLoss = 0;
        double pathOhms = plant.Definition.HighVoltage.MainPathResistanceOhms;
        var hv = plant.Definition.HighVoltage;
        Action<VcuRig> account = r =>
        {
            double seconds = VcuRig.StepMicroseconds / 1e6;
            double amperes = link.PackDischargeAmperes;
            double volts = link.LinkVolts;
            pathLoss += link.IsConnected ? amperes * amperes * pathOhms * seconds : 0;
            dischargeLoss += volts * volts / hv.PassiveBleedResistanceOhms * seconds;
            dischargeLoss += link.ActiveDischargeOn ? volts * volts / hv.ActiveDischargeResistanceOhms * seconds : 0;
        };

        long plug = rig.NowMicroseconds;
        long connected = -1;
        rig.Inputs.ChargePlugConnected = true;
        Run(rig, ChargeConnectLimitMilliseconds, r =>
        {
            account(r);
            connected = link.IsConnected ? r.NowMicroseconds : -1;
            return connected >= 0;
        });

        var requirements = new List<RequirementResult>
        {
            TimeRequirement("charge connect", "charge_connect_ms", connected < 0 ? null : (connected - plug) / 1000.0,
                ChargeConnectLimitMilliseconds, Messages.Get("VcuHvSourceChargeConnect")),
        };

        // Drive inhibit: the key is turned on and the pedal pressed during the first limit step.
        double largestTorque = 0;
        bool everReady = false;
        bool chargeMode = rig.Core.Outputs.ChargeModeRequest;
        for (int i = 0; i < scenario.BmsChargeLimitsAmperes.Count; i++)
        {
            double limit = scenario.BmsChargeLimitsAmperes[i];
            rig.Bms.MaxChargeAmperes = limit;
            if (i == 0)
            {
                rig.Inputs.KeyOn = true;
                rig.Inputs.SetPedal(scenario.PedalPercent / 100);
            }

            long hold = (long)(scenario.ChargeSecondsPerLimit * 1e6);
            double sum = 0, largest = 0;
            int samples = 0;
            long averageFrom = rig.NowMicroseconds + hold - ChargeAverageMicroseconds;
            long settled = rig.NowMicroseconds + ChargeSettleMicroseconds;
            Run(rig, hold / 1000.0, r =>
            {
                account(r);
                largestTorque = Math.Max(largestTorque, Math.Abs(r.Plant.Motor.TorqueNewtonMetres));
                everReady |= r.Core.HighVoltage.IsReadyToDrive;
                chargeMode &= r.Core.Outputs.ChargeModeRequest;
                largest = r.NowMicroseconds > settled ? Math.Max(largest, charger.OutputAmperes) : largest;
                if (r.NowMicroseconds > averageFrom)
                {
                    sum += charger.OutputAmperes;
                    samples++;
                }

                return false;
            });

            double mean = samples > 0 ? sum / samples : 0;
            requirements.Add(new RequirementResult
            {
                Requirement = $"charge current {limit:G3} A", Quantity = "charge_current_a", Measured = mean, Limit = criteria.ChargeCurrentToleranceAmperes,
                Unit = "A", Passed = Math.Abs(mean - limit) <= criteria.ChargeCurrentToleranceAmperes && largest <= limit + criteria.ChargeCurrentToleranceAmperes,
                Detail = Messages.Format("VcuHvChargeCurrentDetail", mean, largest, limit, criteria.ChargeCurrentToleranceAmperes),
            });
            if (i == 0)
            {
                rig.Inputs.SetPedal(0);
                rig.Inputs.KeyOn = false;
            }
        }

        requirements.Add(new RequirementResult
        {
            Requirement = "drive inhibited", Quantity = "torque_while_plugged_nm", Measured = largestTorque, Limit = criteria.TorqueAtOpeningNewtonMetres,
            Unit = "N·m", Passed = !everReady && chargeMode && largestTorque <= criteria.TorqueAtOpeningNewtonMetres,
            Detail = Messages.Format("VcuHvInhibitDetail", largestTorque, criteria.TorqueAtOpeningNewtonMetres, everReady, chargeMode),
        });

        // Plug removal: the charger stops and the contactors open.
        var watch = new OpeningWatch(rig, scenario);
        long stopped = -1;
        rig.Inputs.ChargePlugConnected = false;
        Run(rig, scenario.ObserveMilliseconds, r =>
        {
            account(r);
            watch.Step(r);
            if (stopped < 0 && charger.OutputAmperes < ChargeStoppedAmperes)
            {
                stopped = r.NowMicroseconds - watch.Start;
            }

            return watch.Discharged >= 0 && stopped >= 0;
        });

        double openLimit = scenario.ContactorsOpenMilliseconds ?? ChargeConnectLimitMilliseconds;
        requirements.Add(TimeRequirement("charge stopped", "charge_stop_ms", stopped < 0 ? null : stopped / 1000.0, openLimit, scenario.LimitSource));
        AddOpeningRequirements(requirements, rig, scenario, watch, true);

        // Balance over the whole charge: E_charger = E_pack,in + E_DC/DC + I²·R_path + ΔE_link + E_bleed + E_discharge,
        // where E_link = C·V²/2 and the bleed and active discharge dissipate V²/R. The pack's share counts at its
        // terminal voltage, as the plant books it.
        double chargerJoules = plant.ExternalSupplyEnergyJoules - chargerStart;
        double packInJoules = -(plant.PackEnergyJoules - packStart);
        double converterJoules = plant.ConverterEnergyJoules - converterStart;
        double linkJoules = 0.5 * capacitance * link.LinkVolts * link.LinkVolts - linkStart;
        double gap = chargerJoules - packInJoules - converterJoules - pathLoss - linkJoules - dischargeLoss;
        double gapPercent = chargerJoules > 0 ? Math.Abs(gap) / chargerJoules * 100 : double.NaN;
        double efficiency = chargerJoules > 0 ? packInJoules / chargerJoules * 100 : double.NaN;
        requirements.Add(new RequirementResult
        {
            Requirement = "charge energy balance", Quantity = "energy_gap_percent", Measured = gapPercent, Limit = criteria.EnergyBalancePercent,
            Unit = "%", Passed = gapPercent <= criteria.EnergyBalancePercent,
            Detail = Messages.Format("VcuHvEnergyDetail", chargerJoules / 3600, packInJoules / 3600, converterJoules / 3600, pathLoss / 3600,
                efficiency, gapPercent, criteria.EnergyBalancePercent, chargerJoules / 3600 / 0.94),
        });
        return requirements;
    }

    // Turns the key off and runs until the VCU is in standby with the link below the safe voltage.
    private static void KeyOffToStandby(VcuRig rig, double safeVolts)
    {
        rig.Inputs.KeyOn = false;
        long end = rig.NowMicroseconds + StandbyLimitMicroseconds;
        while (rig.Core.HighVoltage.State != HvPowerState.Standby || rig.Plant.HighVoltage.LinkVolts >= safeVolts)
        {
            if (rig.NowMicroseconds > end)
            {
                throw new InvalidOperationException(Messages.Format("VcuHvNoStandby", StandbyLimitMicroseconds / 1000, rig.Core.HighVoltage.State,
                    rig.Plant.HighVoltage.LinkVolts));
            }

            rig.Step();
        }

        // A short pause so that the next key-on is a new key cycle for the debounce.
        rig.Run(200_000);
    }

    // Holds the scenario's speed and pedal for the preload time.
    private static void Drive(VcuRig rig, VcuHighVoltageScenario scenario)
    {
        rig.HeldSpeedMetresPerSecond = scenario.SpeedKmh / 3.6;
        rig.Inputs.SetPedal(scenario.PedalPercent / 100);
        rig.Run(PreloadMicroseconds);
    }

    // Steps the rig for at most observeMilliseconds, stopping early once step returns true.
    private static void Run(VcuRig rig, double observeMilliseconds, Func<VcuRig, bool> step)
    {
        long end = rig.NowMicroseconds + (long)(observeMilliseconds * 1000);
        while (rig.NowMicroseconds < end)
        {
            rig.Step();
            if (step(rig))
            {
                return;
            }
        }
    }

    private static void AddOpeningRequirements(List<RequirementResult> requirements, VcuRig rig, VcuHighVoltageScenario scenario,
        OpeningWatch watch, bool checkBreak, bool checkTorque = true)
    {
        var criteria = scenario.Criteria;
        double? opened = watch.Opened < 0 ? null : (watch.Opened - watch.Start) / 1000.0;
        if (scenario.ContactorsOpenMilliseconds is double openLimit)
        {
            requirements.Add(TimeRequirement("contactors open", "contactors_open_ms", opened, openLimit, scenario.LimitSource));
        }

        if (checkTorque && scenario.Type != VcuHvScenarioType.Charging)
        {
            requirements.Add(new RequirementResult
            {
                Requirement = "torque before opening", Quantity = "torque_at_opening_nm", Measured = opened == null ? null : watch.TorqueAtOpening,
                Limit = criteria.TorqueAtOpeningNewtonMetres, Unit = "N·m",
                Passed = opened != null && watch.TorqueAtOpening <= criteria.TorqueAtOpeningNewtonMetres,
                Detail = Messages.Format("VcuHvTorqueAtOpeningDetail", watch.TorqueAtOpening, watch.TorqueBefore, criteria.TorqueAtOpeningNewtonMetres),
            });
        }

        if (checkBreak)
        {
            double breakAmperes = rig.Plant.HighVoltage.LargestBreakAmperes;
            requirements.Add(new RequirementResult
            {
                Requirement = "break current", Quantity = "break_current_a", Measured = breakAmperes, Limit = criteria.BreakCurrentAmperes, Unit = "A",
                Passed = opened != null && breakAmperes <= criteria.BreakCurrentAmperes,
                Detail = Messages.Format("VcuHvBreakDetail", breakAmperes, criteria.BreakCurrentAmperes),
            });
        }

        double? discharged = watch.Discharged < 0 || watch.Opened < 0 ? null : (watch.Discharged - watch.Opened) / 1000.0;
        requirements.Add(new RequirementResult
        {
            Requirement = $"link below {criteria.SafeLinkVolts:G3} V", Quantity = "discharge_ms", Measured = discharged, Limit = criteria.DischargeMilliseconds,
            Unit = "ms", Passed = discharged is double d && d <= criteria.DischargeMilliseconds,
            Detail = discharged is double ms
                ? Messages.Format("VcuHvDischargeDetail", ms, criteria.SafeLinkVolts, criteria.DischargeMilliseconds, watch.VoltsAtOpening)
                : Messages.Format("VcuHvDischargeMissing", criteria.SafeLinkVolts, rig.Plant.HighVoltage.LinkVolts, criteria.DischargeMilliseconds),
        });
        AddDtcRequirement(requirements, scenario, watch.DtcMicroseconds, (rig.NowMicroseconds - watch.Start) / 1000.0);
    }

    private static RequirementResult TimeRequirement(string requirement, string quantity, double? measured, double limit, string source) => new()
    {
        Requirement = requirement, Quantity = quantity, Measured = measured, Limit = limit, Unit = "ms",
        Passed = measured is double m && m <= limit,
        Detail = measured is double ms ? Messages.Format("VcuHvTimeDetail", ms, limit, source) : Messages.Format("VcuHvTimeMissing", limit, source),
    };

    private static void AddDtcRequirement(List<RequirementResult> requirements, VcuHighVoltageScenario scenario, long dtcMicroseconds, double observedMilliseconds)
    {
        if (scenario.DtcName == null)
        {
            return;
        }

        requirements.Add(new RequirementResult
        {
            Requirement = "DTC " + scenario.DtcName, Quantity = "dtc_confirmed_ms", Measured = dtcMicroseconds < 0 ? null : dtcMicroseconds / 1000.0,
            Limit = observedMilliseconds, Unit = "ms", Passed = dtcMicroseconds >= 0,
            Detail = dtcMicroseconds >= 0
                ? Messages.Format("VcuDtcConfirmed", scenario.DtcName, scenario.Dtc, dtcMicroseconds / 1000.0)
                : Messages.Format("VcuDtcMissing", scenario.DtcName, scenario.Dtc, observedMilliseconds),
        });
    }

    private static bool IsConfirmed(VcuRig rig, uint dtc)
    {
        var dtcs = rig.Core.Dtcs;
        int index = dtcs.IndexOf(dtc);
        return index >= 0 && (dtcs.StatusAt(index) & DtcMemory.ConfirmedDtc) != 0;
    }

    /// <summary>
    /// Watches the plant's link from an event on. It records when the main path first opened and the motor torque in
    /// the last closed step, then when the link fell below the safe voltage and when the scenario's DTC was confirmed.
    /// </summary>
    private sealed class OpeningWatch(VcuRig rig, VcuHighVoltageScenario scenario)
    {
        public long Start { get; } = rig.NowMicroseconds;

        public long Opened { get; private set; } = -1;

        public long Discharged { get; private set; } = -1;

        /// <summary>Time from the event to the scenario's DTC confirmed, µs; −1 while not confirmed.</summary>
        public long DtcMicroseconds { get; private set; } = -1;

        /// <summary>Motor torque magnitude in the last step with the main path closed, N·m.</summary>
        public double TorqueAtOpening { get; private set; }

        /// <summary>Motor torque magnitude at the event, N·m.</summary>
        public double TorqueBefore { get; } = Math.Abs(rig.Plant.Motor.TorqueNewtonMetres);

        public double VoltsAtOpening { get; private set; }

        /// <summary>Takes one step's readings; returns true once the link is open and discharged.</summary>
        public bool Step(VcuRig r)
        {
            var link = r.Plant.HighVoltage;
            if (Opened < 0)
            {
                if (link.IsConnected)
                {
                    TorqueAtOpening = Math.Abs(r.Plant.Motor.TorqueNewtonMetres);
                }
                else
                {
                    Opened = r.NowMicroseconds;
                    VoltsAtOpening = link.LinkVolts;
                }
            }

            if (Opened >= 0 && Discharged < 0 && link.LinkVolts < scenario.Criteria.SafeLinkVolts)
            {
                Discharged = r.NowMicroseconds;
            }

            if (DtcMicroseconds < 0 && scenario.DtcName != null && IsConfirmed(r, scenario.Dtc))
            {
                DtcMicroseconds = r.NowMicroseconds - Start;
            }

            return Opened >= 0 && Discharged >= 0;
        }
    }

    /// <summary>Samples the rig every trace interval and whenever a contact changes.</summary>
    private sealed class Recorder(VcuHvTrace trace)
    {
        private int lastContacts = -1;

        public void Record(VcuRig rig)
        {
            var link = rig.Plant.HighVoltage;
            int contacts = (link.IsClosed(HighVoltageContactor.Negative) ? 1 : 0) | (link.IsClosed(HighVoltageContactor.Precharge) ? 2 : 0) |
                           (link.IsClosed(HighVoltageContactor.Positive) ? 4 : 0);
            if (rig.NowMicroseconds % TraceIntervalMicroseconds != 0 && contacts == lastContacts)
            {
                return;
            }

            lastContacts = contacts;
            trace.TimeSeconds.Add(rig.NowMicroseconds / 1e6);
            trace.LinkVolts.Add(link.LinkVolts);
            trace.PackAmperes.Add(link.PackDischargeAmperes);
            trace.ChargerAmperes.Add(rig.Charger?.OutputAmperes ?? 0);
            trace.NegativeClosed.Add(contacts & 1);
            trace.PrechargeClosed.Add((contacts >> 1) & 1);
            trace.PositiveClosed.Add((contacts >> 2) & 1);
            trace.HvState.Add((int)rig.Core.HighVoltage.State);
            trace.MotorNewtonMetres.Add(rig.Plant.Motor.TorqueNewtonMetres);
        }
    }
}
