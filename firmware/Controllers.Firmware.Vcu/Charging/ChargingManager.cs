using System;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Numerics;
using Controllers.Firmware.Vcu.Faults;

namespace Controllers.Firmware.Vcu.Charging
{
    /// <summary>
    /// Charging management. A connected plug inhibits driving. The manager waits for the on-board charger
    /// (valid OBC_Status with mains present) and the BMS, sets <see cref="VcuOutputs.ChargeModeRequest"/> so
    /// that HV power management closes the contactors, and once both main contactors report closed enables the
    /// charger. The charger regulates its output at the pack voltage request (series cells × cell limit). The
    /// current request is the constant current, capped by the BMS charge current limit, and falls linearly to
    /// zero as the highest cell voltage rises through the taper window. Charge ends when the charger's current
    /// stays below the termination current. Faults stop the charge with a DTC until the plug is removed.
    /// Mains loss pauses the charge without a DTC.
    /// </summary>
    public sealed class ChargingManager
    {
        private bool hvRequested;
        // Raw DBC values: ContactorState Closed, ChargerState Fault, FaultLevel ContactorsOpening.
        private const int ContactorClosed = 1;
        private const int ChargerStateFault = 4;
        private const int BmsFaultContactorsOpening = 3;

        private readonly ChargingSettings settings;
        private readonly VehicleSignals signals;
        private readonly VcuOutputs outputs;
        private readonly DtcMemory dtcs;
        private readonly float voltageRequestVolts;
        private FaultReactionManager? faultReactions;
        private ChargingState state;
        private ChargeStopReason stopReason;
        private long stateEnteredMicroseconds;
        private long belowTerminationSinceMicroseconds = -1;

        /// <summary>Creates the manager; it writes the charger and charge mode fields of <paramref name="outputs"/>.</summary>
        public ChargingManager(ChargingSettings settings, VehicleSignals signals, VcuOutputs outputs, DtcMemory dtcs)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            if (signals == null)
            {
                throw new ArgumentNullException("signals");
            }

            if (outputs == null)
            {
                throw new ArgumentNullException("outputs");
            }

            if (dtcs == null)
            {
                throw new ArgumentNullException("dtcs");
            }

            settings.Validate();
            this.settings = settings;
            this.signals = signals;
            this.outputs = outputs;
            this.dtcs = dtcs;
            voltageRequestVolts = settings.SeriesCells * settings.CellVoltageLimitVolts;
        }

        /// <summary>Current state of the charging sequence.</summary>
        public ChargingState State
        {
            get { return state; }
        }

        /// <summary>Why the latest charge stopped; <see cref="ChargeStopReason.None"/> while none has.</summary>
        public ChargeStopReason StopReason
        {
            get { return stopReason; }
        }

        /// <summary>True while the charge plug is connected: the torque path must not drive.</summary>
        public bool DriveInhibited
        {
            get { return state != ChargingState.Unplugged; }
        }

        /// <summary>Pack voltage the charger is asked to regulate at, V.</summary>
        public float VoltageRequestVolts
        {
            get { return voltageRequestVolts; }
        }

        /// <summary>Fault reactions whose HV shutdown request stops charging; null ignores them.</summary>
        public FaultReactionManager? FaultReactions
        {
            get { return faultReactions; }
            set { faultReactions = value; }
        }

        /// <summary>
        /// True while charging wants the HV bus connected in charge mode. High-voltage power management reads it and
        /// sets VCU_HvRequest's ChargeModeRequest.
        /// </summary>
        public bool HvRequested
        {
            get { return hvRequested; }
        }

        /// <summary>
        /// Runs one step with the plug state <paramref name="plugConnected"/> at <paramref name="nowMicroseconds"/>
        /// and writes the requests to the outputs. Does not allocate.
        /// </summary>
        public void Update(bool plugConnected, long nowMicroseconds)
        {
            if (!plugConnected)
            {
                Enter(ChargingState.Unplugged, nowMicroseconds);
                WriteOutputs(false, false, 0f);
                return;
            }

            switch (state)
            {
                case ChargingState.Unplugged:
                    stopReason = ChargeStopReason.None;
                    Enter(ChargingState.WaitingForCharger, nowMicroseconds);
                    WaitForCharger(nowMicroseconds);
                    break;
                case ChargingState.WaitingForCharger:
                    WaitForCharger(nowMicroseconds);
                    break;
                case ChargingState.ConnectingHv:
                    ConnectHv(nowMicroseconds);
                    break;
                case ChargingState.Charging:
                    Charge(nowMicroseconds);
                    break;
                default:
                    // Complete and Stopped hold until the plug is removed.
                    WriteOutputs(false, false, 0f);
                    break;
            }
        }

        private void WaitForCharger(long now)
        {
            WriteOutputs(false, false, 0f);
            if (!signals.ChargerValid)
            {
                if (now - stateEnteredMicroseconds >= settings.ChargerWaitTimeoutMicroseconds)
                {
                    Stop(ChargeStopReason.ChargerTimeout, VcuDtc.ChargerTimeout, now);
                }

                return;
            }

            if (CheckFaults(now))
            {
                return;
            }

            if (signals.AcInputPresent && signals.BmsValid)
            {
                Enter(ChargingState.ConnectingHv, now);
                WriteOutputs(true, false, 0f);
            }
        }

