using System;

namespace Controllers.Firmware.Common.Calibration
{
    /// <summary>
    /// Who calibrated the board, when, with which reference instrument and reference values, and by which
    /// procedure. It is the value of DID 0x41FE and the last <see cref="Length"/> bytes of the stored record.
    /// </summary>
    /// <remarks>
    /// Layout, big-endian: operator (16 bytes of printable ASCII, padded with 0), UTC time in seconds since
    /// 1970-01-01 (8, signed), reference instrument id or serial number (16, ASCII as the operator). Then
    /// four reference values (4 × 4, IEEE 754 single, 0x7FC00000 when unused), procedure id (2) and 6
    /// reserved zero bytes.
    /// </remarks>
    public sealed class CalibrationMetadata
    {
        /// <summary>Encoded length in bytes.</summary>
        public const int Length = 64;

        /// <summary>Largest operator name and instrument id, in ASCII characters.</summary>
        public const int TextLength = 16;

        /// <summary>Number of reference values.</summary>
        public const int ReferenceValueCount = 4;

        /// <summary>No procedure has run (factory defaults).</summary>
        public const int ProcedureNone = 0;

        /// <summary>Cell-voltage gain and offset per channel.</summary>
        public const int ProcedureCellVoltage = 1;

        /// <summary>Current offset at zero and gain at a reference current.</summary>
        public const int ProcedureCurrent = 2;

        /// <summary>NTC channel check against a reference temperature.</summary>
        public const int ProcedureNtcCheck = 3;

        /// <summary>Insulation bridge calibration with known resistors.</summary>
        public const int ProcedureInsulation = 4;

        /// <summary>Accelerator and brake pedal end points.</summary>
        public const int ProcedurePedal = 5;

        private const int OperatorOffset = 0;
        private const int TimeOffset = 16;
        private const int InstrumentOffset = 24;
        private const int ReferenceOffset = 40;
        private const int ProcedureOffset = 56;
        private const int ReservedOffset = 58;

        private readonly byte[] encoded = new byte[Length];

        /// <summary>Creates empty metadata: no operator, time 0, no instrument, NaN references, procedure 0.</summary>
        public CalibrationMetadata()
        {
            Clear();
        }

        /// <summary>UTC time of the calibration, seconds since 1970-01-01.</summary>
        public long UnixSeconds
        {
            get
            {
                long value = 0;
                for (int i = 0; i < 8; i++)
                {
                    value = (value << 8) | encoded[TimeOffset + i];
                }

                return value;
            }
        }

        /// <summary>Procedure id, one of the Procedure constants or a later one.</summary>
        public int ProcedureId
        {
            get { return (encoded[ProcedureOffset] << 8) | encoded[ProcedureOffset + 1]; }
        }

        /// <summary>Operator name (printable ASCII, at most 16 characters).</summary>
        public string OperatorName
        {
            get { return ReadText(OperatorOffset); }
        }

        /// <summary>Reference instrument id or serial number.</summary>
        public string InstrumentId
        {
            get { return ReadText(InstrumentOffset); }
        }

        /// <summary>Reference value <paramref name="index"/> (0 to 3), NaN when unused.</summary>
        public float ReferenceValue(int index)
        {
            if (index < 0 || index >= ReferenceValueCount)
            {
                throw new ArgumentOutOfRangeException("index", "index = " + index + " must lie within 0 to 3.");
            }

            return BigEndian.ReadSingle(encoded, ReferenceOffset + 4 * index);
        }

        /// <summary>Resets to the empty metadata of a board that was never calibrated.</summary>
        public void Clear()
        {
            for (int i = 0; i < Length; i++)
            {
                encoded[i] = 0;
            }

            for (int i = 0; i < ReferenceValueCount; i++)
            {
                BigEndian.WriteUnset(encoded, ReferenceOffset + 4 * i);
            }
        }

        /// <summary>Writes the <see cref="Length"/> encoded bytes to <paramref name="destination"/> at <paramref name="offset"/>.</summary>
        public void Encode(byte[] destination, int offset)
        {
            Array.Copy(encoded, 0, destination, offset, Length);
        }

        /// <summary>
        /// Takes <see cref="Length"/> encoded bytes from <paramref name="source"/> at <paramref name="offset"/>.
        /// Returns false and keeps the metadata when a text field contains a byte that is not printable ASCII
        /// or 0 padding, the time is negative or the reserved bytes are not zero.
        /// </summary>
        public bool Decode(byte[] source, int offset)
        {
            if (!IsText(source, offset + OperatorOffset) || !IsText(source, offset + InstrumentOffset))
            {
                return false;
            }

            if ((source[offset + TimeOffset] & 0x80) != 0)
            {
                return false;
            }

            for (int i = ReservedOffset; i < Length; i++)
            {
                if (source[offset + i] != 0)
                {
                    return false;
                }
            }

            Array.Copy(source, offset, encoded, 0, Length);
            return true;
        }

        // Printable ASCII from the start, then only 0 padding.
        private static bool IsText(byte[] source, int offset)
        {
            bool padding = false;
            for (int i = 0; i < TextLength; i++)
            {
                byte value = source[offset + i];
                if (value == 0)
                {
                    padding = true;
                    continue;
                }

                if (padding || value < 0x20 || value > 0x7E)
                {
                    return false;
                }
            }

            return true;
        }

        private string ReadText(int offset)
        {
            int length = 0;
            while (length < TextLength && encoded[offset + length] != 0)
            {
                length++;
            }

            char[] characters = new char[length];
            for (int i = 0; i < length; i++)
            {
                characters[i] = (char)encoded[offset + i];
            }

            return new string(characters);
        }
    }
}
