using System;

namespace Controllers.Firmware.Vcu.HighVoltage
{
    /// <summary>
    /// Calibration of high-voltage power management. The timing defaults come from the link of
    /// boards/vcu-atv.yaml (1 mF, 47 Ω precharge, τ = 47 ms; 200 Ω active discharge, τ = 0.2 s) and the
    /// message cycle times of boards/can/vcu.dbc; docs/vcu-high-voltage.md derives each one.
    /// </summary>
    public sealed class HvPowerSettings
    {
        /// <summary>DC-link voltage over pack voltage that counts as precharged.</summary>
        public float PrechargeTargetFraction { get; set; } = 0.95f;

        /// <summary>
        /// Time from the Connect request to the link reaching the target, µs. Nominal: 25 ms negative contactor,
        /// 25 ms precharge contactor and 3τ = 141 ms, about 190 ms; 600 ms leaves room for 2.5 times the R·C.
        /// </summary>
        public long PrechargeTimeoutMicroseconds { get; set; } = 600000;

        /// <summary>
        /// Earliest time from the Connect request at which the link may reach the target, µs. Sooner means a missing
        /// link capacitance or a link already fed by a welded contact: the two contactors alone take 50 ms and 1τ more
        /// reaches only 63 %.
        /// </summary>
        public long PrechargeMinimumMicroseconds { get; set; } = 100000;

        /// <summary>
        /// Time from the Connect request to BMS state Connected with both main contactors reading closed, µs. The
        /// 226 ms nominal sequence plus up to 100 ms for BMS_ContactorStatus and 100 ms margin.
        /// </summary>
        public long ConnectTimeoutMicroseconds { get; set; } = 1000000;

        /// <summary>Time main contactor feedback may disagree while Ready before it is a fault, µs (2 cycles of 100 ms plus 50 ms).</summary>
        public long ContactorMismatchMicroseconds { get; set; } = 250000;

        /// <summary>Precharge attempts per key cycle, the first included.</summary>
        public int MaxPrechargeAttempts { get; set; } = 3;

        /// <summary>Pause between precharge attempts, µs; lets the precharge resistor cool.</summary>
        public long PrechargeRetryDelayMicroseconds { get; set; } = 2000000;

        /// <summary>Pack current below which the contactors may open, A; the BMS break limit.</summary>
        public float BreakCurrentAmperes { get; set; } = 5f;

        /// <summary>Time the pack current must stay below <see cref="BreakCurrentAmperes"/> before the contactors may open, µs: two BMS_PackStatus cycles.</summary>
        public long ZeroCurrentConfirmMicroseconds { get; set; } = 40000;

        /// <summary>Time a key-off or insulation shutdown waits for the current to fall before opening anyway, µs.</summary>
        public long RampDownTimeoutMicroseconds { get; set; } = 2000000;

        /// <summary>Time an HVIL, BMS-fault or BMS-lost shutdown waits for the current to fall, µs.</summary>
        public long FastRampDownTimeoutMicroseconds { get; set; } = 200000;

        /// <summary>Time from Disconnect to both main contactors reading open, µs: the BMS's 1 s zero-current wait plus 2 status cycles.</summary>
        public long OpenTimeoutMicroseconds { get; set; } = 1200000;

        /// <summary>DC-link voltage that counts as discharged, V: the post-crash voltage limit of ISO 6469-4:2015 §5.2.2.</summary>
        public float SafeLinkVolts { get; set; } = 60f;

        /// <summary>
        /// Active discharge time limit, µs, a project target. ISO 6469-4:2015 §5.2.2 allows 10 s after a crash, and
        /// with the 0.2 s time constant the link of the ATV falls from 403 V to 60 V in 0.38 s.
        /// </summary>
        public long DischargeTimeoutMicroseconds { get; set; } = 3000000;

        /// <summary>Time into active discharge at which the link must have fallen below <see cref="WeldCheckFraction"/> of the pack, µs.</summary>
        public long WeldCheckMicroseconds { get; set; } = 150000;

