using System;
using Controllers.Firmware.Bms.Protection;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Hal;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Contactors
{
    /// <summary>
    /// Closes and opens the negative, precharge and positive contactors, stepped from the 10 ms task.
    /// Closing: negative, weld check of the positive by link voltage, precharge until the link reaches the
    /// target fraction of the pack voltage, positive, then precharge open. Opening: a normal request
    /// raises <see cref="ZeroCurrentRequested"/> and waits for the current to fall below the break
    /// threshold (or a timeout); an emergency releases every coil at once. Each fault reports its DTC and
    /// releases every coil; closing stays blocked until <see cref="ResetFault"/>. Each break is counted in
    /// the wear log. <see cref="Step"/> does not allocate.
    /// </summary>
    public sealed class ContactorController
    {
        private const int ContactorCount = 3;

        private readonly IContactorHardware hardware;
        private readonly ContactorSettings settings;
        private readonly DtcMemory dtcMemory;
        private readonly ContactorWearLog wearLog;
        private readonly bool[] coils = new bool[ContactorCount];
        private readonly long[] releaseMicroseconds = new long[ContactorCount];
        private readonly bool[] welded = new bool[ContactorCount];
        private readonly bool[] stuckOpen = new bool[ContactorCount];
        private ContactorState state = ContactorState.Open;
        private long stateStartMicroseconds;
        private long lastStepMicroseconds;
        private bool started;
        private bool closeRequested;
        private bool openRequested;
        private bool emergencyRequested;
        private bool zeroCurrentRequested;
        private float linkBeforeCloseVolts;
        private bool linkDischargedAtPrecharge;
        private long prechargeDurationMicroseconds = -1;
        private bool hasFault;
        private ProtectionFault lastFault;

        /// <summary>
        /// Validates <paramref name="settings"/> and registers the contactor DTCs in <paramref name="dtcMemory"/>.
        /// <paramref name="wearLog"/> must already be loaded.
        /// </summary>
        public ContactorController(IContactorHardware hardware, ContactorSettings settings, DtcMemory dtcMemory, ContactorWearLog wearLog)
        {
            if (hardware == null)
            {
                throw new ArgumentNullException("hardware");
            }

            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            if (dtcMemory == null)
            {
                throw new ArgumentNullException("dtcMemory");
            }

            if (wearLog == null)
            {
                throw new ArgumentNullException("wearLog");
            }

            settings.Validate();
            this.hardware = hardware;
            this.settings = settings;
            this.dtcMemory = dtcMemory;
            this.wearLog = wearLog;
            BmsDtcTable.Register(dtcMemory, ProtectionFault.NegativeContactorWelded, ProtectionFault.OpenUnderLoad);
        }

        /// <summary>Current state.</summary>
        public ContactorState State
        {
            get { return state; }
        }

        /// <summary>True while a normal opening waits for the vehicle to bring the current to zero.</summary>
        public bool ZeroCurrentRequested
        {
            get { return zeroCurrentRequested; }
        }

        /// <summary>True after a contactor fault until <see cref="ResetFault"/>.</summary>
        public bool HasFault
        {
            get { return hasFault; }
        }

        /// <summary>The latest contactor fault; meaningful when <see cref="HasFault"/> is true.</summary>
        public ProtectionFault LastFault
        {
            get { return lastFault; }
        }

        /// <summary>Time from the precharge command to the positive command of the latest successful precharge, or -1.</summary>
        public long PrechargeDurationMicroseconds
        {
            get { return prechargeDurationMicroseconds; }
        }

        /// <summary>The wear log that counts every break.</summary>
        public ContactorWearLog WearLog
        {
            get { return wearLog; }
        }

        /// <summary>Requests the close sequence; it starts at the next step when the contactors are open and no fault is latched.</summary>
        public void RequestClose()
        {
            closeRequested = true;
            openRequested = false;
        }

        /// <summary>Requests opening: at once when <paramref name="emergency"/> is true, otherwise after the zero-current request.</summary>
        public void RequestOpen(bool emergency)
        {
            closeRequested = false;
            if (emergency)
            {
                emergencyRequested = true;
            }
            else
            {
                openRequested = true;
            }
        }

        /// <summary>
        /// Leaves the fault state so that closing is allowed again, and returns whether it did. The weld
        /// check of the open state runs again before any close.
        /// </summary>
        public bool ResetFault()
        {
            if (state != ContactorState.Fault)
            {
                return false;
            }

            for (int i = 0; i < ContactorCount; i++)
            {
                welded[i] = false;
                stuckOpen[i] = false;
            }

            hasFault = false;
            closeRequested = false;
            EnterState(ContactorState.Open, lastStepMicroseconds);
            return true;
        }

        /// <summary>
        /// Returns the BMS_ContactorStatus value of <paramref name="contactor"/>: 0 open, 1 closed,
        /// 2 welded, 3 error (stuck open).
        /// </summary>
        public int GetStatusCode(ContactorId contactor)
        {
            int i = (int)contactor;
            if (welded[i])
            {
                return 2;
            }

            if (stuckOpen[i])
            {
                return 3;
            }

            return hardware.IsFeedbackClosed(contactor) ? 1 : 0;
        }

        /// <summary>
        /// Advances the sequence. <paramref name="currentAmperes"/> is the latest pack current (positive when
        /// charging). <paramref name="currentValid"/> is false when the sample is missing or failed.
        /// </summary>
        public void Step(long nowMicroseconds, float currentAmperes, bool currentValid)
        {
            currentValid = currentValid && FloatMath.IsFinite(currentAmperes);
            lastStepMicroseconds = nowMicroseconds;
            if (!started)
            {
                started = true;
                for (int i = 0; i < ContactorCount; i++)
                {
                    SetCoil((ContactorId)i, false, nowMicroseconds);
                }

                EnterState(ContactorState.Open, nowMicroseconds);
            }

            if (emergencyRequested)
            {
                emergencyRequested = false;
                openRequested = false;
                if (IsConnectedOrClosing())
                {
                    BeginOpening(nowMicroseconds, currentAmperes, currentValid);
                    return;
                }
            }

            long elapsed = nowMicroseconds - stateStartMicroseconds;
            switch (state)
            {
                case ContactorState.Open:
                    StepOpen(nowMicroseconds);
                    return;
                case ContactorState.ClosingNegative:
                    StepClosingNegative(nowMicroseconds, elapsed, currentAmperes, currentValid);
                    return;
                case ContactorState.Precharging:
                    StepPrecharging(nowMicroseconds, elapsed, currentAmperes, currentValid);
                    return;
                case ContactorState.ClosingPositive:
                    StepClosingPositive(nowMicroseconds, elapsed, currentAmperes, currentValid);
                    return;
                case ContactorState.OpeningPrecharge:
                    StepOpeningPrecharge(nowMicroseconds, elapsed, currentAmperes, currentValid);
                    return;
                case ContactorState.Closed:
                    if (openRequested)
                    {
                        openRequested = false;
                        zeroCurrentRequested = true;
                        EnterState(ContactorState.WaitingForZeroCurrent, nowMicroseconds);
                    }

                    return;
                case ContactorState.WaitingForZeroCurrent:
                    StepWaitingForZeroCurrent(nowMicroseconds, elapsed, currentAmperes, currentValid);
                    return;
                case ContactorState.Opening:
                    StepOpening(nowMicroseconds, elapsed);
                    return;
                default:
                    return;
            }
        }

        private void StepOpen(long nowMicroseconds)
        {
            if (!CheckWelded(nowMicroseconds))
            {
                return;
            }

            openRequested = false;
            if (!closeRequested)
            {
                return;
            }

            closeRequested = false;
            float link;
            linkBeforeCloseVolts = hardware.TryReadLinkVoltage(out link) && FloatMath.IsFinite(link) ? link : 0f;
            SetCoil(ContactorId.Negative, true, nowMicroseconds);
            EnterState(ContactorState.ClosingNegative, nowMicroseconds);
        }

        private void StepClosingNegative(long nowMicroseconds, long elapsed, float current, bool currentValid)
        {
            if (openRequested)
            {
                BeginOpening(nowMicroseconds, current, currentValid);
                return;
            }

            if (!hardware.IsFeedbackClosed(ContactorId.Negative))
            {
                if (elapsed >= Milliseconds(settings.FeedbackTimeoutMilliseconds))
                {
                    stuckOpen[(int)ContactorId.Negative] = true;
                    EnterFault(ProtectionFault.NegativeContactorStuckOpen, nowMicroseconds, current, currentValid);
                }

                return;
            }

            dtcMemory.ReportTestResult(Dtc(ProtectionFault.NegativeContactorStuckOpen), false);

            // With only the negative closed, the link can rise only through a closed positive contactor.
            float pack;
            float link;
            if (hardware.TryReadPackVoltage(out pack) && hardware.TryReadLinkVoltage(out link)
                && link - linkBeforeCloseVolts >= settings.WeldDetectionFraction * pack)
            {
                welded[(int)ContactorId.Positive] = true;
                EnterFault(ProtectionFault.PositiveContactorWelded, nowMicroseconds, current, currentValid);
                return;
            }

            // A link still charged from the last connection reaches the target early whatever its capacitance,
            // so the too-fast check applies only to a discharged link.
            linkDischargedAtPrecharge = hardware.TryReadPackVoltage(out pack) && hardware.TryReadLinkVoltage(out link)
                && link < settings.PrechargeCheckFraction * pack;
            SetCoil(ContactorId.Precharge, true, nowMicroseconds);
            EnterState(ContactorState.Precharging, nowMicroseconds);
        }

        private void StepPrecharging(long nowMicroseconds, long elapsed, float current, bool currentValid)
        {
            if (openRequested)
            {
                BeginOpening(nowMicroseconds, current, currentValid);
                return;
            }

            if (!hardware.IsFeedbackClosed(ContactorId.Precharge) && elapsed >= Milliseconds(settings.FeedbackTimeoutMilliseconds))
            {
                stuckOpen[(int)ContactorId.Precharge] = true;
                EnterFault(ProtectionFault.PrechargeContactorStuckOpen, nowMicroseconds, current, currentValid);
                return;
            }

            float pack;
            float link;
            if (hardware.TryReadPackVoltage(out pack) && hardware.TryReadLinkVoltage(out link) && pack > 0f)
            {
                if (link >= settings.PrechargeTargetFraction * pack)
                {
                    if (linkDischargedAtPrecharge && elapsed < Milliseconds(settings.PrechargeMinimumMilliseconds))
                    {
                        EnterFault(ProtectionFault.PrechargeTooFast, nowMicroseconds, current, currentValid);
                        return;
                    }

                    ReportPrechargePassed();
                    prechargeDurationMicroseconds = elapsed;
                    SetCoil(ContactorId.Positive, true, nowMicroseconds);
                    EnterState(ContactorState.ClosingPositive, nowMicroseconds);
                    return;
                }

                // A low link at the check time has two causes, and the precharge current distinguishes them.
                if (elapsed >= Milliseconds(settings.PrechargeCheckMilliseconds) && link < settings.PrechargeCheckFraction * pack)
                {
                    bool currentFlows = currentValid && FloatMath.Abs(current) >= settings.LinkShortCurrentAmperes;
                    EnterFault(currentFlows ? ProtectionFault.PrechargeLinkShorted : ProtectionFault.PrechargePathOpen, nowMicroseconds, current, currentValid);
                    return;
                }
            }

            if (elapsed >= Milliseconds(settings.PrechargeTimeoutMilliseconds))
            {
                EnterFault(ProtectionFault.PrechargeTimeout, nowMicroseconds, current, currentValid);
            }
        }

        private void StepClosingPositive(long nowMicroseconds, long elapsed, float current, bool currentValid)
        {
            if (openRequested)
            {
                BeginOpening(nowMicroseconds, current, currentValid);
                return;
            }

            if (!hardware.IsFeedbackClosed(ContactorId.Positive))
            {
                if (elapsed >= Milliseconds(settings.FeedbackTimeoutMilliseconds))
                {
                    stuckOpen[(int)ContactorId.Positive] = true;
                    EnterFault(ProtectionFault.PositiveContactorStuckOpen, nowMicroseconds, current, currentValid);
                }

                return;
            }

            dtcMemory.ReportTestResult(Dtc(ProtectionFault.PositiveContactorStuckOpen), false);

            // The closed positive contactor carries the current, so the precharge contactor breaks none.
            RecordBreak(ContactorId.Precharge, 0f);
            wearLog.Save();
            SetCoil(ContactorId.Precharge, false, nowMicroseconds);
            EnterState(ContactorState.OpeningPrecharge, nowMicroseconds);
        }

        private void StepOpeningPrecharge(long nowMicroseconds, long elapsed, float current, bool currentValid)
        {
            if (!hardware.IsFeedbackClosed(ContactorId.Precharge))
            {
                dtcMemory.ReportTestResult(Dtc(ProtectionFault.PrechargeContactorWelded), false);
                EnterState(ContactorState.Closed, nowMicroseconds);
                return;
            }

            if (elapsed >= Milliseconds(settings.FeedbackTimeoutMilliseconds))
            {
                welded[(int)ContactorId.Precharge] = true;
                EnterFault(ProtectionFault.PrechargeContactorWelded, nowMicroseconds, current, currentValid);
            }
        }

        private void StepWaitingForZeroCurrent(long nowMicroseconds, long elapsed, float current, bool currentValid)
        {
            if (currentValid && FloatMath.Abs(current) < settings.BreakCurrentThresholdAmperes)
            {
                dtcMemory.ReportTestResult(Dtc(ProtectionFault.OpenUnderLoad), false);
                BeginOpening(nowMicroseconds, current, currentValid);
                return;
            }

            if (elapsed >= Milliseconds(settings.ZeroCurrentTimeoutMilliseconds))
            {
                dtcMemory.ReportTestResult(Dtc(ProtectionFault.OpenUnderLoad), true);
                BeginOpening(nowMicroseconds, current, currentValid);
            }
        }

        private void StepOpening(long nowMicroseconds, long elapsed)
        {
            if (elapsed < Milliseconds(settings.FeedbackTimeoutMilliseconds))
            {
                return;
            }

            if (CheckWelded(nowMicroseconds))
            {
                EnterState(ContactorState.Open, nowMicroseconds);
            }
        }

        // Returns false after entering the fault state for a contactor whose feedback stays closed after release.
        private bool CheckWelded(long nowMicroseconds)
        {
            for (int i = 0; i < ContactorCount; i++)
            {
                ContactorId contactor = (ContactorId)i;
                if (coils[i] || nowMicroseconds - releaseMicroseconds[i] < Milliseconds(settings.FeedbackTimeoutMilliseconds))
                {
                    continue;
                }

                uint dtc = Dtc(WeldFault(contactor));
                if (hardware.IsFeedbackClosed(contactor))
                {
                    welded[i] = true;
                    EnterFault(WeldFault(contactor), nowMicroseconds, 0f, false);
                    return false;
                }

                dtcMemory.ReportTestResult(dtc, false);
            }

            return true;
        }

        private void BeginOpening(long nowMicroseconds, float current, bool currentValid)
        {
            ReleaseAll(nowMicroseconds, current, currentValid);
            openRequested = false;
            EnterState(ContactorState.Opening, nowMicroseconds);
        }

        private void EnterFault(ProtectionFault fault, long nowMicroseconds, float current, bool currentValid)
        {
            dtcMemory.ReportTestResult(Dtc(fault), true);
            hasFault = true;
            lastFault = fault;
            ReleaseAll(nowMicroseconds, current, currentValid);
            closeRequested = false;
            openRequested = false;
            EnterState(ContactorState.Fault, nowMicroseconds);
        }

        // Releases every energized coil and counts a break for each contactor whose contacts were closed.
        // NOTE: an invalid current sample is counted as an overload break, the worst case for wear.
        private void ReleaseAll(long nowMicroseconds, float current, bool currentValid)
        {
            float breakCurrent = currentValid ? current : float.NaN;
            bool positiveClosed = hardware.IsFeedbackClosed(ContactorId.Positive);
            bool recorded = false;
            for (int i = 0; i < ContactorCount; i++)
            {
                ContactorId contactor = (ContactorId)i;
                if (!coils[i])
                {
                    continue;
                }

                if (hardware.IsFeedbackClosed(contactor) && !welded[i])
                {
                    bool bypassed = contactor == ContactorId.Precharge && positiveClosed;
                    RecordBreak(contactor, bypassed ? 0f : breakCurrent);
                    recorded = true;
                }

                SetCoil(contactor, false, nowMicroseconds);
            }

            if (recorded)
            {
                wearLog.Save();
            }
        }

        private void RecordBreak(ContactorId contactor, float current)
        {
            wearLog.Record.RecordBreak(contactor, current, settings.BreakCurrentThresholdAmperes, settings.OverloadBreakAmperes);
        }

        private void SetCoil(ContactorId contactor, bool energized, long nowMicroseconds)
        {
            int i = (int)contactor;
            if (coils[i] && !energized)
            {
                releaseMicroseconds[i] = nowMicroseconds;
            }
            else if (!started)
            {
                releaseMicroseconds[i] = nowMicroseconds;
            }

            coils[i] = energized;
            hardware.SetCoil(contactor, energized);
        }

        private void EnterState(ContactorState next, long nowMicroseconds)
        {
            if (next != ContactorState.WaitingForZeroCurrent)
            {
                zeroCurrentRequested = false;
            }

            state = next;
            stateStartMicroseconds = nowMicroseconds;
        }

        private bool IsConnectedOrClosing()
        {
            return state != ContactorState.Open && state != ContactorState.Opening && state != ContactorState.Fault;
        }

        private void ReportPrechargePassed()
        {
            dtcMemory.ReportTestResult(Dtc(ProtectionFault.PrechargeContactorStuckOpen), false);
            dtcMemory.ReportTestResult(Dtc(ProtectionFault.PrechargeTimeout), false);
            dtcMemory.ReportTestResult(Dtc(ProtectionFault.PrechargeTooFast), false);
            dtcMemory.ReportTestResult(Dtc(ProtectionFault.PrechargeLinkShorted), false);
            dtcMemory.ReportTestResult(Dtc(ProtectionFault.PrechargePathOpen), false);
        }

        private static ProtectionFault WeldFault(ContactorId contactor)
        {
            if (contactor == ContactorId.Negative)
            {
                return ProtectionFault.NegativeContactorWelded;
            }

            return contactor == ContactorId.Precharge ? ProtectionFault.PrechargeContactorWelded : ProtectionFault.PositiveContactorWelded;
        }

        private static uint Dtc(ProtectionFault fault)
        {
            return BmsDtcTable.GetDtc(fault, BmsDtcTable.GetSingleLevel(fault));
        }

        private static long Milliseconds(int milliseconds)
        {
            return milliseconds * 1000L;
        }
    }
}
