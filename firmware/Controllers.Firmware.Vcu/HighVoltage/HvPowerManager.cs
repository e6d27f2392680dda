using System;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Vcu.Inputs;

namespace Controllers.Firmware.Vcu.HighVoltage
{
    /// <summary>
    /// High-voltage power-on and power-off of the VCU: decides when the BMS may close the contactors, watches the
    /// precharge and the contactor feedback, shuts down on faults and discharges the DC link after every disconnect.
    /// </summary>
    /// <remarks>
    /// Retry policy: a failed precharge (timeout, too fast, or the BMS's PrechargeFailedFlag) is retried after
    /// <see cref="HvPowerSettings.PrechargeRetryDelayMicroseconds"/>, up to <see cref="HvPowerSettings.MaxPrechargeAttempts"/>
    /// attempts per key cycle. Every other fault (contactor mismatch or weld, HVIL, insulation, BMS fault level
    /// ContactorsOpening, BMS lost, discharge timeout) latches <see cref="HvPowerState.Fault"/> until key and charge plug
    /// are both off. A crash latches until the VCU restarts.
    /// </remarks>
    public sealed class HvPowerManager
    {
        private const int ContactorOpen = 0;
        private const int ContactorClosed = 1;
        private const int ContactorWelded = 2;
        private const int BmsStateConnected = 3;
        private const int BmsStateCharging = 4;
        private const int BmsStateFault = 5;
        private const int FaultLevelContactorsOpening = 3;
        private const int PrechargeFailedFlagMask = 1 << 10;
        private const int InsulationStateValid = 1;
        private const int RequestDisconnect = 0;
        private const int RequestConnect = 1;
        private const int RequestEmergencyOpen = 2;
        private const int MotorModeStandby = 0;
        private const int MotorModeActiveDischarge = 3;

        private readonly HvPowerSettings settings;
        private readonly DtcMemory dtcs;
        private readonly TimedQualifier hvilOpen;
        private readonly TimedQualifier insulationWarning;
        private readonly TimedQualifier insulationFault;

        private HvPowerState state;
        private HvShutdownReason reason;
        private long stateSinceMicroseconds;
        private long requestSinceMicroseconds;
        private long prechargeReachedMicroseconds = -1;
        private long mismatchSinceMicroseconds = -1;
        private long currentLowSinceMicroseconds = -1;
        private long retryAfterMicroseconds;
        private int prechargeAttempts;
        private bool latched;
        private bool crashLatched;
        private bool fastRampDown;
        private bool dischargeStopped;
        private bool activeDischargeRequested;
        private bool readyToDrive;
        private long lastConnectMicroseconds = -1;
        private long lastDischargeMicroseconds = -1;

        /// <summary>Creates the manager; <paramref name="settings"/> is validated.</summary>
        public HvPowerManager(HvPowerSettings settings, DtcMemory dtcs)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            if (dtcs == null)
            {
                throw new ArgumentNullException("dtcs");
            }

            settings.Validate();
            this.settings = settings;
            this.dtcs = dtcs;
            hvilOpen = new TimedQualifier(settings.HvilDebounceMicroseconds, settings.HvilDebounceMicroseconds);
            insulationWarning = new TimedQualifier(settings.InsulationDebounceMicroseconds, settings.InsulationDebounceMicroseconds);
            insulationFault = new TimedQualifier(settings.InsulationDebounceMicroseconds, settings.InsulationDebounceMicroseconds);
        }

        /// <summary>Current state.</summary>
        public HvPowerState State
        {
            get { return state; }
        }

        /// <summary>Cause of the last shutdown or failed connection.</summary>
        public HvShutdownReason LastShutdownReason
        {
            get { return reason; }
        }

        /// <summary>
        /// The contactors are closed for driving: key on, no charge plug, state <see cref="HvPowerState.Ready"/>. While
        /// false the torque path must ramp its command to zero; the contactors open only after the current has fallen.
        /// </summary>
        public bool IsReadyToDrive
        {
            get { return readyToDrive; }
        }

