using System;

namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>
    /// Routines that RoutineControl (0x31) accepts. Each entry has the sessions in which it is available,
    /// the security level it needs and whether it supports stopRoutine and requestRoutineResults.
    /// </summary>
    public sealed class UdsRoutineTable
    {
        private readonly int[] identifiers;
        private readonly int[] sessionMasks;
        private readonly int[] securityLevels;
        private readonly bool[] stoppable;
        private readonly bool[] hasResults;
        private readonly bool[] started;
        private readonly IUdsRoutineHandler[] handlers;
        private int count;

        /// <summary>Creates an empty table with room for <paramref name="capacity"/> entries.</summary>
        public UdsRoutineTable(int capacity)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException("capacity", "The table capacity must be at least 1.");
            }

            identifiers = new int[capacity];
            sessionMasks = new int[capacity];
            securityLevels = new int[capacity];
            stoppable = new bool[capacity];
            hasResults = new bool[capacity];
            started = new bool[capacity];
            handlers = new IUdsRoutineHandler[capacity];
        }

        /// <summary>Number of entries.</summary>
        public int Count
        {
            get { return count; }
        }

        /// <summary>
        /// Adds a routine. <paramref name="sessionMask"/> combines <see cref="UdsSession"/> mask bits.
        /// <paramref name="securityLevel"/> is the requestSeed sub-function that must be unlocked, or 0 for none.
        /// </summary>
        public void Add(int identifier, int sessionMask, int securityLevel, bool supportsStop, bool supportsResults, IUdsRoutineHandler handler)
        {
            if (count == identifiers.Length)
            {
                throw new InvalidOperationException("The routine table is full; create it with a larger capacity.");
            }

            if (identifier < 0 || identifier > 0xFFFF)
            {
                throw new ArgumentOutOfRangeException("identifier", "A routine identifier has 16 bits (0x0000 to 0xFFFF).");
            }

            if (handler == null)
            {
                throw new ArgumentNullException("handler");
            }

            if (IndexOf(identifier) >= 0)
            {
                throw new ArgumentException("The routine identifier is already in the table.", "identifier");
            }

            identifiers[count] = identifier;
            sessionMasks[count] = sessionMask;
            securityLevels[count] = securityLevel;
            stoppable[count] = supportsStop;
            hasResults[count] = supportsResults;
            handlers[count] = handler;
            count++;
        }

        /// <summary>Returns the index of <paramref name="identifier"/>, or -1 when it is not in the table.</summary>
        public int IndexOf(int identifier)
        {
            for (int i = 0; i < count; i++)
            {
                if (identifiers[i] == identifier)
                {
                    return i;
                }
            }

            return -1;
        }

        internal int SessionMask(int index)
        {
            return sessionMasks[index];
        }

        internal int SecurityLevel(int index)
        {
            return securityLevels[index];
        }

        internal bool SupportsStop(int index)
        {
            return stoppable[index];
        }

        internal bool SupportsResults(int index)
        {
            return hasResults[index];
        }

        internal IUdsRoutineHandler Handler(int index)
        {
            return handlers[index];
        }

        // True after a successful startRoutine, until stopRoutine or a session change.
        internal bool IsStarted(int index)
        {
            return started[index];
        }

        internal void SetStarted(int index, bool value)
        {
            started[index] = value;
        }

        internal void ClearStarted()
        {
            for (int i = 0; i < count; i++)
            {
                started[i] = false;
            }
        }
    }
}
