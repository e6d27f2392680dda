using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Vcu.Energy
{
    /// <summary>
    /// Range-extender energy management: chooses a strategy, decides when the engine runs and how much
    /// electrical power the generator delivers, and runs the crank, warm-up, generate and shutdown sequence.
    /// </summary>
    /// <remarks>
    /// Power demand is the inverter's DC power (DcLinkVolts × DcLinkAmperes) while motor feedback is valid,
    /// otherwise the pack power plus the generator power. The power request stays within
    /// [max(0, filtered demand − BMS discharge limit), min(rated power, present request + BMS charge limit less
    /// a margin)].
    /// The present request is the drive's request before limits (<see cref="SetDriveRequest"/>), or the present
    /// demand when none was set: when the driver lifts off or brakes, the cap falls at once and the generator
    /// leaves the charge limit to regeneration, which costs no fuel. ECMS minimises
    /// J(P) = ṁ_fuel(P) + s(SOC) · (D − P) / Q_LHV over the candidate powers P, with D the demand and
    /// s(SOC) = s_target − k · (SOC − SOC_target), clamped to [s_min, s_max]: an adaptive equivalence
    /// factor with proportional SOC feedback, the A-ECMS adaptation law of the ASME Dynamic Systems and Control
    /// Conference 2010 paper on adaptive ECMS (DSCC2010, p. 499). The (D − P) term shifts all candidates by
    /// the same amount, so only −s · P / Q_LHV changes the choice. Stopping the engine costs no fuel.
    /// </remarks>
    public sealed class RangeExtenderManager
    {
        private readonly RangeExtenderSettings settings;

        private long lastUpdateMicroseconds = -1;
        private long stateEnteredMicroseconds;
        private long lastStartMicroseconds;
        private long lastStopMicroseconds;
        private bool hasStopped;
        private bool runRequest;
        private float driveRequestWatts;
        private bool driveRequestSet;
        private float filteredDemandWatts;
        private float rampedPowerWatts;

        /// <summary>Builds the manager; the settings are validated.</summary>
        public RangeExtenderManager(RangeExtenderSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            settings.Validate();
            this.settings = settings;
            EquivalenceFactor = settings.EquivalenceFactorAtTarget;
        }

        /// <summary>Calibration in use.</summary>
        public RangeExtenderSettings Settings
        {
            get { return settings; }
        }

        /// <summary>Strategy that ran in the last update.</summary>
        public EnergyStrategy ActiveStrategy { get; private set; }

        /// <summary>Current step of the engine sequence.</summary>
        public EngineSequenceState Sequence { get; private set; }

        /// <summary>Low-pass filtered power demand, W.</summary>
        public float FilteredDemandWatts
        {
            get { return filteredDemandWatts; }
        }

        /// <summary>
        /// Sets the electrical power that the drive requests before its limits, W, negative when the driver requests
        /// regeneration. The next <see cref="Update"/> caps the generator with it.
        /// </summary>
        public void SetDriveRequest(float watts)
        {
            driveRequestWatts = watts;
            driveRequestSet = true;
        }

        /// <summary>Power the strategy requested in the last update, before the ramp, W.</summary>
        public float TargetPowerWatts { get; private set; }

        /// <summary>Upper limit of the power request in the last update, W.</summary>
        public float MaxPowerWatts { get; private set; }

        /// <summary>ECMS equivalence factor of the last update.</summary>
        public float EquivalenceFactor { get; private set; }

        /// <summary>True while the strategy requests the engine to run.</summary>
        public bool RunRequest
        {
            get { return runRequest; }
        }

        /// <summary>True while a start is blocked: fuel empty, GCU fault or silent, or too many failed starts.</summary>
        public bool StartInhibited { get; private set; }

        /// <summary>Failed starts since construction or the last <see cref="ClearStartFailures"/>.</summary>
        public int StartFailureCount { get; private set; }

        /// <summary>Completed transitions from Off to Cranking.</summary>
        public int StartCount { get; private set; }

        /// <summary>Allows starts again after <see cref="RangeExtenderSettings.MaxStartAttempts"/> failed ones.</summary>
        public void ClearStartFailures()
        {
            StartFailureCount = 0;
        }

        /// <summary>Runs one update at <paramref name="nowMicroseconds"/>: reads <paramref name="signals"/>, writes the generator fields of <paramref name="outputs"/>.</summary>
        public void Update(long nowMicroseconds, VehicleSignals signals, VcuOutputs outputs)
        {
            bool first = lastUpdateMicroseconds < 0;
            float dtSeconds = first ? 0f : (nowMicroseconds - lastUpdateMicroseconds) * 1e-6f;
            lastUpdateMicroseconds = nowMicroseconds;

            // Read the demand and the limits; the filter starts from the first demand value.
            float demand = ReadDemandWatts(signals);
            if (first || settings.DemandFilterSeconds <= 0f)
            {
                filteredDemandWatts = demand;
            }
            else
            {
                float alpha = dtSeconds / (settings.DemandFilterSeconds + dtSeconds);
                filteredDemandWatts += alpha * (demand - filteredDemandWatts);
            }

            float soc = signals.PackSoc;
            float maxPower = settings.RatedPowerWatts;
            float minPower = 0f;
            if (signals.PowerLimitsValid)
            {
                float present = driveRequestSet ? driveRequestWatts : demand;
                float chargeLimit = signals.MaxChargePowerWatts * (1f - settings.ChargeLimitMarginFraction);
                maxPower = FloatMath.Min(maxPower, FloatMath.Max(0f, present + chargeLimit));
                minPower = FloatMath.Clamp(filteredDemandWatts - signals.MaxDischargePowerWatts, 0f, maxPower);
            }

            MaxPowerWatts = maxPower;
            StartInhibited = IsStartInhibited(signals);

            // Choose the strategy, its run request and its power.
            EnergyStrategy strategy = settings.Strategy == EnergyStrategy.Automatic ? SelectStrategy(soc, filteredDemandWatts) : settings.Strategy;
            ActiveStrategy = strategy;
            EquivalenceFactor = ComputeEquivalenceFactor(soc);
            bool requested = EvaluateRunRequest(strategy, soc, filteredDemandWatts, minPower, maxPower);
            runRequest = ApplyMinimumTimes(requested, soc, nowMicroseconds);
            TargetPowerWatts = ComputeTargetPower(strategy, soc, filteredDemandWatts, minPower, maxPower);

            // Advance the sequence and write the command.
            StepSequence(nowMicroseconds, signals);
            WriteOutputs(dtSeconds, signals, outputs, maxPower);
        }

        /// <summary>Selects the strategy for the SOC and the filtered demand (W).</summary>
        public EnergyStrategy SelectStrategy(float soc, float demandWatts)
        {
            if (soc < settings.SelectorLowSoc)
            {
                return EnergyStrategy.ConstantPowerPlusFollowing;
            }

            if (demandWatts >= settings.SelectorHighDemandWatts)
            {
                return EnergyStrategy.PowerFollowing;
            }

            return EnergyStrategy.Ecms;
        }

        /// <summary>Computes the ECMS equivalence factor s(SOC) = s_target − k · (SOC − SOC_target), clamped to its bounds.</summary>
        public float ComputeEquivalenceFactor(float soc)
        {
            float factor = settings.EquivalenceFactorAtTarget - settings.EquivalenceFactorGainPerUnitSoc * (soc - settings.TargetSoc);
            return FloatMath.Clamp(factor, settings.MinEquivalenceFactor, settings.MaxEquivalenceFactor);
        }

        /// <summary>Interpolates the fuel flow at electrical power <paramref name="powerWatts"/> on the operating line, g/s.</summary>
        public float GetFuelGramsPerSecond(float powerWatts)
        {
            return Interpolate(settings.OperatingLinePowersWatts, settings.OperatingLineFuelGramsPerSecond, powerWatts);
        }

        /// <summary>Interpolates the engine speed for electrical power <paramref name="powerWatts"/> on the operating line, rpm.</summary>
        public float GetSpeedRpm(float powerWatts)
        {
            return Interpolate(settings.OperatingLinePowersWatts, settings.OperatingLineSpeedsRpm, powerWatts);
        }

        /// <summary>
        /// Computes the ECMS cost ṁ_fuel(P) − s · P / Q_LHV of running at <paramref name="powerWatts"/>, g/s,
        /// leaving out the s · D / Q_LHV term that every candidate shares. Stopping the engine costs 0.
        /// </summary>
        public float ComputeEcmsCost(float powerWatts, float equivalenceFactor)
        {
            return GetFuelGramsPerSecond(powerWatts) - equivalenceFactor * powerWatts / settings.FuelLowerHeatingValueJoulesPerGram;
        }

        /// <summary>
        /// Returns the running power in [<paramref name="minPowerWatts"/>, <paramref name="maxPowerWatts"/>] with
        /// the lowest ECMS cost at equivalence factor <paramref name="equivalenceFactor"/>; sets
        /// <paramref name="stopIsCheaper"/> when stopping the engine costs less than every running candidate.
        /// Candidates are the bounds, the operating-line breakpoints between them and an even grid.
        /// </summary>
        public float SelectEcmsPower(float minPowerWatts, float maxPowerWatts, float equivalenceFactor, out bool stopIsCheaper)
        {
            float lower = FloatMath.Max(minPowerWatts, FloatMath.Min(settings.MinGeneratePowerWatts, maxPowerWatts));
            float upper = FloatMath.Max(lower, maxPowerWatts);
            float bestPower = lower;
            float bestCost = ComputeEcmsCost(lower, equivalenceFactor);

            int count = settings.EcmsCandidateCount;
            for (int i = 1; i <= count; i++)
            {
                float power = lower + (upper - lower) * i / count;
                float cost = ComputeEcmsCost(power, equivalenceFactor);
                if (cost < bestCost)
                {
                    bestCost = cost;
                    bestPower = power;
                }
            }

            float[] breakpoints = settings.OperatingLinePowersWatts;
            for (int i = 0; i < breakpoints.Length; i++)
            {
                float power = breakpoints[i];
                if (power < lower || power > upper)
                {
                    continue;
                }

                float cost = ComputeEcmsCost(power, equivalenceFactor);
                if (cost < bestCost)
                {
                    bestCost = cost;
                    bestPower = power;
                }
            }

            stopIsCheaper = minPowerWatts <= 0f && bestCost > 0f;
            return bestPower;
        }

        private float ReadDemandWatts(VehicleSignals signals)
        {
            if (signals.FeedbackValid)
            {
                return signals.DcLinkVolts * signals.DcLinkAmperes;
            }

            if (signals.BmsValid)
            {
                float generator = signals.GeneratorValid ? signals.GeneratorPowerWatts : 0f;
                return signals.PackVolts * signals.PackAmperes + generator;
            }

            return 0f;
        }

        private bool IsStartInhibited(VehicleSignals signals)
        {
            if (StartFailureCount >= settings.MaxStartAttempts)
            {
                return true;
            }

            if (!signals.GeneratorValid || signals.GeneratorState == 5)
            {
                return true;
            }

            if (signals.EngineStatusValid && (signals.EngineFaultCode != 0 || signals.FuelLevelPercent <= settings.MinFuelPercent))
            {
                return true;
            }

            return false;
        }

        private bool EvaluateRunRequest(EnergyStrategy strategy, float soc, float demandWatts, float minPower, float maxPower)
        {
            // Every strategy starts at or below the start SOC and when the pack alone cannot cover the demand.
            if (soc <= settings.StartSoc || minPower > 0f)
            {
                return true;
            }

            switch (strategy)
            {
                case EnergyStrategy.ConstantPower:
                    return soc < settings.StopSoc && runRequest;

                case EnergyStrategy.PowerFollowing:
                case EnergyStrategy.ConstantPowerPlusFollowing:
                    if (soc >= settings.StopSoc)
                    {
                        return false;
                    }

                    if (demandWatts >= settings.FollowingStartDemandWatts)
                    {
                        return true;
                    }

                    return runRequest && (demandWatts >= settings.FollowingStopDemandWatts || soc < settings.TargetSoc);

                default:
                    if (soc >= settings.StopSoc)
                    {
                        return false;
                    }

                    bool stopIsCheaper;
                    SelectEcmsPower(minPower, maxPower, ComputeEquivalenceFactor(soc), out stopIsCheaper);
                    return !stopIsCheaper;
            }
        }

        private bool ApplyMinimumTimes(bool requested, float soc, long nowMicroseconds)
        {
            bool running = Sequence != EngineSequenceState.Off;
            if (requested && !running && hasStopped)
            {
                // A start inside the minimum off time waits unless the SOC reached the protection limit.
                bool offLongEnough = nowMicroseconds - lastStopMicroseconds >= ToMicroseconds(settings.MinOffSeconds);
                return offLongEnough || soc <= settings.ProtectionSoc;
            }

            if (!requested && running && Sequence != EngineSequenceState.ShuttingDown)
            {
                return nowMicroseconds - lastStartMicroseconds < ToMicroseconds(settings.MinOnSeconds);
            }

            return requested;
        }

        private float ComputeTargetPower(EnergyStrategy strategy, float soc, float demandWatts, float minPower, float maxPower)
        {
            float target;
            switch (strategy)
            {
                case EnergyStrategy.ConstantPower:
                    target = settings.BestEfficiencyPowerWatts;
                    break;

                case EnergyStrategy.PowerFollowing:
                    target = demandWatts + settings.SocCorrectionWattsPerUnitSoc * (settings.TargetSoc - soc);
                    break;

                case EnergyStrategy.ConstantPowerPlusFollowing:
                    target = FloatMath.Max(settings.BestEfficiencyPowerWatts,
                        demandWatts + settings.SocCorrectionWattsPerUnitSoc * (settings.TargetSoc - soc));
                    break;

                default:
                    bool stopIsCheaper;
                    target = SelectEcmsPower(minPower, maxPower, EquivalenceFactor, out stopIsCheaper);
                    break;
            }

            float lower = FloatMath.Max(minPower, FloatMath.Min(settings.MinGeneratePowerWatts, maxPower));
            return FloatMath.Clamp(target, lower, FloatMath.Max(lower, maxPower));
        }

        private void StepSequence(long nowMicroseconds, VehicleSignals signals)
        {
            long inState = nowMicroseconds - stateEnteredMicroseconds;
            switch (Sequence)
            {
                case EngineSequenceState.Off:
                    if (runRequest && !StartInhibited)
                    {
                        lastStartMicroseconds = nowMicroseconds;
                        StartCount++;
                        Enter(EngineSequenceState.Cranking, nowMicroseconds);
                    }

                    return;

                case EngineSequenceState.Cranking:
                    if (!runRequest || (StartInhibited && StartFailureCount < settings.MaxStartAttempts))
                    {
                        Enter(EngineSequenceState.ShuttingDown, nowMicroseconds);
                        return;
                    }

                    if (signals.GeneratorState == 2 || signals.GeneratorState == 3)
                    {
                        Enter(EngineSequenceState.WarmUp, nowMicroseconds);
                        return;
                    }

                    if (inState >= ToMicroseconds(settings.CrankTimeoutSeconds))
                    {
                        StartFailureCount++;
                        Enter(EngineSequenceState.ShuttingDown, nowMicroseconds);
                    }

                    return;

                case EngineSequenceState.WarmUp:
                    if (!runRequest || StartInhibited)
                    {
                        Enter(EngineSequenceState.ShuttingDown, nowMicroseconds);
                        return;
                    }

                    bool warm = signals.EngineStatusValid && signals.EngineCoolantCelsius >= settings.WarmUpCoolantCelsius;
                    if (warm || inState >= ToMicroseconds(settings.WarmUpSeconds))
                    {
                        rampedPowerWatts = 0f;
                        Enter(EngineSequenceState.Generating, nowMicroseconds);
                    }

                    return;

                case EngineSequenceState.Generating:
                    if (!runRequest || StartInhibited)
                    {
                        Enter(EngineSequenceState.ShuttingDown, nowMicroseconds);
                    }

                    return;

                default:
                    bool reportsOff = signals.GeneratorValid && signals.GeneratorState == 0;
                    if (reportsOff || inState >= ToMicroseconds(settings.ShutdownTimeoutSeconds))
                    {
                        lastStopMicroseconds = nowMicroseconds;
                        hasStopped = true;
                        Enter(EngineSequenceState.Off, nowMicroseconds);
                    }

                    return;
            }
        }

        private void WriteOutputs(float dtSeconds, VehicleSignals signals, VcuOutputs outputs, float maxPower)
        {
            float volts = signals.FeedbackValid && signals.DcLinkVolts > 1f ? signals.DcLinkVolts : signals.PackVolts;
            outputs.GeneratorMaxDcAmperes = volts > 1f ? maxPower / volts : 0f;

            switch (Sequence)
            {
                case EngineSequenceState.Cranking:
                    outputs.GeneratorMode = 1;
                    outputs.GeneratorPowerRequestWatts = 0f;
                    outputs.GeneratorSpeedRequestRpm = settings.IdleSpeedRpm;
                    rampedPowerWatts = 0f;
                    return;

                case EngineSequenceState.WarmUp:
                    outputs.GeneratorMode = 2;
                    outputs.GeneratorPowerRequestWatts = 0f;
                    outputs.GeneratorSpeedRequestRpm = settings.IdleSpeedRpm;
                    rampedPowerWatts = 0f;
                    return;

                case EngineSequenceState.Generating:
                    float step = settings.PowerRampWattsPerSecond * dtSeconds;
                    rampedPowerWatts = FloatMath.Clamp(TargetPowerWatts, rampedPowerWatts - step, rampedPowerWatts + step);
                    rampedPowerWatts = FloatMath.Min(rampedPowerWatts, maxPower);
                    outputs.GeneratorMode = 3;
                    outputs.GeneratorPowerRequestWatts = rampedPowerWatts;
                    outputs.GeneratorSpeedRequestRpm = GetSpeedRpm(rampedPowerWatts);
                    return;

                case EngineSequenceState.ShuttingDown:
                    outputs.GeneratorMode = 4;
                    outputs.GeneratorPowerRequestWatts = 0f;
                    outputs.GeneratorSpeedRequestRpm = 0f;
                    rampedPowerWatts = 0f;
                    return;

                default:
                    outputs.GeneratorMode = 0;
                    outputs.GeneratorPowerRequestWatts = 0f;
                    outputs.GeneratorSpeedRequestRpm = 0f;
                    rampedPowerWatts = 0f;
                    return;
            }
        }

        private void Enter(EngineSequenceState state, long nowMicroseconds)
        {
            Sequence = state;
            stateEnteredMicroseconds = nowMicroseconds;
        }

        // Whole microseconds, so that time thresholds compare exactly in simulated time.
        private static long ToMicroseconds(float seconds)
        {
            return (long)(seconds * 1000f + 0.5f) * 1000L;
        }

        private static float Interpolate(float[] xs, float[] ys, float x)
        {
            if (x <= xs[0])
            {
                return ys[0];
            }

            int last = xs.Length - 1;
            if (x >= xs[last])
            {
                return ys[last];
            }

            int i = 0;
            while (x > xs[i + 1])
            {
                i++;
            }

            float fraction = (x - xs[i]) / (xs[i + 1] - xs[i]);
            return ys[i] + fraction * (ys[i + 1] - ys[i]);
        }
    }
}