        /// <summary>MotorMode ActiveDischarge is requested from the inverter.</summary>
        public bool IsActiveDischargeRequested
        {
            get { return activeDischargeRequested; }
        }

        /// <summary>A crash or emergency shut-off was seen; it latches until the VCU restarts.</summary>
        public bool IsCrashLatched
        {
            get { return crashLatched; }
        }

        /// <summary>Precharge attempts in this key cycle.</summary>
        public int PrechargeAttempts
        {
            get { return prechargeAttempts; }
        }

        /// <summary>Time from the last successful Connect request to Ready, µs; -1 before the first.</summary>
        public long LastConnectMicroseconds
        {
            get { return lastConnectMicroseconds; }
        }

        /// <summary>Time from the start of the last completed active discharge to the link below the safe voltage, µs; -1 before.</summary>
        public long LastDischargeMicroseconds
        {
            get { return lastDischargeMicroseconds; }
        }

        /// <summary>
        /// Runs one cycle: reads the board inputs and the received signals and writes HvConnectRequest, ChargeModeRequest,
        /// CrashDetected, HvilClosed and, during active discharge, MotorMode into <paramref name="outputs"/>.
        /// </summary>
        public void Update(bool keyOn, bool chargePlugConnected, bool hvilClosed, bool crashSignal, bool supplyInRange,
            VehicleSignals signals, VcuOutputs outputs, long nowMicroseconds)
        {
            bool hvRequested = keyOn || chargePlugConnected;
            bool interlockOpen = hvilOpen.Update(!hvilClosed, nowMicroseconds);
            dtcs.ReportTestResult(VcuDtc.HvInterlockOpen, interlockOpen);
            bool insulationFailed = UpdateInsulation(signals, nowMicroseconds);

            if (crashSignal && !crashLatched)
            {
                crashLatched = true;
                dtcs.ReportTestResult(VcuDtc.HvCrashShutoff, true);
                reason = HvShutdownReason.Crash;
                latched = true;
                Enter(HvPowerState.Discharging, nowMicroseconds);
            }

            switch (state)
            {
                case HvPowerState.Standby:
                    RunStandby(hvRequested, hvilClosed && !interlockOpen, insulationFailed, supplyInRange, signals, nowMicroseconds);
                    break;
                case HvPowerState.Precharging:
                    RunPrecharging(hvRequested, interlockOpen, insulationFailed, signals, nowMicroseconds);
                    break;
                case HvPowerState.Ready:
                    RunReady(hvRequested, interlockOpen, insulationFailed, signals, nowMicroseconds);
                    break;
                case HvPowerState.RampingDown:
                    RunRampingDown(signals, nowMicroseconds);
                    break;
                case HvPowerState.Opening:
                    RunOpening(signals, nowMicroseconds);
                    break;
                case HvPowerState.Discharging:
                    RunDischarging(signals, nowMicroseconds);
                    break;
                default:
                    RunFault(hvRequested, nowMicroseconds);
                    break;
            }

            readyToDrive = state == HvPowerState.Ready && keyOn && !chargePlugConnected;
            WriteOutputs(chargePlugConnected, hvilClosed, outputs);
        }

        private void RunStandby(bool hvRequested, bool hvilClosed, bool insulationFailed, bool supplyInRange, VehicleSignals signals, long now)
        {
            if (!hvRequested)
            {
                // Key cycle: key and plug both off.
                prechargeAttempts = 0;
                retryAfterMicroseconds = now;
                return;
            }

            bool bmsReady = signals.BmsValid && signals.BmsState != BmsStateFault
                            && !(signals.BmsFaultValid && signals.BmsFaultLevel >= FaultLevelContactorsOpening);
            bool preconditions = hvilClosed && !insulationFailed && bmsReady && supplyInRange && signals.FeedbackValid;
            if (!preconditions || latched || now < retryAfterMicroseconds || prechargeAttempts >= settings.MaxPrechargeAttempts)
            {
                return;
            }

            prechargeAttempts++;
            requestSinceMicroseconds = now;
            prechargeReachedMicroseconds = -1;
            Enter(HvPowerState.Precharging, now);
        }

