namespace Controllers.Firmware.Vcu.Inputs
{
    /// <summary>
    /// Debounce of a multi-position switch: a new raw position is accepted once it has stayed unchanged for
    /// at least the debounce time.
    /// </summary>
    public sealed class SwitchDebouncer
    {
        private readonly long debounceMicroseconds;
        private int candidate;
        private long candidateSinceMicroseconds;
        private int position;

        /// <summary>Creates a debouncer that starts at <paramref name="initialPosition"/>.</summary>
        public SwitchDebouncer(long debounceMicroseconds, int initialPosition)
        {
            if (debounceMicroseconds < 0)
            {
                throw new System.ArgumentOutOfRangeException("debounceMicroseconds", "The debounce time must be 0 or more microseconds.");
            }

            this.debounceMicroseconds = debounceMicroseconds;
            position = initialPosition;
            candidate = initialPosition;
        }

        /// <summary>Debounced position.</summary>
        public int Position
        {
            get { return position; }
        }

        /// <summary>Feeds one raw sample and returns the debounced position.</summary>
        public int Update(int raw, long nowMicroseconds)
        {
            if (raw != candidate)
            {
                candidate = raw;
                candidateSinceMicroseconds = nowMicroseconds;
            }

            if (candidate != position && nowMicroseconds - candidateSinceMicroseconds >= debounceMicroseconds)
            {
                position = candidate;
            }

            return position;
        }
    }
}
