using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Estimation
{
    /// <summary>
    /// State of health of a cell or pack: the capacity and ohmic-resistance estimates with their standard
    /// deviations and nominal values, and a fixed little-endian layout with CRC-32 so the record survives
    /// a power cycle in flash. Capacities are stored in microampere-hours and resistances in microohms.
    /// </summary>
    public sealed class StateOfHealth
    {
        /// <summary>Bytes of a serialised record: 8 header, 6 values of 4 bytes, 4 CRC.</summary>
        public const int SerializedLength = 36;

        /// <summary>First two header bytes, "SH".</summary>
        public const ushort Magic = 0x4853;

        /// <summary>Layout version in header byte 2.</summary>
        public const byte LayoutVersion = 1;

        // uint32 microampere-hours reach 4294 Ah and uint32 microohms reach 4294 ohms.
        private const float MaximumStoredValue = 4294.0f;

        /// <summary>Capacity estimate, in ampere-hours.</summary>
        public float CapacityAmpereHours;

        /// <summary>Standard deviation of the capacity estimate, in ampere-hours.</summary>
        public float CapacityStandardDeviationAmpereHours;

        /// <summary>Capacity of a new cell, in ampere-hours.</summary>
        public float NominalCapacityAmpereHours;

        /// <summary>Ohmic resistance R0 estimate, in ohms.</summary>
        public float ResistanceOhms;

        /// <summary>Standard deviation of the R0 estimate, in ohms.</summary>
        public float ResistanceStandardDeviationOhms;

        /// <summary>R0 of a new cell, in ohms.</summary>
        public float NominalResistanceOhms;

        /// <summary>Capacity SOH: estimate divided by nominal capacity (1 when new), or NaN without a nominal capacity.</summary>
        public float CapacityStateOfHealth
        {
            get { return NominalCapacityAmpereHours > 0f ? CapacityAmpereHours / NominalCapacityAmpereHours : float.NaN; }
        }

        /// <summary>Standard deviation of <see cref="CapacityStateOfHealth"/>.</summary>
        public float CapacityStateOfHealthStandardDeviation
        {
            get { return NominalCapacityAmpereHours > 0f ? CapacityStandardDeviationAmpereHours / NominalCapacityAmpereHours : float.NaN; }
        }

        /// <summary>Resistance SOH: nominal R0 divided by the estimate (1 when new, falling as R0 grows), or NaN without an estimate.</summary>
        public float ResistanceStateOfHealth
        {
            get { return ResistanceOhms > 0f ? NominalResistanceOhms / ResistanceOhms : float.NaN; }
        }

        /// <summary>
        /// Standard deviation of <see cref="ResistanceStateOfHealth"/> to first order: nominal R0 times the
        /// R0 standard deviation divided by the estimate squared.
        /// </summary>
        public float ResistanceStateOfHealthStandardDeviation
        {
            get { return ResistanceOhms > 0f ? NominalResistanceOhms * ResistanceStandardDeviationOhms / (ResistanceOhms * ResistanceOhms) : float.NaN; }
        }

        /// <summary>Copies the current estimates, their standard deviations and nominal values from both estimators.</summary>
        public void Capture(CapacityEstimator capacity, ResistanceEstimator resistance)
        {
            if (capacity == null || resistance == null)
            {
                throw new ArgumentException("Both a capacity estimator and a resistance estimator are required.", capacity == null ? "capacity" : "resistance");
            }

            CapacityAmpereHours = capacity.CapacityAmpereHours;
            CapacityStandardDeviationAmpereHours = capacity.CapacityStandardDeviationAmpereHours;
            NominalCapacityAmpereHours = capacity.NominalCapacityAmpereHours;
            ResistanceOhms = resistance.ResistanceOhms;
            ResistanceStandardDeviationOhms = resistance.ResistanceStandardDeviationOhms;
            NominalResistanceOhms = resistance.NominalResistanceOhms;
        }

        /// <summary>
        /// Writes the record with <paramref name="sequence"/> into the first <see cref="SerializedLength"/>
        /// bytes of <paramref name="buffer"/>: little-endian, CRC-32 over everything before it. Values are
        /// rounded to 1 µAh or 1 µΩ and limited to 0 to 4294 Ah or ohms; NaN is stored as 0.
        /// </summary>
        public void Serialize(uint sequence, byte[] buffer)
        {
            if (buffer == null || buffer.Length < SerializedLength)
            {
                throw new ArgumentException("The buffer must hold at least " + SerializedLength.ToString() + " bytes.", "buffer");
            }

            buffer[0] = (byte)(Magic & 0xFF);
            buffer[1] = (byte)(Magic >> 8);
            buffer[2] = LayoutVersion;
            buffer[3] = 0;
            WriteUInt32(buffer, 4, sequence);
            WriteUInt32(buffer, 8, ToMicro(CapacityAmpereHours));
            WriteUInt32(buffer, 12, ToMicro(CapacityStandardDeviationAmpereHours));
            WriteUInt32(buffer, 16, ToMicro(NominalCapacityAmpereHours));
            WriteUInt32(buffer, 20, ToMicro(ResistanceOhms));
            WriteUInt32(buffer, 24, ToMicro(ResistanceStandardDeviationOhms));
            WriteUInt32(buffer, 28, ToMicro(NominalResistanceOhms));
            WriteUInt32(buffer, SerializedLength - 4, Crc32.Compute(buffer, 0, SerializedLength - 4));
        }

        /// <summary>
        /// Loads the record from the first <paramref name="length"/> bytes of <paramref name="buffer"/> and
        /// returns its sequence number in <paramref name="sequence"/>. Returns false and leaves the record
        /// unchanged when the data is shorter than <see cref="SerializedLength"/>, the header or CRC does
        /// not match, or a nominal value is zero.
        /// </summary>
        public bool TryDeserialize(byte[] buffer, int length, out uint sequence)
        {
            if (buffer == null || length < 0 || length > buffer.Length)
            {
                throw new ArgumentException("The length " + length.ToString() + " must lie within the buffer.", "length");
            }

            sequence = 0;
            if (length < SerializedLength)
            {
                return false;
            }

            bool header = buffer[0] == (byte)(Magic & 0xFF) && buffer[1] == (byte)(Magic >> 8) && buffer[2] == LayoutVersion;
            if (!header || ReadUInt32(buffer, SerializedLength - 4) != Crc32.Compute(buffer, 0, SerializedLength - 4))
            {
                return false;
            }

            uint nominalCapacity = ReadUInt32(buffer, 16);
            uint nominalResistance = ReadUInt32(buffer, 28);
            if (nominalCapacity == 0 || nominalResistance == 0)
            {
                return false;
            }

            sequence = ReadUInt32(buffer, 4);
            CapacityAmpereHours = FromMicro(ReadUInt32(buffer, 8));
            CapacityStandardDeviationAmpereHours = FromMicro(ReadUInt32(buffer, 12));
            NominalCapacityAmpereHours = FromMicro(nominalCapacity);
            ResistanceOhms = FromMicro(ReadUInt32(buffer, 20));
            ResistanceStandardDeviationOhms = FromMicro(ReadUInt32(buffer, 24));
            NominalResistanceOhms = FromMicro(nominalResistance);
            return true;
        }

        private static uint ToMicro(float value)
        {
            if (!(value > 0f))
            {
                return 0;
            }

            // Split into whole units and the fraction, because a float holds only 24 bits and the micro
            // count needs up to 32.
            float limited = FloatMath.Min(value, MaximumStoredValue);
            uint whole = (uint)limited;
            uint fraction = (uint)((limited - whole) * 1e6f + 0.5f);
            return whole * 1000000u + fraction;
        }

        private static float FromMicro(uint value)
        {
            return (value / 1000000u) + (value % 1000000u) * 1e-6f;
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