        private void RunPrecharging(bool hvRequested, bool interlockOpen, bool insulationFailed, VehicleSignals signals, long now)
        {
            if (!hvRequested)
            {
                reason = HvShutdownReason.KeyOff;
                Enter(HvPowerState.Opening, now);
                return;
            }

            if (CheckFaults(interlockOpen, insulationFailed, signals, now))
            {
                return;
            }

            if (signals.BmsFaultValid && (signals.BmsFaultFlags & PrechargeFailedFlagMask) != 0)
            {
                FailPrecharge(HvShutdownReason.BmsPrechargeFailed, VcuDtc.HvBmsPrechargeFailed, now);
                return;
            }

            long elapsed = now - requestSinceMicroseconds;
            bool linkKnown = signals.FeedbackValid && signals.BmsValid && signals.PackVolts > settings.SafeLinkVolts;
            bool reached = linkKnown && signals.DcLinkVolts >= settings.PrechargeTargetFraction * signals.PackVolts;
            if (reached && prechargeReachedMicroseconds < 0)
            {
                prechargeReachedMicroseconds = now;
                if (elapsed < settings.PrechargeMinimumMicroseconds)
                {
                    FailPrecharge(HvShutdownReason.PrechargeTooFast, VcuDtc.HvPrechargeTooFast, now);
                    return;
                }
            }

            if (prechargeReachedMicroseconds < 0)
            {
                if (elapsed > settings.PrechargeTimeoutMicroseconds)
                {
                    FailPrecharge(HvShutdownReason.PrechargeTimeout, VcuDtc.HvPrechargeTimeout, now);
                }

                return;
            }

            bool bmsConnected = signals.BmsState == BmsStateConnected || signals.BmsState == BmsStateCharging;
            bool mainClosed = signals.ContactorStatusValid && signals.MainPositiveContactor == ContactorClosed
                              && signals.MainNegativeContactor == ContactorClosed;
            if (bmsConnected && mainClosed)
            {
                dtcs.ReportTestResult(VcuDtc.HvPrechargeTimeout, false);
                dtcs.ReportTestResult(VcuDtc.HvPrechargeTooFast, false);
                dtcs.ReportTestResult(VcuDtc.HvBmsPrechargeFailed, false);
                dtcs.ReportTestResult(VcuDtc.HvContactorMismatch, false);
                lastConnectMicroseconds = elapsed;
                mismatchSinceMicroseconds = -1;
                Enter(HvPowerState.Ready, now);
            }
            else if (elapsed > settings.ConnectTimeoutMicroseconds)
            {
                dtcs.ReportTestResult(VcuDtc.HvContactorMismatch, true);
                StartFaultShutdown(HvShutdownReason.ContactorMismatch, true, now);
            }
        }

        private void RunReady(bool hvRequested, bool interlockOpen, bool insulationFailed, VehicleSignals signals, long now)
        {
            if (!hvRequested)
            {
                reason = HvShutdownReason.KeyOff;
                fastRampDown = false;
                currentLowSinceMicroseconds = -1;
                Enter(HvPowerState.RampingDown, now);
                return;
            }

            if (CheckFaults(interlockOpen, insulationFailed, signals, now))
            {
                return;
            }

            bool mismatch = signals.ContactorStatusValid && (signals.MainPositiveContactor != ContactorClosed
                                                             || signals.MainNegativeContactor != ContactorClosed);
            if (!mismatch)
            {
                mismatchSinceMicroseconds = -1;
                return;
            }

            if (mismatchSinceMicroseconds < 0)
            {
                mismatchSinceMicroseconds = now;
            }

            if (now - mismatchSinceMicroseconds > settings.ContactorMismatchMicroseconds)
            {
                dtcs.ReportTestResult(VcuDtc.HvContactorMismatch, true);
                StartFaultShutdown(HvShutdownReason.ContactorMismatch, true, now);
            }
        }

