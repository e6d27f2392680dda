using System;

namespace Controllers.Firmware.Bms.Protection
{
    /// <summary>Set and clear delays of a fault that has no threshold (a sensor that delivers no sample).</summary>
    public sealed class FaultDebounce
    {
        /// <summary>Longest debounce time accepted, in milliseconds (10 minutes).</summary>
        public const int MaximumDebounceMilliseconds = 600000;

        /// <summary>Creates the debounce with the given delays.</summary>
        public FaultDebounce(int setDebounceMilliseconds, int clearDebounceMilliseconds)
        {
            SetDebounceMilliseconds = setDebounceMilliseconds;
            ClearDebounceMilliseconds = clearDebounceMilliseconds;
        }

        /// <summary>How long the condition must hold before the fault is set, in milliseconds.</summary>
        public int SetDebounceMilliseconds { get; set; }

        /// <summary>How long the condition must be absent before the fault clears, in milliseconds.</summary>
        public int ClearDebounceMilliseconds { get; set; }

        /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="name"/> when a delay is out of range.</summary>
        public void Validate(string name)
        {
            CheckDebounce(SetDebounceMilliseconds, name + ".SetDebounceMilliseconds");
            CheckDebounce(ClearDebounceMilliseconds, name + ".ClearDebounceMilliseconds");
        }

        internal static void CheckDebounce(int value, string name)
        {
            if (value < 0 || value > MaximumDebounceMilliseconds)
            {
                throw new ArgumentException(name + " = " + value.ToString() + " ms is outside 0 to " + MaximumDebounceMilliseconds.ToString() + " ms.", name);
            }
        }
    }
}
