namespace Controllers.Firmware.Common.Diagnostics
{
    // ReadDataByIdentifier (0x22) and WriteDataByIdentifier (0x2E).
    public sealed partial class UdsServer
    {
        private void HandleReadDataByIdentifier(byte[] request, int length)
        {
            const byte serviceId = UdsServiceId.ReadDataByIdentifier;
            UdsDataIdentifierTable? table = DataIdentifiers;
            if (table == null)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.ServiceNotSupported);
                return;
            }

            // One or more 2-byte identifiers.
            if (length < 3 || (length - 1) % 2 != 0)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat);
                return;
            }

            // Identifiers that are unknown, write-only or unavailable in this session are left out of the
            // response, and requestOutOfRange is sent only when none is left.
            int position = 1;
            int included = 0;
            for (int i = 1; i < length; i += 2)
            {
                int identifier = (request[i] << 8) | request[i + 1];
                int index = table.IndexOf(identifier);
                if (index < 0 || !table.IsReadable(index) || !IsInSession(table.SessionMask(index)))
                {
                    continue;
                }

                if (!IsUnlocked(table.SecurityLevel(index)))
                {
                    SendNegative(serviceId, UdsNegativeResponseCode.SecurityAccessDenied);
                    return;
                }

                int valueLength = table.Length(index);
                if (position + 2 + valueLength > MaxMessageLengthBytes)
                {
                    SendNegative(serviceId, UdsNegativeResponseCode.ResponseTooLong);
                    return;
                }

                response[position] = (byte)(identifier >> 8);
                response[position + 1] = (byte)identifier;
                byte code = table.Handler(index).Read(identifier, response, position + 2);
                if (code != UdsNegativeResponseCode.PositiveResponse)
                {
                    SendNegative(serviceId, code);
                    return;
                }

                position += 2 + valueLength;
                included++;
            }

            if (included == 0)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.RequestOutOfRange);
                return;
            }

            SendPositive(serviceId, position, false);
        }

        private void HandleWriteDataByIdentifier(byte[] request, int length)
        {
            const byte serviceId = UdsServiceId.WriteDataByIdentifier;
            UdsDataIdentifierTable? table = DataIdentifiers;
            if (table == null)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.ServiceNotSupported);
                return;
            }

            if (length < 4)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat);
                return;
            }

            int identifier = (request[1] << 8) | request[2];
            int index = table.IndexOf(identifier);
            if (index < 0 || !table.IsWritable(index) || !IsInSession(table.SessionMask(index)))
            {
                SendNegative(serviceId, UdsNegativeResponseCode.RequestOutOfRange);
                return;
            }

            if (!IsUnlocked(table.SecurityLevel(index)))
            {
                SendNegative(serviceId, UdsNegativeResponseCode.SecurityAccessDenied);
                return;
            }

            if (length != 3 + table.Length(index))
            {
                SendNegative(serviceId, UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat);
                return;
            }

            byte code = table.Handler(index).Write(identifier, request, 3, length - 3);
            if (code != UdsNegativeResponseCode.PositiveResponse)
            {
                SendNegative(serviceId, code);
                return;
            }

            response[1] = (byte)(identifier >> 8);
            response[2] = (byte)identifier;
            SendPositive(serviceId, 3, false);
        }
    }
}
