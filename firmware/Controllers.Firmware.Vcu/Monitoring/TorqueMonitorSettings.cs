using System;

namespace Controllers.Firmware.Vcu.Monitoring
{
    /// <summary>
    /// Calibration of the torque monitor. The pedal and brake voltages repeat the input calibration on
    /// purpose: the monitor converts the raw voltages itself instead of trusting the input function.
    /// </summary>
    public sealed class TorqueMonitorSettings
    {
        /// <summary>Track 1 voltage released and at full travel, V.</summary>
        public float Track1ReleasedVolts { get; set; } = 0.8f;

        /// <inheritdoc cref="Track1ReleasedVolts"/>
        public float Track1FullVolts { get; set; } = 4.2f;

        /// <summary>Track 2 voltage released and at full travel, V.</summary>
        public float Track2ReleasedVolts { get; set; } = 0.4f;

        /// <inheritdoc cref="Track2ReleasedVolts"/>
        public float Track2FullVolts { get; set; } = 2.1f;

        /// <summary>Brake sensor voltage released and at full travel, V.</summary>
        public float BrakeReleasedVolts { get; set; } = 0.5f;

        /// <inheritdoc cref="BrakeReleasedVolts"/>
        public float BrakeFullVolts { get; set; } = 4.5f;

        /// <summary>
        /// Permitted torque as a fraction of peak at pedal 0, 25, 50, 75 and 100 %. It lies above every
        /// drive mode's pedal map (the largest map value in each row, plus creep at pedal 0).
        /// </summary>
        public float[] PermittedFractions { get; set; } = new float[] { 0.1f, 0.45f, 0.8f, 1f, 1f };

        /// <summary>Motor peak torque and peak power, N·m and W.</summary>
        public float PeakTorqueNewtonMetres { get; set; } = 90f;

        /// <inheritdoc cref="PeakTorqueNewtonMetres"/>
        public float PeakPowerWatts { get; set; } = 20000f;

        /// <summary>Largest regenerative torque the arbiter can request, N·m (lift-off plus full brake blending).</summary>
        public float MaxRegenNewtonMetres { get; set; } = 60f;

        /// <summary>Pedal travel above which a pressed brake permits no drive torque, fraction.</summary>
        public float BrakeOverridePedalThreshold { get; set; } = 0.25f;

        /// <summary>Brake travel that counts as pressed, fraction.</summary>
        public float BrakePressedThreshold { get; set; } = 0.05f;

        /// <summary>
        /// Relative tolerance on the permitted torque. It covers the feedback correction (4 %) and a
        /// feedback gain error of up to 8 %: 1.04 × 1.08 = 1.123 is below 1.15.
        /// </summary>
        public float RelativeTolerance { get; set; } = 0.15f;

        /// <summary>Absolute tolerance on the permitted torque, N·m.</summary>
        public float AbsoluteToleranceNewtonMetres { get; set; } = 5f;

        /// <summary>A mismatch must last longer than this before the monitor reacts, µs.</summary>
        public long DebounceMicroseconds { get; set; } = 50000;

        /// <summary>After the zero-torque request, feedback still above the tolerance for longer than this requests shutdown, µs.</summary>
        public long ShutdownDelayMicroseconds { get; set; } = 100000;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
        public void Validate()
        {
            if (PermittedFractions == null || PermittedFractions.Length != 5)
            {
                throw new ArgumentException("PermittedFractions needs 5 values (pedal 0, 25, 50, 75, 100 %).", "PermittedFractions");
            }

            if (!(Track1FullVolts > Track1ReleasedVolts && Track2FullVolts > Track2ReleasedVolts && BrakeFullVolts > BrakeReleasedVolts))
            {
                throw new ArgumentException("Each full-travel voltage must be above its released voltage.", "Track1FullVolts");
            }

            if (!(PeakTorqueNewtonMetres > 0f && PeakPowerWatts > 0f && MaxRegenNewtonMetres >= 0f && RelativeTolerance >= 0f && AbsoluteToleranceNewtonMetres >= 0f))
            {
                throw new ArgumentException("Torques, power and tolerances of the torque monitor must be 0 or more (peak torque and power positive).", "PeakTorqueNewtonMetres");
            }

            if (DebounceMicroseconds < 0 || ShutdownDelayMicroseconds < 0)
            {
                throw new ArgumentException("Monitor delays must be 0 or more microseconds.", "DebounceMicroseconds");
            }
        }
    }
}