        /// <summary>Starts a shutdown for a fault seen while precharging or ready and returns true, or returns false.</summary>
        private bool CheckFaults(bool interlockOpen, bool insulationFailed, VehicleSignals signals, long now)
        {
            if (interlockOpen)
            {
                StartFaultShutdown(HvShutdownReason.HvilOpen, true, now);
                return true;
            }

            bool contactorsOpening = signals.BmsFaultValid && signals.BmsFaultLevel >= FaultLevelContactorsOpening;
            dtcs.ReportTestResult(VcuDtc.HvBmsContactorsOpening, contactorsOpening);
            if (contactorsOpening)
            {
                StartFaultShutdown(HvShutdownReason.BmsContactorsOpening, true, now);
                return true;
            }

            if (!signals.BmsValid)
            {
                StartFaultShutdown(HvShutdownReason.BmsLost, true, now);
                return true;
            }

            if (insulationFailed)
            {
                // An insulation fault is no short circuit: the vehicle slows under the normal ramp.
                StartFaultShutdown(HvShutdownReason.InsulationFault, false, now);
                return true;
            }

            return false;
        }

        private void RunRampingDown(VehicleSignals signals, long now)
        {
            // The current must stay low for a while, so that a torque command passing through zero on its way to
            // regeneration does not count.
            long timeout = fastRampDown ? settings.FastRampDownTimeoutMicroseconds : settings.RampDownTimeoutMicroseconds;
            bool currentLow = signals.BmsValid && Abs(signals.PackAmperes) < settings.BreakCurrentAmperes;
            if (!currentLow)
            {
                currentLowSinceMicroseconds = -1;
            }
            else if (currentLowSinceMicroseconds < 0)
            {
                currentLowSinceMicroseconds = now;
            }

            bool currentSettled = currentLow && now - currentLowSinceMicroseconds >= settings.ZeroCurrentConfirmMicroseconds;
            if (currentSettled || !signals.BmsValid || now - stateSinceMicroseconds >= timeout)
            {
                Enter(HvPowerState.Opening, now);
            }
        }

        private void RunOpening(VehicleSignals signals, long now)
        {
            if (signals.ContactorStatusValid)
            {
                bool welded = signals.MainPositiveContactor == ContactorWelded || signals.MainNegativeContactor == ContactorWelded;
                if (welded)
                {
                    ReportWeld();
                    Enter(HvPowerState.Discharging, now);
                    return;
                }

                if (signals.MainPositiveContactor == ContactorOpen && signals.MainNegativeContactor == ContactorOpen)
                {
                    Enter(HvPowerState.Discharging, now);
                    return;
                }
            }

            if (now - stateSinceMicroseconds > settings.OpenTimeoutMicroseconds)
            {
                dtcs.ReportTestResult(VcuDtc.HvContactorMismatch, true);
                latched = true;
                Enter(HvPowerState.Discharging, now);
            }
        }

        private void RunDischarging(VehicleSignals signals, long now)
        {
            long elapsed = now - stateSinceMicroseconds;
            if (signals.FeedbackValid && signals.DcLinkVolts < settings.SafeLinkVolts)
            {
                lastDischargeMicroseconds = elapsed;
                dtcs.ReportTestResult(VcuDtc.HvDischargeTimeout, false);
                FinishShutdown(now);
                return;
            }

            // NOTE: an inverter that ignores the discharge request also keeps the link near pack voltage, so it is
            // reported as a weld. The pack current during discharge (about 2 A when welded) could tell them apart.
            bool linkHeld = signals.FeedbackValid && signals.BmsValid
                            && signals.DcLinkVolts > settings.WeldCheckFraction * signals.PackVolts;
            if (elapsed >= settings.WeldCheckMicroseconds && linkHeld)
            {
                // Discharging a link the pack still feeds only heats the discharge resistor.
                ReportWeld();
                dischargeStopped = true;
                Enter(HvPowerState.Fault, now);
                return;
            }

            if (elapsed > settings.DischargeTimeoutMicroseconds)
            {
                dtcs.ReportTestResult(VcuDtc.HvDischargeTimeout, true);
                if (reason == HvShutdownReason.KeyOff || reason == HvShutdownReason.None)
                {
                    reason = HvShutdownReason.DischargeTimeout;
                }

                latched = true;
                dischargeStopped = true;
                Enter(HvPowerState.Fault, now);
            }
        }

