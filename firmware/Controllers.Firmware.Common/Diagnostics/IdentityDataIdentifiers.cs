using System;

namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>
    /// Read-only identification DIDs of ISO 14229-1 Annex C.1: 0xF187 spare part number, 0xF18C ECU serial
    /// number and 0xF190 VIN, each an ASCII string whose length is fixed when the board starts.
    /// </summary>
    public sealed class IdentityDataIdentifiers : IUdsDataIdentifierHandler
    {
        /// <summary>vehicleManufacturerSparePartNumberDataIdentifier.</summary>
        public const int PartNumberIdentifier = 0xF187;

        /// <summary>ECUSerialNumberDataIdentifier.</summary>
        public const int SerialNumberIdentifier = 0xF18C;

        /// <summary>VINDataIdentifier.</summary>
        public const int VinIdentifier = 0xF190;

        /// <summary>Characters of a VIN (ISO 3779).</summary>
        public const int VinLength = 17;

        private readonly byte[] partNumber;
        private readonly byte[] serialNumber;
        private readonly byte[] vin;

        /// <summary>
        /// Creates the DIDs. <paramref name="partNumberText"/> and <paramref name="serialNumberText"/> have 1 to
        /// 32 printable ASCII characters; <paramref name="vinText"/> has 17, or is empty when the board is not
        /// yet in a vehicle, which is sent as 17 ASCII zeros.
        /// </summary>
        public IdentityDataIdentifiers(string partNumberText, string serialNumberText, string vinText)
        {
            partNumber = ToAscii(partNumberText, 1, 32, "partNumberText");
            serialNumber = ToAscii(serialNumberText, 1, 32, "serialNumberText");
            if (vinText == null || vinText.Length == 0)
            {
                vinText = "00000000000000000";
            }

            vin = ToAscii(vinText, VinLength, VinLength, "vinText");
        }

        /// <summary>Adds the three DIDs, readable in every session without security.</summary>
        public void Register(UdsDataIdentifierTable table)
        {
            if (table == null)
            {
                throw new ArgumentNullException("table");
            }

            table.Add(PartNumberIdentifier, partNumber.Length, true, false, UdsSession.AllMask, 0, this);
            table.Add(SerialNumberIdentifier, serialNumber.Length, true, false, UdsSession.AllMask, 0, this);
            table.Add(VinIdentifier, vin.Length, true, false, UdsSession.AllMask, 0, this);
        }

        /// <inheritdoc />
        public byte Read(int identifier, byte[] destination, int offset)
        {
            byte[]? value = identifier == PartNumberIdentifier ? partNumber : (identifier == SerialNumberIdentifier ? serialNumber : (identifier == VinIdentifier ? vin : null));
            if (value == null)
            {
                return UdsNegativeResponseCode.RequestOutOfRange;
            }

            Array.Copy(value, 0, destination, offset, value.Length);
            return UdsNegativeResponseCode.PositiveResponse;
        }

        /// <inheritdoc />
        public byte Write(int identifier, byte[] source, int offset, int length)
        {
            return UdsNegativeResponseCode.RequestOutOfRange;
        }

        private static byte[] ToAscii(string text, int minimumLength, int maximumLength, string name)
        {
            if (text == null || text.Length < minimumLength || text.Length > maximumLength)
            {
                throw new ArgumentException(name + " must have " + minimumLength + " to " + maximumLength + " characters.", name);
            }

            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < 0x20 || c > 0x7E)
                {
                    throw new ArgumentException(name + " = " + text + " contains a character outside printable ASCII.", name);
                }

                bytes[i] = (byte)c;
            }

            return bytes;
        }
    }
}
