namespace Controllers.Firmware.Common.Diagnostics
{
    // ClearDiagnosticInformation (0x14), ReadDTCInformation (0x19) and ControlDTCSetting (0x85).
    public sealed partial class UdsServer
    {
        private const int ReportNumberOfDtcByStatusMask = 0x01;
        private const int ReportDtcByStatusMask = 0x02;
        private const int ReportDtcExtDataRecordByDtcNumber = 0x06;
        private const int ReportSupportedDtc = 0x0A;

        // DTCFormatIdentifier of ISO 14229-1 DTCs (SAE J2012-DA format is 0x00, ISO 14229-1 is 0x01).
        private const byte DtcFormatIso14229 = 0x01;

        private const int AllExtendedDataRecords = 0xFF;

        private void HandleClearDiagnosticInformation(byte[] request, int length)
        {
            const byte serviceId = UdsServiceId.ClearDiagnosticInformation;
            if (Dtcs == null)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.ServiceNotSupported);
                return;
            }

            if (length != 4)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat);
                return;
            }

            if (!Dtcs.Clear(ReadBigEndian(request, 1, 3)))
            {
                SendNegative(serviceId, UdsNegativeResponseCode.RequestOutOfRange);
                return;
            }

            SendPositive(serviceId, 1, false);
        }

        private void HandleReadDtcInformation(byte[] request, int length)
        {
            const byte serviceId = UdsServiceId.ReadDtcInformation;
            DtcMemory? memory = Dtcs;
            if (memory == null)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.ServiceNotSupported);
                return;
            }

            if (length < 2)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat);
                return;
            }

            // ReadDTCInformation has no suppressPosRspMsgIndicationBit, so bit 7 makes the report type unknown.
            int reportType = request[1];
            int expectedLength;
            if (reportType == ReportNumberOfDtcByStatusMask || reportType == ReportDtcByStatusMask)
            {
                expectedLength = 3;
            }
            else if (reportType == ReportDtcExtDataRecordByDtcNumber)
            {
                expectedLength = 6;
            }
            else if (reportType == ReportSupportedDtc)
            {
                expectedLength = 2;
            }
            else
            {
                SendNegative(serviceId, UdsNegativeResponseCode.SubFunctionNotSupported);
                return;
            }

            if (length != expectedLength)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat);
                return;
            }

            response[1] = (byte)reportType;
            if (reportType == ReportDtcExtDataRecordByDtcNumber)
            {
                ReportExtendedData(memory, request);
                return;
            }

            response[2] = DtcMemory.StatusAvailabilityMask;
            if (reportType == ReportNumberOfDtcByStatusMask)
            {
                int mask = request[2] & DtcMemory.StatusAvailabilityMask;
                int matching = 0;
                for (int i = 0; i < memory.Count; i++)
                {
                    if ((memory.StatusAt(i) & mask) != 0)
                    {
                        matching++;
                    }
                }

                response[3] = DtcFormatIso14229;
                response[4] = (byte)(matching >> 8);
                response[5] = (byte)matching;
                SendPositive(serviceId, 6, false);
                return;
            }

            // ReportSupportedDtc lists every DTC, as a status mask of all ones would.
            int statusMask = reportType == ReportSupportedDtc ? 0xFF : request[2] & DtcMemory.StatusAvailabilityMask;
            int position = 3;
            for (int i = 0; i < memory.Count; i++)
            {
                int status = memory.StatusAt(i) & DtcMemory.StatusAvailabilityMask;
                if (reportType == ReportDtcByStatusMask && (status & statusMask) == 0)
                {
                    continue;
                }

                if (position + 4 > MaxMessageLengthBytes)
                {
                    SendNegative(serviceId, UdsNegativeResponseCode.ResponseTooLong);
                    return;
                }

                WriteDtcAndStatus(memory, i, position);
                position += 4;
            }

            SendPositive(serviceId, position, false);
        }

        // Response 59 06 DTC(3) status, then for each record its number and data. Only the occurrence
        // counter record (0x01, one byte) exists, and 0xFF requests all records.
        private void ReportExtendedData(DtcMemory memory, byte[] request)
        {
            const byte serviceId = UdsServiceId.ReadDtcInformation;
            int index = memory.IndexOf(ReadBigEndian(request, 2, 3));
            int recordNumber = request[5];
            if (index < 0 || (recordNumber != DtcMemory.OccurrenceCounterRecord && recordNumber != AllExtendedDataRecords))
            {
                SendNegative(serviceId, UdsNegativeResponseCode.RequestOutOfRange);
                return;
            }

            WriteDtcAndStatus(memory, index, 2);
            response[6] = DtcMemory.OccurrenceCounterRecord;
            response[7] = (byte)memory.OccurrenceCounterAt(index);
            SendPositive(serviceId, 8, false);
        }

        private void WriteDtcAndStatus(DtcMemory memory, int index, int position)
        {
            uint number = memory.NumberAt(index);
            response[position] = (byte)(number >> 16);
            response[position + 1] = (byte)(number >> 8);
            response[position + 2] = (byte)number;
            response[position + 3] = (byte)(memory.StatusAt(index) & DtcMemory.StatusAvailabilityMask);
        }

        private void HandleControlDtcSetting(byte[] request, int length)
        {
            const byte serviceId = UdsServiceId.ControlDtcSetting;
            if (Dtcs == null)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.ServiceNotSupported);
                return;
            }

            if (session == UdsSession.Default)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.ServiceNotSupportedInActiveSession);
                return;
            }

            if (length < 2)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat);
                return;
            }

            // DTCSettingType 0x01 on, 0x02 off. A DTCSettingControlOptionRecord after it is accepted and ignored.
            int settingType = request[1] & 0x7F;
            if (settingType != 0x01 && settingType != 0x02)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.SubFunctionNotSupported);
                return;
            }

            Dtcs.IsUpdateEnabled = settingType == 0x01;
            response[1] = (byte)settingType;
            SendPositive(serviceId, 2, IsSuppressed(request));
        }
    }
}
