using System;
using Controllers.Firmware.Common.Diagnostics;

namespace Controllers.Firmware.Vcu.Inputs
{
    /// <summary>State of the 12 V supply.</summary>
    public enum SupplyState
    {
        /// <summary>Within the rated range.</summary>
        Normal = 0,

        /// <summary>Below the rated minimum.</summary>
        Undervoltage = 1,

        /// <summary>Above the rated maximum.</summary>
        Overvoltage = 2
    }

    /// <summary>
    /// 12 V supply monitor for the rated range of 9–16 V. Each fault sets after the voltage has stayed
    /// beyond its limit for longer than the debounce time and clears after it has stayed inside the
    /// hysteresis band (0.5 V inside the limit by default) for longer than the same time.
    /// </summary>
    public sealed class SupplyMonitor
    {
        private readonly float minimumVolts;
        private readonly float maximumVolts;
        private readonly float hysteresisVolts;
        private readonly DtcMemory dtcs;
        private readonly TimedQualifier under;
        private readonly TimedQualifier over;

        /// <summary>Creates the monitor with the rated range and the given hysteresis and debounce.</summary>
        public SupplyMonitor(float minimumVolts, float maximumVolts, float hysteresisVolts, long debounceMicroseconds, DtcMemory dtcs)
        {
            if (dtcs == null)
            {
                throw new ArgumentNullException("dtcs");
            }

            if (!(minimumVolts > 0f && minimumVolts + 2f * hysteresisVolts < maximumVolts && hysteresisVolts >= 0f))
            {
                throw new ArgumentException("The supply range " + minimumVolts.ToString() + "–" + maximumVolts.ToString() + " V with hysteresis "
                    + hysteresisVolts.ToString() + " V is invalid: the minimum must be positive and the two hysteresis bands must not overlap.", "minimumVolts");
            }

            this.minimumVolts = minimumVolts;
            this.maximumVolts = maximumVolts;
            this.hysteresisVolts = hysteresisVolts;
            this.dtcs = dtcs;
            under = new TimedQualifier(debounceMicroseconds, debounceMicroseconds);
            over = new TimedQualifier(debounceMicroseconds, debounceMicroseconds);
        }

        /// <summary>Debounced supply state; undervoltage wins if both were ever active.</summary>
        public SupplyState State
        {
            get
            {
                if (under.IsActive)
                {
                    return SupplyState.Undervoltage;
                }

                return over.IsActive ? SupplyState.Overvoltage : SupplyState.Normal;
            }
        }

        /// <summary>Evaluates one supply sample.</summary>
        public void Update(float volts, long nowMicroseconds)
        {
            // The raw condition of an active fault widens by the hysteresis, so the voltage must come back
            // inside the band before the clear debounce starts.
            float underLimit = under.IsActive ? minimumVolts + hysteresisVolts : minimumVolts;
            float overLimit = over.IsActive ? maximumVolts - hysteresisVolts : maximumVolts;
            under.Update(!(volts >= underLimit), nowMicroseconds);
            over.Update(volts > overLimit, nowMicroseconds);
            dtcs.ReportTestResult(VcuDtc.SupplyUndervoltage, under.IsActive);
            dtcs.ReportTestResult(VcuDtc.SupplyOvervoltage, over.IsActive);
        }
    }
}