        private void ConnectHv(long now)
        {
            WriteOutputs(true, false, 0f);
            if (CheckFaults(now))
            {
                return;
            }

            if (!signals.AcInputPresent)
            {
                Enter(ChargingState.WaitingForCharger, now);
                WriteOutputs(false, false, 0f);
                return;
            }

            bool closed = signals.ContactorStatusValid && signals.MainPositiveContactor == ContactorClosed &&
                          signals.MainNegativeContactor == ContactorClosed;
            if (closed)
            {
                Enter(ChargingState.Charging, now);
                belowTerminationSinceMicroseconds = -1;
                Charge(now);
                return;
            }

            if (now - stateEnteredMicroseconds >= settings.HvConnectTimeoutMicroseconds)
            {
                Stop(ChargeStopReason.HvConnectTimeout, VcuDtc.ChargeHvConnectTimeout, now);
            }
        }

        private void Charge(long now)
        {
            if (CheckFaults(now))
            {
                return;
            }

            bool contactorsClosed = signals.ContactorStatusValid && signals.MainPositiveContactor == ContactorClosed &&
                                    signals.MainNegativeContactor == ContactorClosed;
            if (!signals.AcInputPresent || !contactorsClosed)
            {
                // Mains loss or contactors opened by someone else: pause and start the handshake again.
                Enter(ChargingState.WaitingForCharger, now);
                WriteOutputs(false, false, 0f);
                return;
            }

            dtcs.ReportTestResult(VcuDtc.ChargerFault, false);
            dtcs.ReportTestResult(VcuDtc.ChargerTimeout, false);
            dtcs.ReportTestResult(VcuDtc.ChargerOverTemperature, false);
            dtcs.ReportTestResult(VcuDtc.ChargeCellOverTemperature, false);
            dtcs.ReportTestResult(VcuDtc.ChargeBmsTimeout, false);
            dtcs.ReportTestResult(VcuDtc.ChargeHvConnectTimeout, false);

            float current = CurrentRequest();
            WriteOutputs(true, true, current);
            if (IsChargeComplete(now))
            {
                stopReason = ChargeStopReason.Complete;
                Enter(ChargingState.Complete, now);
                WriteOutputs(false, false, 0f);
            }
        }

        // Constant current capped by the BMS limit, times the taper factor of the highest cell voltage.
        private float CurrentRequest()
        {
            if (signals.MinCellCelsius < settings.MinCellCelsius)
            {
                return 0f;
            }

            float current = settings.MaxChargeCurrentAmperes;
            if (signals.PowerLimitsValid)
            {
                current = FloatMath.Min(current, FloatMath.Max(signals.MaxChargeAmperes, 0f));
            }

            float headroom = settings.CellVoltageLimitVolts - signals.MaxCellVolts;
            float taper = FloatMath.Clamp(headroom / settings.TaperWindowVolts, 0f, 1f);
            return current * taper;
        }

        // Complete once the charger's current has stayed below the termination current for the hold time,
        // counted only after the taper has started, so that a charger still ramping up does not end the charge.
        private bool IsChargeComplete(long now)
        {
            bool tapering = signals.MaxCellVolts > settings.CellVoltageLimitVolts - settings.TaperWindowVolts;
            if (!tapering || signals.ChargerOutputAmperes >= settings.TerminationCurrentAmperes)
            {
                belowTerminationSinceMicroseconds = -1;
                return false;
            }

            if (belowTerminationSinceMicroseconds < 0)
            {
                belowTerminationSinceMicroseconds = now;
            }

            return now - belowTerminationSinceMicroseconds >= settings.TerminationHoldMicroseconds;
        }

        // Checks the stop conditions that apply once OBC_Status has arrived. Returns true after a stop.
        private bool CheckFaults(long now)
        {
            if (!signals.ChargerValid)
            {
                Stop(ChargeStopReason.ChargerTimeout, VcuDtc.ChargerTimeout, now);
                return true;
            }

            if (signals.ChargerState == ChargerStateFault || signals.ChargerFaultCode != 0)
            {
                Stop(ChargeStopReason.ChargerFault, VcuDtc.ChargerFault, now);
                return true;
            }

            if (signals.ChargerCelsius > settings.MaxChargerCelsius)
            {
                Stop(ChargeStopReason.ChargerOverTemperature, VcuDtc.ChargerOverTemperature, now);
                return true;
            }

            if (state != ChargingState.WaitingForCharger && !signals.BmsValid)
            {
                Stop(ChargeStopReason.BmsTimeout, VcuDtc.ChargeBmsTimeout, now);
                return true;
            }

            if (signals.MaxCellCelsius > settings.MaxCellCelsius)
            {
                Stop(ChargeStopReason.CellOverTemperature, VcuDtc.ChargeCellOverTemperature, now);
                return true;
            }

            if (signals.BmsFaultValid && signals.BmsFaultLevel >= BmsFaultContactorsOpening)
            {
                Stop(ChargeStopReason.BmsFault, 0, now);
                return true;
            }

            if (faultReactions != null && faultReactions.RequestHvShutdown)
            {
                Stop(ChargeStopReason.HvShutdownRequested, 0, now);
                return true;
            }

            return false;
        }

        // Stops the charge; dtc 0 means the fault is another node's and has no VCU DTC.
        private void Stop(ChargeStopReason reason, uint dtc, long now)
        {
            stopReason = reason;
            if (dtc != 0)
            {
                dtcs.ReportTestResult(dtc, true);
            }

            Enter(ChargingState.Stopped, now);
            WriteOutputs(false, false, 0f);
        }

        private void Enter(ChargingState next, long now)
        {
            if (state != next)
            {
                state = next;
                stateEnteredMicroseconds = now;
            }
        }

        private void WriteOutputs(bool chargeMode, bool enable, float currentAmperes)
        {
            hvRequested = chargeMode;
            outputs.ChargerEnable = enable;
            outputs.ChargeVoltageRequestVolts = enable ? voltageRequestVolts : 0f;
            outputs.ChargeCurrentRequestAmperes = enable ? currentAmperes : 0f;
        }
    }
}
