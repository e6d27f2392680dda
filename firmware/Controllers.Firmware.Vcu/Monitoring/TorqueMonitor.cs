using System;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Numerics;
using Controllers.Firmware.Vcu.Inputs;

namespace Controllers.Firmware.Vcu.Monitoring
{
    /// <summary>Reaction of the torque monitor.</summary>
    public enum MonitorReaction
    {
        /// <summary>Command and feedback within the permitted torque.</summary>
        None = 0,

        /// <summary>The torque command is forced to zero.</summary>
        ZeroTorque = 1,

        /// <summary>Zero torque did not take effect: the high-voltage system and inverter are to shut down.</summary>
        Shutdown = 2
    }

    /// <summary>
    /// Second-level torque monitor. The first level (inputs, intention, arbitration) computes the command.
    /// This level recomputes from the raw pedal and brake voltages and the motor speed, with its own simple
    /// map, the largest torque the driver can have asked for. It compares both the command and the motor
    /// controller's feedback against that bound. A mismatch that lasts longer than the debounce forces the
    /// command to zero and sets a DTC. If the feedback is still above the bound after the shutdown delay,
    /// the monitor requests shutdown. Reactions latch until <see cref="StartOperationCycle"/>. A third level
    /// (a watchdog that checks that this code runs at all) belongs to the board and is not here.
    /// </summary>
    public sealed class TorqueMonitor
    {
        private static readonly float[] PedalAxis = new float[] { 0f, 0.25f, 0.5f, 0.75f, 1f };
        private readonly TorqueMonitorSettings settings;
        private readonly DtcMemory dtcs;
        private readonly TimedQualifier mismatch;
        private MonitorReaction reaction;
        private long zeroSinceMicroseconds;
        private float permittedNewtonMetres;
        private float permittedRegenNewtonMetres;

        /// <summary>Creates the monitor; <paramref name="dtcs"/> must have the VCU DTCs registered.</summary>
        public TorqueMonitor(TorqueMonitorSettings settings, DtcMemory dtcs)
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
            mismatch = new TimedQualifier(settings.DebounceMicroseconds, 0);
        }

        /// <summary>Reaction in force.</summary>
        public MonitorReaction Reaction
        {
            get { return reaction; }
        }

        /// <summary>Permitted drive torque of the latest check, in the selected direction, tolerance included, N·m.</summary>
        public float PermittedNewtonMetres
        {
            get { return permittedNewtonMetres; }
        }

        /// <summary>Permitted regenerative torque of the latest check, against the selected direction, tolerance included, N·m.</summary>
        public float PermittedRegenNewtonMetres
        {
            get { return permittedRegenNewtonMetres; }
        }

        /// <summary>Checks one cycle's command and feedback against the inputs.</summary>
        public void Update(IVcuInputHardware inputs, float motorSpeedRadiansPerSecond, float commandNewtonMetres,
            float feedbackNewtonMetres, long nowMicroseconds)
        {
            ComputePermitted(inputs, motorSpeedRadiansPerSecond);
            bool exceeded = Exceeds(commandNewtonMetres, inputs.DirectionSelector)
                || Exceeds(feedbackNewtonMetres, inputs.DirectionSelector)
                || !FloatMath.IsFinite(commandNewtonMetres);

            if (reaction == MonitorReaction.None)
            {
                if (mismatch.Update(exceeded, nowMicroseconds))
                {
                    reaction = MonitorReaction.ZeroTorque;
                    zeroSinceMicroseconds = nowMicroseconds;
                    dtcs.ReportTestResult(VcuDtc.TorqueMonitorMismatch, true);
                }

                return;
            }

            // In the zero-torque state the command is zero by construction, so only the feedback shows
            // whether the motor followed it.
            bool stillTorque = FloatMath.Abs(feedbackNewtonMetres) > settings.AbsoluteToleranceNewtonMetres;
            if (reaction == MonitorReaction.ZeroTorque && stillTorque && nowMicroseconds - zeroSinceMicroseconds > settings.ShutdownDelayMicroseconds)
            {
                reaction = MonitorReaction.Shutdown;
            }
        }

        /// <summary>Clears a latched reaction at the start of a new operation cycle (key on).</summary>
        public void StartOperationCycle()
        {
            reaction = MonitorReaction.None;
            mismatch.Reset();
        }

        // NOTE: the direction comes from the raw selector. When the driver selects the other direction at
        // speed, the intention keeps the old direction, so torque that still drives looks like regeneration
        // here and can trip the monitor (a safe but unwanted stop of drive torque).
        private bool Exceeds(float torque, int selector)
        {
            if (selector == 0)
            {
                return FloatMath.Abs(torque) > settings.AbsoluteToleranceNewtonMetres;
            }

            float drive = selector == 2 ? -torque : torque;
            return drive > permittedNewtonMetres || -drive > permittedRegenNewtonMetres;
        }

        private void ComputePermitted(IVcuInputHardware inputs, float speed)
        {
            // The higher of the two tracks is taken, because the bound must cover whichever track the input
            // function trusts.
            float track1 = Fraction(inputs.AcceleratorTrack1Volts, settings.Track1ReleasedVolts, settings.Track1FullVolts);
            float track2 = Fraction(inputs.AcceleratorTrack2Volts, settings.Track2ReleasedVolts, settings.Track2FullVolts);
            float pedal = FloatMath.Max(track1, track2);
            float brake = Fraction(inputs.BrakeSensorVolts, settings.BrakeReleasedVolts, settings.BrakeFullVolts);
            bool brakePressed = inputs.BrakeSwitchClosed || brake >= settings.BrakePressedThreshold;

            float fraction;
            int segment = Interpolation.FindSegment(PedalAxis, pedal, out fraction);
            float[] permitted = settings.PermittedFractions;
            float drive = (permitted[segment] + (permitted[segment + 1] - permitted[segment]) * fraction) * settings.PeakTorqueNewtonMetres;
            float absSpeed = FloatMath.Abs(speed);
            if (absSpeed > 1f)
            {
                drive = FloatMath.Min(drive, settings.PeakPowerWatts / absSpeed);
            }

            if (brakePressed && pedal > settings.BrakeOverridePedalThreshold)
            {
                drive = 0f;
            }

            // Regeneration is requested only with the pedal released.
            float regen = pedal <= 0.03f ? settings.MaxRegenNewtonMetres : 0f;
            permittedNewtonMetres = drive * (1f + settings.RelativeTolerance) + settings.AbsoluteToleranceNewtonMetres;
            permittedRegenNewtonMetres = regen * (1f + settings.RelativeTolerance) + settings.AbsoluteToleranceNewtonMetres;
        }

        private static float Fraction(float volts, float released, float full)
        {
            if (!FloatMath.IsFinite(volts))
            {
                return 1f;
            }

            return FloatMath.Clamp((volts - released) / (full - released), 0f, 1f);
        }
    }
}
