using System;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Vcu.Inputs
{
    /// <summary>
    /// Two-track accelerator pedal with range and correlation checks. Fallbacks: one track out of range →
    /// limp on the other track, capped at <see cref="AcceleratorPedalSettings.LimpPositionLimit"/>; tracks
    /// disagree → limp on the lower of the two, capped; both tracks out of range → zero. Faults latch until
    /// <see cref="StartOperationCycle"/> (key off and on), because a pedal that recovered by itself is not
    /// trusted again while driving.
    /// </summary>
    public sealed class AcceleratorPedal
    {
        private readonly AcceleratorPedalSettings settings;
        private readonly DtcMemory dtcs;
        private readonly TimedQualifier track1Low;
        private readonly TimedQualifier track1High;
        private readonly TimedQualifier track2Low;
        private readonly TimedQualifier track2High;
        private readonly TimedQualifier disagreement;
        private bool track1Failed;
        private bool track2Failed;
        private bool correlationFailed;
        private float track1Position;
        private float track2Position;
        private float position;
        private PedalStatus status;

        /// <summary>Creates the pedal input; <paramref name="dtcs"/> must have the VCU DTCs registered.</summary>
        public AcceleratorPedal(AcceleratorPedalSettings settings, DtcMemory dtcs)
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
            track1Low = new TimedQualifier(settings.RangeDelayMicroseconds, 0);
            track1High = new TimedQualifier(settings.RangeDelayMicroseconds, 0);
            track2Low = new TimedQualifier(settings.RangeDelayMicroseconds, 0);
            track2High = new TimedQualifier(settings.RangeDelayMicroseconds, 0);
            disagreement = new TimedQualifier(settings.DisagreementDelayMicroseconds, 0);
        }

        /// <summary>Pedal position after plausibility and fallback, 0 (released) to 1 (full travel).</summary>
        public float Position
        {
            get { return position; }
        }

        /// <summary>Track 1 position before plausibility, 0 to 1.</summary>
        public float Track1Position
        {
            get { return track1Position; }
        }

        /// <summary>Track 2 position before plausibility, 0 to 1.</summary>
        public float Track2Position
        {
            get { return track2Position; }
        }

        /// <summary>Health and fallback in force.</summary>
        public PedalStatus Status
        {
            get { return status; }
        }

        /// <summary>Evaluates one sample of both tracks.</summary>
        public void Update(float track1Volts, float track2Volts, long nowMicroseconds)
        {
            track1Position = ToPosition(track1Volts, settings.Track1ReleasedVolts, settings.Track1FullVolts);
            track2Position = ToPosition(track2Volts, settings.Track2ReleasedVolts, settings.Track2FullVolts);

            // NaN fails both comparisons, so a NaN reading counts as below range.
            bool t1Low = track1Low.Update(!(track1Volts >= settings.Track1MinimumVolts), nowMicroseconds);
            bool t1High = track1High.Update(track1Volts > settings.Track1MaximumVolts, nowMicroseconds);
            bool t2Low = track2Low.Update(!(track2Volts >= settings.Track2MinimumVolts), nowMicroseconds);
            bool t2High = track2High.Update(track2Volts > settings.Track2MaximumVolts, nowMicroseconds);
            dtcs.ReportTestResult(VcuDtc.AcceleratorTrack1Low, t1Low);
            dtcs.ReportTestResult(VcuDtc.AcceleratorTrack1High, t1High);
            dtcs.ReportTestResult(VcuDtc.AcceleratorTrack2Low, t2Low);
            dtcs.ReportTestResult(VcuDtc.AcceleratorTrack2High, t2High);
            track1Failed |= t1Low || t1High;
            track2Failed |= t2Low || t2High;

            // The correlation check needs both tracks in range; a range fault already covers the rest.
            bool bothInRange = !track1Failed && !track2Failed && !Raw1OutOfRange(track1Volts) && !Raw2OutOfRange(track2Volts);
            bool apart = bothInRange && FloatMath.Abs(track1Position - track2Position) > settings.MaximumDisagreement;
            if (disagreement.Update(apart, nowMicroseconds))
            {
                correlationFailed = true;
            }

            dtcs.ReportTestResult(VcuDtc.AcceleratorCorrelation, disagreement.IsActive);
            SelectPosition();
        }

        /// <summary>Clears the latched faults at the start of a new operation cycle (key on).</summary>
        public void StartOperationCycle()
        {
            track1Failed = false;
            track2Failed = false;
            correlationFailed = false;
            track1Low.Reset();
            track1High.Reset();
            track2Low.Reset();
            track2High.Reset();
            disagreement.Reset();
        }

        private void SelectPosition()
        {
            float selected;
            if (track1Failed && track2Failed)
            {
                status = PedalStatus.Failed;
                selected = 0f;
            }
            else if (track1Failed)
            {
                status = PedalStatus.Limp;
                selected = FloatMath.Min(track2Position, settings.LimpPositionLimit);
            }
            else if (track2Failed)
            {
                status = PedalStatus.Limp;
                selected = FloatMath.Min(track1Position, settings.LimpPositionLimit);
            }
            else if (correlationFailed)
            {
                status = PedalStatus.Limp;
                selected = FloatMath.Min(FloatMath.Min(track1Position, track2Position), settings.LimpPositionLimit);
            }
            else
            {
                // While the tracks are apart but not yet for the full delay, the lower one is used, so a
                // rising track cannot raise torque before it is confirmed.
                status = PedalStatus.Healthy;
                selected = FloatMath.Min(track1Position, track2Position);
            }

            position = selected < settings.ReleasedDeadBand ? 0f : selected;
        }

        private bool Raw1OutOfRange(float volts)
        {
            return !(volts >= settings.Track1MinimumVolts && volts <= settings.Track1MaximumVolts);
        }

        private bool Raw2OutOfRange(float volts)
        {
            return !(volts >= settings.Track2MinimumVolts && volts <= settings.Track2MaximumVolts);
        }

        private static float ToPosition(float volts, float releasedVolts, float fullVolts)
        {
            if (!FloatMath.IsFinite(volts))
            {
                return 0f;
            }

            return FloatMath.Clamp((volts - releasedVolts) / (fullVolts - releasedVolts), 0f, 1f);
        }
    }
}
