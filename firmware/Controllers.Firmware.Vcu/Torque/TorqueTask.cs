using System;
using Controllers.Firmware.Common.Numerics;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Vcu.Inputs;
using Controllers.Firmware.Vcu.Intention;

namespace Controllers.Firmware.Vcu.Torque
{
    /// <summary>
    /// 10 ms torque task: driver intention, then arbitration, from the input task's results of the same
    /// period. With the key off the direction is forced to neutral.
    /// </summary>
    public sealed class TorqueTask : IPeriodicTask
    {
        private readonly VcuInputTask inputs;
        private readonly DriverIntention intention;
        private readonly TorqueArbiter arbiter;
        private readonly VehicleSignals signals;
        private readonly float periodSeconds;
        private readonly float kmhPerRadianPerSecond;

        /// <summary>Creates the task; <paramref name="periodMicroseconds"/> is the period it is scheduled at.</summary>
        public TorqueTask(VcuInputTask inputs, DriverIntention intention, TorqueArbiter arbiter, VehicleSignals signals,
            TorqueArbiterSettings arbiterSettings, long periodMicroseconds)
        {
            if (inputs == null || intention == null || arbiter == null || signals == null || arbiterSettings == null)
            {
                throw new ArgumentNullException("inputs");
            }

            if (periodMicroseconds <= 0)
            {
                throw new ArgumentOutOfRangeException("periodMicroseconds", "The torque task period must be positive.");
            }

            this.inputs = inputs;
            this.intention = intention;
            this.arbiter = arbiter;
            this.signals = signals;
            periodSeconds = periodMicroseconds / 1000000f;
            kmhPerRadianPerSecond = arbiterSettings.KmhPerRadianPerSecond;
        }

        /// <summary>
        /// CAN receive path whose MCU_Feedback timeout puts the driver intention into limp-home, because the
        /// torque monitor cannot check delivered torque without feedback. Null (no CAN) leaves it out.
        /// </summary>
        public Network.VcuCanReceiver? Receiver { get; set; }

        /// <summary>HV power management; torque is allowed only while it reports ready to drive. Null leaves it out.</summary>
        public HighVoltage.HvPowerManager? HighVoltage { get; set; }

        /// <summary>Charging management; torque is zero while it inhibits driving. Null leaves it out.</summary>
        public Charging.ChargingManager? Charging { get; set; }

        /// <summary>Fault reactions: torque cap, zero torque, limp-home speed cap. Null leaves them out.</summary>
        public Faults.FaultReactionManager? FaultReactions { get; set; }

        /// <summary>Thermal management's over-temperature torque cap. Null leaves it out.</summary>
        public Thermal.ThermalManager? Thermal { get; set; }

        /// <summary>Speed above which limp-home allows no motoring torque, km/h.</summary>
        public float LimpHomeSpeedKilometresPerHour { get; set; } = 20f;

        /// <inheritdoc/>
        public void Run(long nowMicroseconds)
        {
            float speedKmh = signals.MotorSpeedRadiansPerSecond * kmhPerRadianPerSecond;
            DriveDirection requested = inputs.KeyOn ? inputs.Direction : DriveDirection.Neutral;
            bool feedbackLost = Receiver != null && Receiver.IsLost(Network.VcuCanReceiver.McuFeedbackSlot);
            bool limp = inputs.Accelerator.Status != PedalStatus.Healthy || inputs.Brake.Status != PedalStatus.Healthy || feedbackLost;
            intention.Update(inputs.Accelerator.Position, inputs.Brake.IsPressed, requested, inputs.Mode, speedKmh, limp);

            float cap = 1f;
            bool enabled = HighVoltage == null || HighVoltage.IsReadyToDrive;
            if (Charging != null && Charging.DriveInhibited)
            {
                enabled = false;
            }

            if (FaultReactions != null)
            {
                cap = FaultReactions.TorqueCapFraction;
                if (FaultReactions.ZeroTorque)
                {
                    enabled = false;
                }

                if (FaultReactions.SpeedCapActive && FloatMath.Abs(speedKmh) >= LimpHomeSpeedKilometresPerHour)
                {
                    cap = 0f;
                }
            }

            if (Thermal != null)
            {
                cap = FloatMath.Min(cap, Thermal.TorqueCapFraction);
            }

            arbiter.MotoringCapFraction = cap;
            arbiter.TorqueEnabled = enabled;

            bool supplyFault = inputs.Supply.State != SupplyState.Normal;
            arbiter.Update(intention.DemandNewtonMetres, intention.PedalReleased, inputs.Brake.Position, intention.Direction,
                signals, supplyFault, periodSeconds);
        }
    }
}
