using System;
using Controllers.Firmware.Common.Hal;
using Controllers.Firmware.Common.Numerics;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Insulation
{
    /// <summary>
    /// Insulation monitor with a switched unbalanced bridge, run from a periodic executive task (100 ms).
    /// Each cycle closes the positive bridge, waits for the pole voltages to settle, closes the negative
    /// bridge instead, waits again, opens both and computes each pole's insulation resistance with
    /// <see cref="InsulationBridgeSolver"/>. Results are rated in Ω/V of the pack voltage against a warning
    /// and a fault threshold with debounce. <see cref="Run"/> never blocks and allocates nothing.
    /// </summary>
    public sealed class InsulationMonitor : IPeriodicTask
    {
        private const int PhaseStart = 0;
        private const int PhasePositiveClosed = 1;
        private const int PhaseNegativeClosed = 2;
        private const int PhaseIdle = 3;

        private readonly IInsulationBridge bridge;
        private readonly InsulationBridgeSolver solver;
        private readonly InsulationSettleDetector detector;
        private readonly long stateTimeoutMicroseconds;
        private readonly long idleMicroseconds;
        private readonly float minimumPackVolts;
        private readonly float voltageSumToleranceFraction;
        private readonly float warningOhmsPerVolt;
        private readonly float faultOhmsPerVolt;
        private readonly int alarmDebounceResults;
        private readonly int recoveryDebounceResults;
        private readonly float recoveryFactor;
        private readonly float slowestTimeConstantSeconds;
        private readonly float nominalPositiveBridgeOhms;
        private readonly float nominalNegativeBridgeOhms;
        private readonly float nominalPositiveMeasurementOhms;
        private readonly float nominalNegativeMeasurementOhms;

        private int phase = PhaseStart;
        private long phaseStartedMicroseconds;
        private float state1PositiveVolts;
        private float state1NegativeVolts;
        private float state1PackVolts;
        private bool state1Predicted;

        private float positiveChannelGain = 1f;
        private float negativeChannelGain = 1f;
        private long settledCycles;
        private float rawState1PackVolts;
        private float rawState1PositiveVolts;
        private float rawState1NegativeVolts;
        private float rawState2PackVolts;
        private float rawState2PositiveVolts;
        private float rawState2NegativeVolts;

        private bool resultValid;
        private InsulationMeasurementError lastError = InsulationMeasurementError.NotMeasured;
        private long resultTimestampMicroseconds;
        private float positiveOhms;
        private float negativeOhms;
        private InsulationPoleStatus positiveStatus;
        private InsulationPoleStatus negativeStatus;
        private float insulationOhms;
        private float packVolts;
        private float ohmsPerVolt;
        private bool resultPredicted;
        private long completedCycles;
        private long failedCycles;

        private int belowWarningCount;
        private int belowFaultCount;
        private int aboveWarningCount;
        private int aboveFaultCount;
        private bool warningActive;
        private bool faultActive;

        /// <summary>Creates the monitor; validates <paramref name="settings"/> and copies its values.</summary>
        public InsulationMonitor(IInsulationBridge bridge, InsulationMonitorSettings settings)
        {
            if (bridge == null)
            {
                throw new ArgumentException("An insulation bridge is required.", "bridge");
            }

            if (settings == null)
            {
                throw new ArgumentException("Insulation monitor settings are required.", "settings");
            }

            settings.Validate();
            this.bridge = bridge;
            solver = new InsulationBridgeSolver(settings);
            nominalPositiveBridgeOhms = settings.PositiveBridgeOhms;
            nominalNegativeBridgeOhms = settings.NegativeBridgeOhms;
            nominalPositiveMeasurementOhms = settings.PositiveMeasurementOhms;
            nominalNegativeMeasurementOhms = settings.NegativeMeasurementOhms;

            // Slowest possible decay: largest Y capacitance on both poles discharging through the smallest
            // conductance to chassis, which is one bridge resistor plus both dividers with open insulation.
            float smallestBridgeSiemens = FloatMath.Min(1f / settings.PositiveBridgeOhms, 1f / settings.NegativeBridgeOhms);
            float smallestSiemens = smallestBridgeSiemens + 1f / settings.PositiveMeasurementOhms + 1f / settings.NegativeMeasurementOhms;
            slowestTimeConstantSeconds = 2f * settings.MaximumYCapacitanceFarads / smallestSiemens;
            detector = new InsulationSettleDetector(settings, slowestTimeConstantSeconds);

            stateTimeoutMicroseconds = settings.StateTimeoutMilliseconds * 1000L;
            idleMicroseconds = settings.IdleMilliseconds * 1000L;
            minimumPackVolts = settings.MinimumPackVolts;
            voltageSumToleranceFraction = settings.VoltageSumToleranceFraction;
            warningOhmsPerVolt = settings.WarningOhmsPerVolt;
            faultOhmsPerVolt = settings.FaultOhmsPerVolt;
            alarmDebounceResults = settings.AlarmDebounceResults;
            recoveryDebounceResults = settings.RecoveryDebounceResults;
            recoveryFactor = 1f + settings.RecoveryHysteresisFraction;
            positiveOhms = float.NaN;
            negativeOhms = float.NaN;
            insulationOhms = float.NaN;
            ohmsPerVolt = float.NaN;
        }

        /// <summary>Nominal positive bridge resistance from the settings, in ohms.</summary>
        public float NominalPositiveBridgeOhms
        {
            get { return nominalPositiveBridgeOhms; }
        }

        /// <summary>Nominal negative bridge resistance from the settings, in ohms.</summary>
        public float NominalNegativeBridgeOhms
        {
            get { return nominalNegativeBridgeOhms; }
        }

        /// <summary>Nominal positive measurement divider resistance from the settings, in ohms.</summary>
        public float NominalPositiveMeasurementOhms
        {
            get { return nominalPositiveMeasurementOhms; }
        }

        /// <summary>Nominal negative measurement divider resistance from the settings, in ohms.</summary>
        public float NominalNegativeMeasurementOhms
        {
            get { return nominalNegativeMeasurementOhms; }
        }

        /// <summary>
        /// Cycles in which both bridge states settled with consistent voltages, counted from start. The raw
        /// state voltages below belong to the latest of them.
        /// </summary>
        public long SettledCycles
        {
            get { return settledCycles; }
        }

        /// <summary>Pack voltage at the end of bridge state 1 (positive bridge closed) of the latest settled cycle, in volts.</summary>
        public float RawState1PackVolts
        {
            get { return rawState1PackVolts; }
        }

        /// <summary>Settled positive pole voltage of state 1 before the channel gain correction, in volts.</summary>
        public float RawState1PositiveVolts
        {
            get { return rawState1PositiveVolts; }
        }

        /// <summary>Settled negative pole voltage of state 1 before the channel gain correction, in volts.</summary>
        public float RawState1NegativeVolts
        {
            get { return rawState1NegativeVolts; }
        }

        /// <summary>Pack voltage at the end of bridge state 2 (negative bridge closed) of the latest settled cycle, in volts.</summary>
        public float RawState2PackVolts
        {
            get { return rawState2PackVolts; }
        }

        /// <summary>Settled positive pole voltage of state 2 before the channel gain correction, in volts.</summary>
        public float RawState2PositiveVolts
        {
            get { return rawState2PositiveVolts; }
        }

        /// <summary>Settled negative pole voltage of state 2 before the channel gain correction, in volts.</summary>
        public float RawState2NegativeVolts
        {
            get { return rawState2NegativeVolts; }
        }

        /// <summary>
        /// Puts calibrated circuit values in use: the effective bridge and divider resistances in ohms, and the
        /// gain factors that multiply the positive and negative pole voltage readings. The next solved cycle
        /// uses them, also when the present cycle has already passed state 1. Allocates nothing.
        /// </summary>
        public void SetCalibration(float positiveBridgeOhms, float negativeBridgeOhms, float positiveMeasurementOhms,
            float negativeMeasurementOhms, float positiveGain, float negativeGain)
        {
            if (!(positiveGain > 0f) || !(negativeGain > 0f) || !FloatMath.IsFinite(positiveGain) || !FloatMath.IsFinite(negativeGain))
            {
                throw new ArgumentException("Channel gains must be positive and finite.", "positiveGain");
            }

            solver.SetResistances(positiveBridgeOhms, negativeBridgeOhms, positiveMeasurementOhms, negativeMeasurementOhms);
            positiveChannelGain = positiveGain;
            negativeChannelGain = negativeGain;
        }

        /// <summary>Slowest settling time constant the settle check allows for, in seconds (τ_max).</summary>
        public float SlowestTimeConstantSeconds
        {
            get { return slowestTimeConstantSeconds; }
        }

        /// <summary>True when the latest cycle produced a result, and false before the first and after a failed cycle.</summary>
        public bool IsResultValid
        {
            get { return resultValid; }
        }

        /// <summary>Why the latest cycle failed, or <see cref="InsulationMeasurementError.None"/>.</summary>
        public InsulationMeasurementError LastError
        {
            get { return lastError; }
        }

        /// <summary>Time of the latest valid result, in microseconds of the executive clock.</summary>
        public long ResultTimestampMicroseconds
        {
            get { return resultTimestampMicroseconds; }
        }

        /// <summary>Positive pole to chassis insulation of the latest valid result, in ohms (see <see cref="PositiveStatus"/>).</summary>
        public float PositiveOhms
        {
            get { return positiveOhms; }
        }

        /// <summary>Chassis to negative pole insulation of the latest valid result, in ohms (see <see cref="NegativeStatus"/>).</summary>
        public float NegativeOhms
        {
            get { return negativeOhms; }
        }

        /// <summary>How <see cref="PositiveOhms"/> was determined.</summary>
        public InsulationPoleStatus PositiveStatus
        {
            get { return positiveStatus; }
        }

        /// <summary>How <see cref="NegativeOhms"/> was determined.</summary>
        public InsulationPoleStatus NegativeStatus
        {
            get { return negativeStatus; }
        }

        /// <summary>
        /// Insulation of the system: the lower of the two poles in ohms, 0 when a pole is shorted, the range
        /// maximum when both are above range.
        /// </summary>
        public float InsulationOhms
        {
            get { return insulationOhms; }
        }

        /// <summary>Mean pack voltage of the two bridge states of the latest valid result, in volts.</summary>
        public float PackVolts
        {
            get { return packVolts; }
        }

        /// <summary><see cref="InsulationOhms"/> divided by <see cref="PackVolts"/>, in Ω/V.</summary>
        public float OhmsPerVolt
        {
            get { return ohmsPerVolt; }
        }

        /// <summary>True when the latest result used the three-sample prediction in at least one bridge state.</summary>
        public bool ResultPredicted
        {
            get { return resultPredicted; }
        }

        /// <summary>Debounced alarm level.</summary>
        public InsulationAlarmLevel AlarmLevel
        {
            get
            {
                if (faultActive)
                {
                    return InsulationAlarmLevel.Fault;
                }

                return warningActive ? InsulationAlarmLevel.Warning : InsulationAlarmLevel.None;
            }
        }

        /// <summary>Cycles that produced a valid result.</summary>
        public long CompletedCycles
        {
            get { return completedCycles; }
        }

        /// <summary>Cycles that failed (see <see cref="LastError"/>).</summary>
        public long FailedCycles
        {
            get { return failedCycles; }
        }

        /// <inheritdoc />
        public void Run(long nowMicroseconds)
        {
            if (phase == PhaseStart)
            {
                RunStart(nowMicroseconds);
                return;
            }

            if (phase == PhaseIdle)
            {
                if (nowMicroseconds - phaseStartedMicroseconds >= idleMicroseconds)
                {
                    RunStart(nowMicroseconds);
                }

                return;
            }

            RunBridgeState(nowMicroseconds);
        }

        private void RunStart(long nowMicroseconds)
        {
            float pack;
            float positive;
            float negative;
            if (!bridge.TryReadVoltages(out pack, out positive, out negative))
            {
                return;
            }

            if (!(pack >= minimumPackVolts))
            {
                Fail(nowMicroseconds, InsulationMeasurementError.PackVoltageTooLow);
                return;
            }

            bridge.SetSwitches(true, false);
            EnterPhase(PhasePositiveClosed, nowMicroseconds);
        }

        private void RunBridgeState(long nowMicroseconds)
        {
            if (nowMicroseconds - phaseStartedMicroseconds > stateTimeoutMicroseconds)
            {
                Fail(nowMicroseconds, InsulationMeasurementError.SettleTimeout);
                return;
            }

            float pack;
            float positive;
            float negative;
            if (!bridge.TryReadVoltages(out pack, out positive, out negative))
            {
                return;
            }

            if (!(pack >= minimumPackVolts))
            {
                Fail(nowMicroseconds, InsulationMeasurementError.PackVoltageTooLow);
                return;
            }

            if (!detector.AddReading(nowMicroseconds, pack, positive, negative))
            {
                return;
            }

            // The state voltages are kept uncorrected, so a calibration written between the states applies to both.
            float settledPositive = detector.SettledPositiveVolts;
            float settledNegative = detector.SettledNegativeVolts;
            if (FloatMath.Abs(positiveChannelGain * settledPositive + negativeChannelGain * settledNegative - pack) > voltageSumToleranceFraction * pack)
            {
                Fail(nowMicroseconds, InsulationMeasurementError.InconsistentVoltages);
                return;
            }

            if (phase == PhasePositiveClosed)
            {
                state1PositiveVolts = settledPositive;
                state1NegativeVolts = settledNegative;
                state1PackVolts = pack;
                state1Predicted = detector.Predicted;
                bridge.SetSwitches(false, true);
                EnterPhase(PhaseNegativeClosed, nowMicroseconds);
                return;
            }

            bridge.SetSwitches(false, false);
            RecordRawCycle(pack, settledPositive, settledNegative);
            if (!solver.Solve(positiveChannelGain * state1PositiveVolts, negativeChannelGain * state1NegativeVolts,
                positiveChannelGain * settledPositive, negativeChannelGain * settledNegative))
            {
                Fail(nowMicroseconds, InsulationMeasurementError.Indeterminate);
                return;
            }

            Publish(nowMicroseconds, 0.5f * (state1PackVolts + pack), state1Predicted || detector.Predicted);
            EnterPhase(PhaseIdle, nowMicroseconds);
        }

        private void RecordRawCycle(float state2Pack, float state2Positive, float state2Negative)
        {
            rawState1PackVolts = state1PackVolts;
            rawState1PositiveVolts = state1PositiveVolts;
            rawState1NegativeVolts = state1NegativeVolts;
            rawState2PackVolts = state2Pack;
            rawState2PositiveVolts = state2Positive;
            rawState2NegativeVolts = state2Negative;
            settledCycles++;
        }

        private void Publish(long nowMicroseconds, float meanPackVolts, bool predicted)
        {
            positiveOhms = solver.PositiveOhms;
            negativeOhms = solver.NegativeOhms;
            positiveStatus = solver.PositiveStatus;
            negativeStatus = solver.NegativeStatus;

            // NaN marks a pole that is not measurable. The other pole is then shorted and gives 0.
            if (positiveStatus == InsulationPoleStatus.NotMeasurable)
            {
                insulationOhms = negativeOhms;
            }
            else if (negativeStatus == InsulationPoleStatus.NotMeasurable)
            {
                insulationOhms = positiveOhms;
            }
            else
            {
                insulationOhms = FloatMath.Min(positiveOhms, negativeOhms);
            }

            packVolts = meanPackVolts;
            ohmsPerVolt = insulationOhms / meanPackVolts;
            resultPredicted = predicted;
            resultTimestampMicroseconds = nowMicroseconds;
            resultValid = true;
            lastError = InsulationMeasurementError.None;
            completedCycles++;

            UpdateAlarms();
        }

        private void UpdateAlarms()
        {
            UpdateCounters(ohmsPerVolt < warningOhmsPerVolt, ohmsPerVolt > warningOhmsPerVolt * recoveryFactor, ref belowWarningCount, ref aboveWarningCount);
            UpdateCounters(ohmsPerVolt < faultOhmsPerVolt, ohmsPerVolt > faultOhmsPerVolt * recoveryFactor, ref belowFaultCount, ref aboveFaultCount);

            warningActive = Debounce(warningActive, belowWarningCount, aboveWarningCount);
            faultActive = Debounce(faultActive, belowFaultCount, aboveFaultCount);
        }

        private static void UpdateCounters(bool below, bool recovered, ref int belowCount, ref int recoveredCount)
        {
            belowCount = below ? belowCount + 1 : 0;
            recoveredCount = recovered ? recoveredCount + 1 : 0;
        }

        private bool Debounce(bool active, int belowCount, int recoveredCount)
        {
            if (!active)
            {
                return belowCount >= alarmDebounceResults;
            }

            return recoveredCount < recoveryDebounceResults;
        }

        private void Fail(long nowMicroseconds, InsulationMeasurementError error)
        {
            bridge.SetSwitches(false, false);
            resultValid = false;
            lastError = error;
            failedCycles++;
            EnterPhase(PhaseIdle, nowMicroseconds);
        }

        private void EnterPhase(int nextPhase, long nowMicroseconds)
        {
            phase = nextPhase;
            phaseStartedMicroseconds = nowMicroseconds;
            detector.Restart(nowMicroseconds);
        }
    }
}
