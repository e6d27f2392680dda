using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Protection
{
    /// <summary>
    /// One level of a protection: the threshold, its hysteresis and the set and clear debounce times. For
    /// an upper limit the level sets after the value stays above <see cref="Threshold"/> for the set
    /// time, and clears after it stays below <see cref="Threshold"/> minus <see cref="Hysteresis"/> for
    /// the clear time. A lower limit mirrors this. Units are those of the protected quantity.
    /// </summary>
    public sealed class ProtectionThreshold
    {
        /// <summary>Creates a level with the given threshold, hysteresis and debounce times.</summary>
        public ProtectionThreshold(float threshold, float hysteresis, int setDebounceMilliseconds, int clearDebounceMilliseconds)
        {
            Threshold = threshold;
            Hysteresis = hysteresis;
            SetDebounceMilliseconds = setDebounceMilliseconds;
            ClearDebounceMilliseconds = clearDebounceMilliseconds;
        }

        /// <summary>Value at which the level starts its set debounce.</summary>
        public float Threshold { get; set; }

        /// <summary>Distance back from the threshold that the value must cross before the clear debounce starts (0 or more).</summary>
        public float Hysteresis { get; set; }

        /// <summary>How long the threshold must be exceeded before the level sets, in milliseconds.</summary>
        public int SetDebounceMilliseconds { get; set; }

        /// <summary>How long the value must stay beyond the hysteresis before the level clears, in milliseconds.</summary>
        public int ClearDebounceMilliseconds { get; set; }

        /// <summary>
        /// Throws <see cref="ArgumentException"/> naming <paramref name="name"/> when the threshold lies outside
        /// [<paramref name="minimum"/>, <paramref name="maximum"/>], the hysteresis is negative or not below
        /// <paramref name="maximumHysteresis"/>, or a debounce time is out of range.
        /// </summary>
        public void Validate(string name, float minimum, float maximum, float maximumHysteresis)
        {
            if (!FloatMath.IsFinite(Threshold) || Threshold < minimum || Threshold > maximum)
            {
                throw new ArgumentException(name + ".Threshold = " + Threshold.ToString() + " is outside " + minimum.ToString() + " to " + maximum.ToString() + ".", name + ".Threshold");
            }

            if (!(Hysteresis >= 0f && Hysteresis < maximumHysteresis))
            {
                throw new ArgumentException(name + ".Hysteresis = " + Hysteresis.ToString() + " must be at least 0 and less than " + maximumHysteresis.ToString() + ".", name + ".Hysteresis");
            }

            FaultDebounce.CheckDebounce(SetDebounceMilliseconds, name + ".SetDebounceMilliseconds");
            FaultDebounce.CheckDebounce(ClearDebounceMilliseconds, name + ".ClearDebounceMilliseconds");
        }
    }
}
