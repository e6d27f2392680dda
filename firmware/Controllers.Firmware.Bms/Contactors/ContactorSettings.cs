using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Contactors
{
    /// <summary>
    /// Timing and thresholds of the contactor sequence. The defaults suit a contactor with at most 25 ms
    /// operate time (bounce included) and 10 ms release time (TE Connectivity EVC 135 datasheet,
    /// performance data; 40 ms operate time near the pick-up voltage) and a precharge time constant near
    /// 100 ms: 95 % of the pack voltage takes −τ·ln(0.05) ≈ 3τ = 300 ms.
    /// </summary>
    public sealed class ContactorSettings
    {
        /// <summary>
        /// Time from a coil command until the feedback contact must follow, in milliseconds (1 to 1000).
        /// Longer than the datasheet's 40 ms worst-case operate time.
        /// </summary>
        public int FeedbackTimeoutMilliseconds { get; set; } = 50;

        /// <summary>Link voltage, as a fraction of pack voltage, at which precharge ends and the positive contactor closes (0.5 to 0.99).</summary>
        public float PrechargeTargetFraction { get; set; } = 0.95f;

        /// <summary>Longest precharge, from the precharge command, in milliseconds (10 to 60000).</summary>
        public int PrechargeTimeoutMilliseconds { get; set; } = 1000;

        /// <summary>
        /// Shortest plausible precharge, in milliseconds (0 to the timeout). Reaching the target earlier from a
        /// link below <see cref="PrechargeCheckFraction"/> means the link capacitance is missing or the
        /// resistor is bypassed. A link that is still charged skips this check.
        /// </summary>
        public int PrechargeMinimumMilliseconds { get; set; } = 60;

        /// <summary>Time after the precharge command at which the link must have risen to <see cref="PrechargeCheckFraction"/>, in milliseconds.</summary>
        public int PrechargeCheckMilliseconds { get; set; } = 150;

        /// <summary>
        /// Smallest link voltage fraction at the check time (0 to the target fraction). Below it, a current
        /// above <see cref="LinkShortCurrentAmperes"/> means a shorted link, and no current an open precharge path.
        /// </summary>
        public float PrechargeCheckFraction { get; set; } = 0.3f;

        /// <summary>Precharge current that marks a shorted link when the link stays low, in amperes (0.01 to 100).</summary>
        public float LinkShortCurrentAmperes { get; set; } = 1f;

        /// <summary>
        /// Rise of the link voltage, as a fraction of pack voltage, that reveals a welded positive contactor
        /// when only the negative contactor has closed (0.05 to 0.9).
        /// </summary>
        public float WeldDetectionFraction { get; set; } = 0.5f;

        /// <summary>Current magnitude below which contactors may open in a normal opening, in amperes (0.1 to 500).</summary>
        public float BreakCurrentThresholdAmperes { get; set; } = 5f;

        /// <summary>
        /// Break current above which a break counts as an overload break, in amperes. The default is the
        /// EVC 135's rated single break of 660 A at 450 VDC.
        /// </summary>
        public float OverloadBreakAmperes { get; set; } = 660f;

        /// <summary>How long a normal opening waits for the current to fall below the threshold, in milliseconds (0 to 60000).</summary>
        public int ZeroCurrentTimeoutMilliseconds { get; set; } = 1000;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range or out of order.</summary>
        public void Validate()
        {
            CheckRange(FeedbackTimeoutMilliseconds, 1, 1000, "FeedbackTimeoutMilliseconds");
            CheckRange(PrechargeTargetFraction, 0.5f, 0.99f, "PrechargeTargetFraction");
            CheckRange(PrechargeTimeoutMilliseconds, 10, 60000, "PrechargeTimeoutMilliseconds");
            CheckRange(PrechargeMinimumMilliseconds, 0, PrechargeTimeoutMilliseconds, "PrechargeMinimumMilliseconds");
            CheckRange(PrechargeCheckMilliseconds, 0, PrechargeTimeoutMilliseconds, "PrechargeCheckMilliseconds");
            CheckRange(PrechargeCheckFraction, 0f, PrechargeTargetFraction, "PrechargeCheckFraction");
            CheckRange(LinkShortCurrentAmperes, 0.01f, 100f, "LinkShortCurrentAmperes");
            CheckRange(WeldDetectionFraction, 0.05f, 0.9f, "WeldDetectionFraction");
            CheckRange(BreakCurrentThresholdAmperes, 0.1f, 500f, "BreakCurrentThresholdAmperes");
            CheckRange(OverloadBreakAmperes, BreakCurrentThresholdAmperes, 100000f, "OverloadBreakAmperes");
            CheckRange(ZeroCurrentTimeoutMilliseconds, 0, 60000, "ZeroCurrentTimeoutMilliseconds");
        }

        private static void CheckRange(int value, int minimum, int maximum, string name)
        {
            if (value < minimum || value > maximum)
            {
                throw new ArgumentException(name + " = " + value.ToString() + " is outside " + minimum.ToString() + " to " + maximum.ToString() + ".", name);
            }
        }

        private static void CheckRange(float value, float minimum, float maximum, string name)
        {
            if (!(FloatMath.IsFinite(value) && value >= minimum && value <= maximum))
            {
                throw new ArgumentException(name + " = " + value.ToString() + " is outside " + minimum.ToString() + " to " + maximum.ToString() + ".", name);
            }
        }
    }
}
