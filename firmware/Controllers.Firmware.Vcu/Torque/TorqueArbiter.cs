using System;
using Controllers.Firmware.Common.Numerics;
using Controllers.Firmware.Vcu.Intention;

namespace Controllers.Firmware.Vcu.Torque
{
    /// <summary>
    /// Turns the driver's demand into the motor torque command, once per 10 ms cycle. Order: add
    /// regeneration (lift-off and brake blending, faded out at low speed), clamp to the limits (BMS power,
    /// motor envelope, temperature derates, supply), rate-limit, then scale by the feedback correction.
    /// Every clamp that bites sets its <see cref="TorqueLimitReason"/> bit.
    /// </summary>
    public sealed class TorqueArbiter
    {
        private const int SettleCycles = 5;
        private readonly TorqueArbiterSettings settings;
        private float targetNewtonMetres;
        private float requestedElectricalWatts;
        private float limitedNewtonMetres;
        private float rateLimitedNewtonMetres;
        private float commandNewtonMetres;
        private float correction = 1f;
        private int steadyCycles;
        private TorqueLimitReason reasons;

        /// <summary>Creates the arbiter with a zero command and no correction.</summary>
        public TorqueArbiter(TorqueArbiterSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            settings.Validate();
            this.settings = settings;
        }

        /// <summary>Driver demand plus regeneration before limits, N·m.</summary>
        public float TargetNewtonMetres
        {
            get { return targetNewtonMetres; }
        }

        /// <summary>
        /// Electrical power that the target torque requests from the DC link at the present motor speed, before
        /// limits, W. It is positive when motoring and negative when the driver requests regeneration. Energy management caps the
        /// generator with it, so that the generator gives way as soon as the driver brakes.
        /// </summary>
        public float RequestedElectricalWatts
        {
            get { return requestedElectricalWatts; }
        }

        /// <summary>Target after the limits and before the rate limiter, N·m.</summary>
        public float LimitedNewtonMetres
        {
            get { return limitedNewtonMetres; }
        }

        /// <summary>Rate-limited target, the torque the vehicle should deliver, N·m.</summary>
        public float RateLimitedNewtonMetres
        {
            get { return rateLimitedNewtonMetres; }
        }

        /// <summary>Command sent to the motor controller, N·m (rate-limited target times the correction).</summary>
        public float CommandNewtonMetres
        {
            get { return commandNewtonMetres; }
        }

        /// <summary>Feedback correction factor applied to the command.</summary>
        public float Correction
        {
            get { return correction; }
        }

        /// <summary>Limits that reduced the target in the latest cycle.</summary>
        public TorqueLimitReason Reasons
        {
            get { return reasons; }
        }

        /// <summary>
        /// Fraction of the peak torque allowed for motoring, from 0 to 1: the smallest of the fault reaction's and
        /// thermal management's caps. Regeneration is not capped, so the vehicle can still slow down.
        /// </summary>
        public float MotoringCapFraction = 1f;

        /// <summary>False while the vehicle may not drive (HV not ready, charge plug in, zero-torque reaction).</summary>
        public bool TorqueEnabled = true;

        /// <summary>
        /// Computes one cycle. <paramref name="periodSeconds"/> is the task period; <paramref name="supplyFault"/>
        /// forces the target to zero.
        /// </summary>
        public void Update(float demandNewtonMetres, bool pedalReleased, float brakePosition, DriveDirection direction,
            VehicleSignals signals, bool supplyFault, float periodSeconds)
        {
            float speed = signals.MotorSpeedRadiansPerSecond;
            reasons = TorqueLimitReason.None;
            targetNewtonMetres = demandNewtonMetres + RegenerativeTorque(pedalReleased, brakePosition, direction, speed);
            float mechanicalWatts = targetNewtonMetres * speed;
            requestedElectricalWatts = mechanicalWatts >= 0f
                ? mechanicalWatts / settings.PowerConversionEfficiency
                : mechanicalWatts * settings.PowerConversionEfficiency;

            float limited = ApplyLimits(targetNewtonMetres, speed, signals);
            if (supplyFault)
            {
                limited = 0f;
                reasons |= TorqueLimitReason.SupplyVoltage;
            }

            if (!TorqueEnabled)
            {
                limited = 0f;
                reasons |= TorqueLimitReason.NotReady;
            }

            limitedNewtonMetres = limited;

            float step = settings.RateLimitNewtonMetresPerSecond * periodSeconds;
            float change = FloatMath.Clamp(limited - rateLimitedNewtonMetres, -step, step);
            bool rateLimited = change != limited - rateLimitedNewtonMetres;
            rateLimitedNewtonMetres += change;
            if (rateLimited)
            {
                reasons |= TorqueLimitReason.RateLimit;
            }

            UpdateCorrection(signals, rateLimited, periodSeconds);
            commandNewtonMetres = rateLimitedNewtonMetres * correction;
        }

