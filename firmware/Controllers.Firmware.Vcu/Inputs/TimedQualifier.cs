namespace Controllers.Firmware.Vcu.Inputs
{
    /// <summary>
    /// Debounce of a fault condition in time: the output sets once the condition has held for longer than
    /// the set delay and clears once it has been absent for longer than the clear delay.
    /// </summary>
    public sealed class TimedQualifier
    {
        private readonly long setDelayMicroseconds;
        private readonly long clearDelayMicroseconds;
        private long changeSinceMicroseconds;
        private bool pending;
        private bool active;

        /// <summary>Creates a qualifier; a delay of 0 makes that edge follow the condition at once.</summary>
        public TimedQualifier(long setDelayMicroseconds, long clearDelayMicroseconds)
        {
            if (setDelayMicroseconds < 0 || clearDelayMicroseconds < 0)
            {
                throw new System.ArgumentOutOfRangeException("setDelayMicroseconds", "Debounce delays must be 0 or more microseconds.");
            }

            this.setDelayMicroseconds = setDelayMicroseconds;
            this.clearDelayMicroseconds = clearDelayMicroseconds;
        }

        /// <summary>Debounced state.</summary>
        public bool IsActive
        {
            get { return active; }
        }

        /// <summary>Feeds one sample of the raw condition and returns the debounced state.</summary>
        public bool Update(bool condition, long nowMicroseconds)
        {
            if (condition == active)
            {
                pending = false;
                return active;
            }

            if (!pending)
            {
                pending = true;
                changeSinceMicroseconds = nowMicroseconds;
            }

            long delay = condition ? setDelayMicroseconds : clearDelayMicroseconds;
            if (nowMicroseconds - changeSinceMicroseconds > delay || delay == 0)
            {
                active = condition;
                pending = false;
            }

            return active;
        }

        /// <summary>Clears the state, for example at the start of an operation cycle.</summary>
        public void Reset()
        {
            active = false;
            pending = false;
        }
    }
}