        private void RunFault(bool hvRequested, long now)
        {
            if (!hvRequested && !crashLatched)
            {
                latched = false;
                prechargeAttempts = 0;
                retryAfterMicroseconds = now;
                Enter(HvPowerState.Standby, now);
            }
        }

        private void FailPrecharge(HvShutdownReason failure, uint dtc, long now)
        {
            dtcs.ReportTestResult(dtc, true);
            reason = failure;
            if (prechargeAttempts >= settings.MaxPrechargeAttempts)
            {
                latched = true;
            }

            retryAfterMicroseconds = now + settings.PrechargeRetryDelayMicroseconds;
            Enter(HvPowerState.Opening, now);
        }

        private void StartFaultShutdown(HvShutdownReason failure, bool fast, long now)
        {
            reason = failure;
            latched = true;
            fastRampDown = fast;
            currentLowSinceMicroseconds = -1;

            // While precharging no load current flows, so the contactors may open at once.
            Enter(state == HvPowerState.Ready ? HvPowerState.RampingDown : HvPowerState.Opening, now);
        }

        private void FinishShutdown(long now)
        {
            if (latched || crashLatched)
            {
                Enter(HvPowerState.Fault, now);
                return;
            }

            dtcs.ReportTestResult(VcuDtc.HvContactorWelded, false);
            Enter(HvPowerState.Standby, now);
        }

        private void ReportWeld()
        {
            dtcs.ReportTestResult(VcuDtc.HvContactorWelded, true);
            latched = true;
            if (reason != HvShutdownReason.Crash)
            {
                reason = HvShutdownReason.ContactorWelded;
            }
        }

        private bool UpdateInsulation(VehicleSignals signals, long now)
        {
            if (!signals.InsulationValid || signals.InsulationState != InsulationStateValid)
            {
                return insulationFault.IsActive;
            }

            float ohmsPerVolt = signals.InsulationKiloohms * 1000f / settings.MaxWorkingVolts;
            bool warning = insulationWarning.Update(ohmsPerVolt < settings.InsulationWarningOhmsPerVolt, now);
            bool fault = insulationFault.Update(ohmsPerVolt < settings.InsulationFaultOhmsPerVolt, now);
            dtcs.ReportTestResult(VcuDtc.HvInsulationWarning, warning);
            dtcs.ReportTestResult(VcuDtc.HvInsulationFault, fault);
            return fault;
        }

        private void WriteOutputs(bool chargePlugConnected, bool hvilClosed, VcuOutputs outputs)
        {
            if (crashLatched)
            {
                outputs.HvConnectRequest = RequestEmergencyOpen;
            }
            else if (state == HvPowerState.Precharging || state == HvPowerState.Ready || state == HvPowerState.RampingDown)
            {
                outputs.HvConnectRequest = RequestConnect;
            }
            else
            {
                outputs.HvConnectRequest = RequestDisconnect;
            }

            outputs.ChargeModeRequest = chargePlugConnected;
            outputs.CrashDetected = crashLatched;
            outputs.HvilClosed = hvilClosed;

            bool discharge = state == HvPowerState.Discharging && !dischargeStopped;
            if (discharge)
            {
                outputs.MotorMode = MotorModeActiveDischarge;
            }
            else if (activeDischargeRequested)
            {
                // Hand MotorMode back to the torque path in Standby; it writes its own value from the next period.
                outputs.MotorMode = MotorModeStandby;
            }

            activeDischargeRequested = discharge;
        }

        private void Enter(HvPowerState next, long now)
        {
            if (next == HvPowerState.Discharging)
            {
                dischargeStopped = false;
            }

            state = next;
            stateSinceMicroseconds = now;
        }

        private static float Abs(float value)
        {
            return value < 0f ? -value : value;
        }
    }
}
