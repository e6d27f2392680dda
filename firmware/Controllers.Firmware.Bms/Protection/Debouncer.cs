namespace Controllers.Firmware.Bms.Protection
{
    /// <summary>
    /// Set/clear debounce of one fault level. The level sets at the first evaluation at which the set
    /// condition has held continuously for the set time, counted from the first evaluation that saw it,
    /// and clears the same way. A set delay of 0 sets at the first evaluation that meets the condition.
    /// </summary>
    internal sealed class Debouncer
    {
        private readonly long setDelayMicroseconds;
        private readonly long clearDelayMicroseconds;
        private bool active;
        private bool timing;
        private long timingSinceMicroseconds;

        public Debouncer(int setDelayMilliseconds, int clearDelayMilliseconds)
        {
            setDelayMicroseconds = setDelayMilliseconds * 1000L;
            clearDelayMicroseconds = clearDelayMilliseconds * 1000L;
        }

        public bool IsActive
        {
            get { return active; }
        }

        /// <summary>
        /// Advances the debounce. <paramref name="setCondition"/> is the fault condition (threshold exceeded);
        /// <paramref name="clearCondition"/> is its absence beyond the hysteresis. Between the two the
        /// state stays unchanged and any running timer restarts.
        /// </summary>
        public bool Update(long nowMicroseconds, bool setCondition, bool clearCondition)
        {
            bool condition = active ? clearCondition : setCondition;
            if (!condition)
            {
                timing = false;
                return active;
            }

            if (!timing)
            {
                timing = true;
                timingSinceMicroseconds = nowMicroseconds;
            }

            long delay = active ? clearDelayMicroseconds : setDelayMicroseconds;
            if (nowMicroseconds - timingSinceMicroseconds >= delay)
            {
                active = !active;
                timing = false;
            }

            return active;
        }
    }
}
