using System;
using Controllers.Firmware.Common.Hal;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Contactors
{
    /// <summary>
    /// Break counts of the three contactors, bucketed by the current at the break: no-load (below the
    /// break threshold), load (up to the overload current) and overload, with the accumulated and maximum
    /// break current. Currents are kept in 0.1 A steps so the record serialises as integers.
    /// </summary>
    public sealed class ContactorWearRecord
    {
        /// <summary>Bytes of a serialised record: 8 header, 20 per contactor, 4 CRC.</summary>
        public const int SerializedLength = 72;

        /// <summary>First two header bytes, "CW".</summary>
        public const ushort Magic = 0x5743;

        /// <summary>Layout version in header byte 2.</summary>
        public const byte LayoutVersion = 1;

        private const int ContactorCount = 3;
        private const int EntryLength = 20;

        private readonly uint[] noLoadBreaks = new uint[ContactorCount];
        private readonly uint[] loadBreaks = new uint[ContactorCount];
        private readonly uint[] overloadBreaks = new uint[ContactorCount];
        private readonly uint[] accumulatedDeciamperes = new uint[ContactorCount];
        private readonly uint[] maximumDeciamperes = new uint[ContactorCount];

        /// <summary>Breaks of <paramref name="contactor"/> below the break current threshold.</summary>
        public uint GetNoLoadBreaks(ContactorId contactor)
        {
            return noLoadBreaks[Index(contactor)];
        }

        /// <summary>Breaks at or above the break current threshold and up to the overload current.</summary>
        public uint GetLoadBreaks(ContactorId contactor)
        {
            return loadBreaks[Index(contactor)];
        }

        /// <summary>Breaks above the overload current.</summary>
        public uint GetOverloadBreaks(ContactorId contactor)
        {
            return overloadBreaks[Index(contactor)];
        }

        /// <summary>All breaks of <paramref name="contactor"/>.</summary>
        public uint GetTotalBreaks(ContactorId contactor)
        {
            int i = Index(contactor);
            return noLoadBreaks[i] + loadBreaks[i] + overloadBreaks[i];
        }

        /// <summary>Sum of the break current magnitudes, in amperes (0.1 A resolution).</summary>
        public float GetAccumulatedBreakAmperes(ContactorId contactor)
        {
            return accumulatedDeciamperes[Index(contactor)] * 0.1f;
        }

        /// <summary>Largest break current magnitude, in amperes (0.1 A resolution).</summary>
        public float GetMaximumBreakAmperes(ContactorId contactor)
        {
            return maximumDeciamperes[Index(contactor)] * 0.1f;
        }

        /// <summary>Counts one break of <paramref name="contactor"/> at <paramref name="currentAmperes"/> (either sign).</summary>
        public void RecordBreak(ContactorId contactor, float currentAmperes, float breakThresholdAmperes, float overloadAmperes)
        {
            int i = Index(contactor);
            float magnitude = FloatMath.IsFinite(currentAmperes) ? FloatMath.Abs(currentAmperes) : overloadAmperes * 2f;
            if (magnitude < breakThresholdAmperes)
            {
                noLoadBreaks[i]++;
            }
            else if (magnitude <= overloadAmperes)
            {
                loadBreaks[i]++;
            }
            else
            {
                overloadBreaks[i]++;
            }

            // 0.1 A steps, rounded to nearest; 4e8 A keeps the cast inside uint.
            uint deciamperes = (uint)(FloatMath.Min(magnitude, 4e8f) * 10f + 0.5f);
            accumulatedDeciamperes[i] += deciamperes;
            if (deciamperes > maximumDeciamperes[i])
            {
                maximumDeciamperes[i] = deciamperes;
            }
        }

        /// <summary>Sets every count and current to zero.</summary>
        public void Clear()
        {
            for (int i = 0; i < ContactorCount; i++)
            {
                noLoadBreaks[i] = 0;
                loadBreaks[i] = 0;
                overloadBreaks[i] = 0;
                accumulatedDeciamperes[i] = 0;
                maximumDeciamperes[i] = 0;
            }
        }

        /// <summary>
        /// Writes the record with <paramref name="sequence"/> into the first <see cref="SerializedLength"/>
        /// bytes of <paramref name="buffer"/>: little-endian, CRC-32 over everything before it.
        /// </summary>
        public void Serialize(uint sequence, byte[] buffer)
        {
            CheckBuffer(buffer);
            buffer[0] = (byte)(Magic & 0xFF);
            buffer[1] = (byte)(Magic >> 8);
            buffer[2] = LayoutVersion;
            buffer[3] = 0;
            WriteUInt32(buffer, 4, sequence);
            for (int i = 0; i < ContactorCount; i++)
            {
                int offset = 8 + i * EntryLength;
                WriteUInt32(buffer, offset, noLoadBreaks[i]);
                WriteUInt32(buffer, offset + 4, loadBreaks[i]);
                WriteUInt32(buffer, offset + 8, overloadBreaks[i]);
                WriteUInt32(buffer, offset + 12, accumulatedDeciamperes[i]);
                WriteUInt32(buffer, offset + 16, maximumDeciamperes[i]);
            }

            WriteUInt32(buffer, SerializedLength - 4, Crc32.Compute(buffer, 0, SerializedLength - 4));
        }

        /// <summary>
        /// Loads the record from <paramref name="buffer"/> when header and CRC are valid, returning its
        /// sequence number in <paramref name="sequence"/>. Returns false and leaves the record unchanged otherwise.
        /// </summary>
        public bool TryDeserialize(byte[] buffer, out uint sequence)
        {
            CheckBuffer(buffer);
            sequence = 0;
            bool header = buffer[0] == (byte)(Magic & 0xFF) && buffer[1] == (byte)(Magic >> 8) && buffer[2] == LayoutVersion;
            if (!header || ReadUInt32(buffer, SerializedLength - 4) != Crc32.Compute(buffer, 0, SerializedLength - 4))
            {
                return false;
            }

            sequence = ReadUInt32(buffer, 4);
            for (int i = 0; i < ContactorCount; i++)
            {
                int offset = 8 + i * EntryLength;
                noLoadBreaks[i] = ReadUInt32(buffer, offset);
                loadBreaks[i] = ReadUInt32(buffer, offset + 4);
                overloadBreaks[i] = ReadUInt32(buffer, offset + 8);
                accumulatedDeciamperes[i] = ReadUInt32(buffer, offset + 12);
                maximumDeciamperes[i] = ReadUInt32(buffer, offset + 16);
            }

            return true;
        }

        private static void CheckBuffer(byte[] buffer)
        {
            if (buffer == null || buffer.Length < SerializedLength)
            {
                throw new ArgumentException("The buffer must hold at least " + SerializedLength.ToString() + " bytes.", "buffer");
            }
        }

        private static int Index(ContactorId contactor)
        {
            int index = (int)contactor;
            if (index < 0 || index >= ContactorCount)
            {
                throw new ArgumentOutOfRangeException("contactor", "The contactor must be Negative, Precharge or Positive.");
            }

            return index;
        }

        private static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }

        private static uint ReadUInt32(byte[] buffer, int offset)
        {
            return buffer[offset] | ((uint)buffer[offset + 1] << 8) | ((uint)buffer[offset + 2] << 16) | ((uint)buffer[offset + 3] << 24);
        }
    }
}
