using System;

namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>
    /// Data identifiers (DID) that ReadDataByIdentifier (0x22) and WriteDataByIdentifier (0x2E) accept.
    /// Each entry has a fixed value length, read and write permissions, the sessions in which it is
    /// available and the security level it needs. Entries are added at start-up, up to the capacity.
    /// </summary>
    public sealed class UdsDataIdentifierTable
    {
        private readonly int[] identifiers;
        private readonly int[] lengths;
        private readonly bool[] readable;
        private readonly bool[] writable;
        private readonly int[] sessionMasks;
        private readonly int[] securityLevels;
        private readonly IUdsDataIdentifierHandler[] handlers;
        private int count;

        /// <summary>Creates an empty table with room for <paramref name="capacity"/> entries.</summary>
        public UdsDataIdentifierTable(int capacity)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException("capacity", "The table capacity must be at least 1.");
            }

            identifiers = new int[capacity];
            lengths = new int[capacity];
            readable = new bool[capacity];
            writable = new bool[capacity];
            sessionMasks = new int[capacity];
            securityLevels = new int[capacity];
            handlers = new IUdsDataIdentifierHandler[capacity];
        }

        /// <summary>Number of entries.</summary>
        public int Count
        {
            get { return count; }
        }

        /// <summary>
        /// Adds a data identifier. <paramref name="sessionMask"/> combines <see cref="UdsSession"/> mask bits.
        /// <paramref name="securityLevel"/> is the requestSeed sub-function (0x01, 0x03, ...) that must be
        /// unlocked for both reading and writing, or 0 for none.
        /// </summary>
        public void Add(int identifier, int length, bool isReadable, bool isWritable, int sessionMask, int securityLevel, IUdsDataIdentifierHandler handler)
        {
            if (count == identifiers.Length)
            {
                throw new InvalidOperationException("The data identifier table is full; create it with a larger capacity.");
            }

            if (identifier < 0 || identifier > 0xFFFF)
            {
                throw new ArgumentOutOfRangeException("identifier", "A data identifier has 16 bits (0x0000 to 0xFFFF).");
            }

            if (length < 1 || length > UdsServer.MaxMessageLengthBytes - 3)
            {
                throw new ArgumentOutOfRangeException("length", "A data identifier value has 1 to 4092 bytes.");
            }

            if (handler == null)
            {
                throw new ArgumentNullException("handler");
            }

            if (IndexOf(identifier) >= 0)
            {
                throw new ArgumentException("The data identifier is already in the table.", "identifier");
            }

            identifiers[count] = identifier;
            lengths[count] = length;
            readable[count] = isReadable;
            writable[count] = isWritable;
            sessionMasks[count] = sessionMask;
            securityLevels[count] = securityLevel;
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

        internal int Identifier(int index)
        {
            return identifiers[index];
        }

        internal int Length(int index)
        {
            return lengths[index];
        }

        internal bool IsReadable(int index)
        {
            return readable[index];
        }

        internal bool IsWritable(int index)
        {
            return writable[index];
        }

        internal int SessionMask(int index)
        {
            return sessionMasks[index];
        }

        internal int SecurityLevel(int index)
        {
            return securityLevels[index];
        }

        internal IUdsDataIdentifierHandler Handler(int index)
        {
            return handlers[index];
        }
    }
}