        private float RegenerativeTorque(bool pedalReleased, float brakePosition, DriveDirection direction, float speed)
        {
            if (direction == DriveDirection.Neutral || !pedalReleased)
            {
                return 0f;
            }

            // Regeneration only brakes motion in the selected direction, and fades out at low speed so the
            // vehicle does not stop and reverse on it.
            float sign = direction == DriveDirection.Forward ? 1f : -1f;
            float alongKmh = speed * sign * settings.KmhPerRadianPerSecond;
            float fade = FloatMath.Clamp((alongKmh - settings.RegenFadeStartKmh) / (settings.RegenFadeEndKmh - settings.RegenFadeStartKmh), 0f, 1f);
            float magnitude = settings.LiftOffRegenNewtonMetres + FloatMath.Clamp(brakePosition, 0f, 1f) * settings.BrakeRegenNewtonMetres;
            return -sign * magnitude * fade;
        }

        private float ApplyLimits(float torque, float speed, VehicleSignals signals)
        {
            float absSpeed = FloatMath.Abs(speed);
            float envelope = absSpeed > settings.MaxSpeedRadiansPerSecond ? 0f
                : FloatMath.Min(settings.PeakTorqueNewtonMetres, settings.PeakPowerWatts / FloatMath.Max(absSpeed, 1f));
            float motorDerate = Derate(signals.MotorCelsius, settings.MotorDerateStartCelsius, settings.MotorDerateEndCelsius);
            float inverterDerate = Derate(signals.InverterCelsius, settings.InverterDerateStartCelsius, settings.InverterDerateEndCelsius);

            // Motoring (torque and speed of the same sign, or standstill) draws battery power and generating
            // returns it: P_elec = T ω / η when motoring and T ω η when generating.
            float powerSpeed = FloatMath.Max(absSpeed, settings.PowerLimitMinimumSpeedRadiansPerSecond);
            bool motoring = torque * speed >= 0f;
            // The pack takes regeneration and the generator's output together, so regeneration gets what the
            // generator leaves of the charge limit. The generator's power falls with the engine's lag after
            // energy management cuts it, and regeneration grows as it falls.
            float generatorWatts = signals.GeneratorValid ? FloatMath.Max(signals.GeneratorPowerWatts, 0f) : 0f;
            float batteryLimit = motoring
                ? FloatMath.Max(signals.MaxDischargePowerWatts, 0f) * settings.PowerConversionEfficiency / powerSpeed
                : FloatMath.Max(signals.MaxChargePowerWatts - generatorWatts, 0f) / (settings.PowerConversionEfficiency * powerSpeed);

            float magnitude = FloatMath.Abs(torque);
            float limit = magnitude;
            limit = Reduce(limit, envelope, TorqueLimitReason.MotorEnvelope);
            limit = Reduce(limit, settings.PeakTorqueNewtonMetres * motorDerate, TorqueLimitReason.MotorTemperature);
            limit = Reduce(limit, settings.PeakTorqueNewtonMetres * inverterDerate, TorqueLimitReason.InverterTemperature);
            limit = Reduce(limit, batteryLimit, motoring ? TorqueLimitReason.BatteryDischarge : TorqueLimitReason.BatteryCharge);
            if (motoring)
            {
                limit = Reduce(limit, settings.PeakTorqueNewtonMetres * FloatMath.Clamp(MotoringCapFraction, 0f, 1f), TorqueLimitReason.VehicleDerate);
            }

            return torque < 0f ? -limit : limit;
        }

        private float Reduce(float magnitude, float limit, TorqueLimitReason reason)
        {
            if (magnitude > limit)
            {
                reasons |= reason;
                return limit;
            }

            return magnitude;
        }

        private void UpdateCorrection(VehicleSignals signals, bool rateLimited, float periodSeconds)
        {
            // The integrator learns the ratio of feedback to target only in steady, unlimited operation at a
            // torque large enough for the feedback's relative error to mean something.
            float target = rateLimitedNewtonMetres;
            if (!signals.FeedbackValid)
            {
                // Without fresh feedback nothing shows whether the learned factor still fits, so the command
                // goes out uncorrected until feedback returns and the integrator learns again.
                correction = 1f;
                steadyCycles = 0;
                return;
            }

            bool limitedThisCycle = (reasons & ~TorqueLimitReason.RateLimit) != TorqueLimitReason.None;
            if (rateLimited || limitedThisCycle || FloatMath.Abs(target) < settings.CorrectionMinimumTorqueNewtonMetres)
            {
                steadyCycles = 0;
                return;
            }

            // The motor's torque lag (about 10 ms) makes the feedback trail a change, so the integrator waits
            // a few cycles after the rate limiter lets go.
            if (steadyCycles < SettleCycles)
            {
                steadyCycles++;
                return;
            }

            // NOTE: the correction cannot tell a feedback sensor error from an actuation error, so it trusts
            // the feedback only up to the bound. With feedback reading 8 % high it stops at the lower bound,
            // and the delivered torque is 4 % low instead of 7.4 %.
            float relativeError = (target - signals.TorqueFeedbackNewtonMetres) / target;
            correction += settings.CorrectionGainPerSecond * relativeError * periodSeconds;
            correction = FloatMath.Clamp(correction, 1f - settings.CorrectionBound, 1f + settings.CorrectionBound);
        }

        private static float Derate(float celsius, float start, float end)
        {
            return 1f - FloatMath.Clamp((celsius - start) / (end - start), 0f, 1f);
        }
    }
}
