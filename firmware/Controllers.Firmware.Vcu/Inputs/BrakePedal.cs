using System;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Vcu.Inputs
{
    /// <summary>
    /// Brake pedal sensor and brake light switch with range and switch-to-sensor checks. Fallback: with a
    /// sensor fault the switch alone decides <see cref="IsPressed"/> and <see cref="Position"/> is 0 or the
    /// pressed threshold; with a correlation fault the brake counts as pressed when either input reports it,
    /// because a missed brake is worse than a lost drive torque. Faults latch until
    /// <see cref="StartOperationCycle"/>.
    /// </summary>
    public sealed class BrakePedal
    {
        private readonly BrakePedalSettings settings;
        private readonly DtcMemory dtcs;
        private readonly TimedQualifier range;
        private readonly TimedQualifier correlation;
        private bool sensorFailed;
        private bool correlationFailed;
        private float position;
        private bool pressed;

        /// <summary>Creates the brake input; <paramref name="dtcs"/> must have the VCU DTCs registered.</summary>
        public BrakePedal(BrakePedalSettings settings, DtcMemory dtcs)
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
            range = new TimedQualifier(settings.RangeDelayMicroseconds, 0);
            correlation = new TimedQualifier(settings.CorrelationDelayMicroseconds, 0);
        }

        /// <summary>Brake travel after fallback, 0 to 1.</summary>
        public float Position
        {
            get { return position; }
        }

        /// <summary>True when the brake counts as pressed.</summary>
        public bool IsPressed
        {
            get { return pressed; }
        }

        /// <summary>Health and fallback in force.</summary>
        public PedalStatus Status
        {
            get
            {
                return sensorFailed || correlationFailed ? PedalStatus.Limp : PedalStatus.Healthy;
            }
        }

        /// <summary>Evaluates one sample of the sensor and the switch.</summary>
        public void Update(float sensorVolts, bool switchClosed, long nowMicroseconds)
        {
            bool outOfRange = !(sensorVolts >= settings.MinimumVolts && sensorVolts <= settings.MaximumVolts);
            if (range.Update(outOfRange, nowMicroseconds))
            {
                sensorFailed = true;
            }

            dtcs.ReportTestResult(VcuDtc.BrakeSensorRange, range.IsActive);

            float travel = outOfRange ? 0f : FloatMath.Clamp((sensorVolts - settings.ReleasedVolts) / (settings.FullVolts - settings.ReleasedVolts), 0f, 1f);
            bool implausible = !outOfRange && !sensorFailed
                && ((switchClosed && travel < settings.SwitchClosedMaximumReleasedTravel)
                    || (!switchClosed && travel > settings.SwitchOpenMaximumTravel));
            if (correlation.Update(implausible, nowMicroseconds))
            {
                correlationFailed = true;
            }

            dtcs.ReportTestResult(VcuDtc.BrakeSwitchCorrelation, correlation.IsActive);

            if (sensorFailed || outOfRange)
            {
                pressed = switchClosed;
                position = switchClosed ? settings.PressedThreshold : 0f;
                return;
            }

            bool sensorPressed = travel >= settings.PressedThreshold;
            pressed = correlationFailed ? (sensorPressed || switchClosed) : sensorPressed;
            position = travel;
        }

        /// <summary>Clears the latched faults at the start of a new operation cycle (key on).</summary>
        public void StartOperationCycle()
        {
            sensorFailed = false;
            correlationFailed = false;
            range.Reset();
            correlation.Reset();
        }
    }
}