        /// <summary>
        /// Link over pack voltage that still counts as connected after <see cref="WeldCheckMicroseconds"/> of discharge.
        /// A released link is at e^(−0.1 / 0.2) = 61 % after 100 ms of discharge.
        /// </summary>
        public float WeldCheckFraction { get; set; } = 0.9f;

        /// <summary>Time the HVIL must read open before it counts, µs.</summary>
        public long HvilDebounceMicroseconds { get; set; } = 20000;

        /// <summary>
        /// Maximum working voltage for the insulation thresholds, V: 96 cells × 4.2 V. UN ECE R100 §5.1.3 and
        /// ISO 6469-4 take the isolation resistance per volt of the maximum working voltage.
        /// </summary>
        public float MaxWorkingVolts { get; set; } = 403.2f;

        /// <summary>Insulation warning threshold, Ω/V: the 500 Ω/V of UN ECE R100 §5.1.3 for AC buses.</summary>
        public float InsulationWarningOhmsPerVolt { get; set; } = 500f;

        /// <summary>Insulation fault threshold, Ω/V: the 100 Ω/V of UN ECE R100 §5.1.3 for DC buses.</summary>
        public float InsulationFaultOhmsPerVolt { get; set; } = 100f;

        /// <summary>Time an insulation reading must stay below a threshold before it counts, µs: two BMS_Insulation cycles of 1 s.</summary>
        public long InsulationDebounceMicroseconds { get; set; } = 1500000;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
        public void Validate()
        {
            if (!(PrechargeTargetFraction >= 0.5f && PrechargeTargetFraction <= 0.99f))
            {
                throw new ArgumentException("PrechargeTargetFraction must be between 0.5 and 0.99; use 0.95 for a 95 % precharge.", "PrechargeTargetFraction");
            }

            if (!(PrechargeMinimumMicroseconds >= 0 && PrechargeMinimumMicroseconds < PrechargeTimeoutMicroseconds
                  && PrechargeTimeoutMicroseconds <= ConnectTimeoutMicroseconds))
            {
                throw new ArgumentException("The precharge times must satisfy 0 <= minimum < timeout <= connect timeout.", "PrechargeTimeoutMicroseconds");
            }

            if (MaxPrechargeAttempts < 1 || PrechargeRetryDelayMicroseconds < 0)
            {
                throw new ArgumentException("MaxPrechargeAttempts must be 1 or more and the retry delay 0 or more microseconds.", "MaxPrechargeAttempts");
            }

            if (!(BreakCurrentAmperes > 0f && SafeLinkVolts > 0f && MaxWorkingVolts > SafeLinkVolts))
            {
                throw new ArgumentException("BreakCurrentAmperes and SafeLinkVolts must be positive and MaxWorkingVolts above SafeLinkVolts.", "SafeLinkVolts");
            }

            if (!(WeldCheckFraction > 0f && WeldCheckFraction < 1f && WeldCheckMicroseconds < DischargeTimeoutMicroseconds))
            {
                throw new ArgumentException("WeldCheckFraction must be between 0 and 1 and WeldCheckMicroseconds below DischargeTimeoutMicroseconds.", "WeldCheckFraction");
            }

            if (!(InsulationFaultOhmsPerVolt > 0f && InsulationWarningOhmsPerVolt >= InsulationFaultOhmsPerVolt))
            {
                throw new ArgumentException("The insulation thresholds must be positive with the warning at or above the fault threshold.", "InsulationWarningOhmsPerVolt");
            }

            if (ContactorMismatchMicroseconds < 0 || ZeroCurrentConfirmMicroseconds < 0 || RampDownTimeoutMicroseconds < 0 || FastRampDownTimeoutMicroseconds < 0
                || OpenTimeoutMicroseconds <= 0 || HvilDebounceMicroseconds < 0 || InsulationDebounceMicroseconds < 0)
            {
                throw new ArgumentException("High-voltage delays and timeouts must be 0 or more microseconds (the open timeout positive).", "OpenTimeoutMicroseconds");
            }
        }
    }
}
