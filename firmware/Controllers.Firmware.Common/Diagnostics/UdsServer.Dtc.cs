namespace Controllers.Firmware.Common.Diagnostics
{
    // ClearDiagnosticInformation (0x14), ReadDTCInformation (0x19) and ControlDTCSetting (0x85).
    public sealed partial class UdsServer
    {
        private const int ReportNumberOfDtcByStatusMask = 0x01;
        private const int ReportDtcByStatusMask = 0x02;
        private const int ReportDtcSnapshotIdentification = 0x03;
        private const int ReportDtcSnapshotRecordByDtcNumber = 0x04;
        private const int ReportDtcExtDataRecordByDtcNumber = 0x06;
        private const int ReportDtcBySeverityMaskRecord = 0x08;
        private const int ReportSeverityInformationOfDtc = 0x09;
        private const int ReportSupportedDtc = 0x0A;
        private const int ReportDtcFaultDetectionCounter = 0x14;

        // DTCFormatIdentifier of ISO 14229-1 DTCs (SAE J2012-DA format is 0x00, ISO 14229-1 is 0x01).
        private const byte DtcFormatIso14229 = 0x01;

        private const int AllExtendedDataRecords = 0xFF;
        private const int AllSnapshotRecords = 0xFF;

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
            int expectedLength = ExpectedReadDtcLength(memory, reportType);
            if (expectedLength == 0)
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
            switch (reportType)
            {
                case ReportDtcExtDataRecordByDtcNumber:
                    ReportExtendedData(memory, request);
                    return;
                case ReportDtcSnapshotIdentification:
                    ReportSnapshotIdentification(memory);
                    return;
                case ReportDtcSnapshotRecordByDtcNumber:
                    ReportSnapshotRecord(memory, request);
                    return;
                case ReportDtcBySeverityMaskRecord:
                case ReportSeverityInformationOfDtc:
                    ReportSeverity(memory, request, reportType);
                    return;
                case ReportDtcFaultDetectionCounter:
                    ReportFaultDetectionCounters(memory);
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

        // Request length of each supported report type, or 0 when the type is not supported. The snapshot
        // reports exist only when the memory has a snapshot layout.
        private static int ExpectedReadDtcLength(DtcMemory memory, int reportType)
        {
            switch (reportType)
            {
                case ReportNumberOfDtcByStatusMask:
                case ReportDtcByStatusMask:
                    return 3;
                case ReportDtcSnapshotIdentification:
                    return memory.HasSnapshots ? 2 : 0;
                case ReportDtcSnapshotRecordByDtcNumber:
                    return memory.HasSnapshots ? 6 : 0;
                case ReportDtcExtDataRecordByDtcNumber:
                    return 6;
                case ReportDtcBySeverityMaskRecord:
                    return 4;
                case ReportSeverityInformationOfDtc:
                    return 5;
                case ReportSupportedDtc:
                case ReportDtcFaultDetectionCounter:
                    return 2;
                default:
                    return 0;
            }
        }

        // Response 59 06 DTC(3) status, then for each record its number and one data byte: 0x01 the
        // occurrence counter, 0x02 the ageing counter while ageing is enabled. 0xFF requests all records.
        private void ReportExtendedData(DtcMemory memory, byte[] request)
        {
            const byte serviceId = UdsServiceId.ReadDtcInformation;
            int index = memory.IndexOf(ReadBigEndian(request, 2, 3));
            int recordNumber = request[5];
            bool ageing = memory.AgeingThresholdCycles > 0;
            bool known = recordNumber == DtcMemory.OccurrenceCounterRecord || recordNumber == AllExtendedDataRecords ||
                         (ageing && recordNumber == DtcMemory.AgeingCounterRecord);
            if (index < 0 || !known)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.RequestOutOfRange);
                return;
            }

            WriteDtcAndStatus(memory, index, 2);
            int position = 6;
            if (recordNumber != DtcMemory.AgeingCounterRecord)
            {
                response[position] = DtcMemory.OccurrenceCounterRecord;
                response[position + 1] = (byte)memory.OccurrenceCounterAt(index);
                position += 2;
            }

            if (ageing && recordNumber != DtcMemory.OccurrenceCounterRecord)
            {
                response[position] = DtcMemory.AgeingCounterRecord;
                response[position + 1] = (byte)memory.AgeingCounterAt(index);
                position += 2;
            }

            SendPositive(serviceId, position, false);
        }

        // Response 59 03, then DTC(3) and DTCSnapshotRecordNumber for every stored snapshot record.
        private void ReportSnapshotIdentification(DtcMemory memory)
        {
            const byte serviceId = UdsServiceId.ReadDtcInformation;
            int position = 2;
            for (int i = 0; i < memory.Count; i++)
            {
                for (int record = DtcMemory.FirstFailureSnapshotRecord; record <= DtcMemory.LatestFailureSnapshotRecord; record++)
                {
                    if (!memory.IsSnapshotStored(i, record))
                    {
                        continue;
                    }

                    if (position + 4 > MaxMessageLengthBytes)
                    {
                        SendNegative(serviceId, UdsNegativeResponseCode.ResponseTooLong);
                        return;
                    }

                    WriteDtcAndStatus(memory, i, position);
                    response[position + 3] = (byte)record;
                    position += 4;
                }
            }

            SendPositive(serviceId, position, false);
        }

        // Response 59 04 DTC(3) status, then for each stored record requested: DTCSnapshotRecordNumber,
        // DTCSnapshotRecordNumberOfIdentifiers, and per identifier its DID (2 bytes) and data. A record that
        // exists but is not stored adds nothing, so the response may end after the status.
        private void ReportSnapshotRecord(DtcMemory memory, byte[] request)
        {
            const byte serviceId = UdsServiceId.ReadDtcInformation;
            int index = memory.IndexOf(ReadBigEndian(request, 2, 3));
            int recordNumber = request[5];
            bool known = recordNumber == DtcMemory.FirstFailureSnapshotRecord || recordNumber == AllSnapshotRecords ||
                         (memory.KeepsLatestSnapshot && recordNumber == DtcMemory.LatestFailureSnapshotRecord);
            if (index < 0 || !known)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.RequestOutOfRange);
                return;
            }

            WriteDtcAndStatus(memory, index, 2);
            int position = 6;
            int recordSize = 2 + 2 * memory.SnapshotIdentifierCount + memory.SnapshotLength;
            for (int record = DtcMemory.FirstFailureSnapshotRecord; record <= DtcMemory.LatestFailureSnapshotRecord; record++)
            {
                bool requested = recordNumber == AllSnapshotRecords || recordNumber == record;
                if (!requested || !memory.IsSnapshotStored(index, record))
                {
                    continue;
                }

                // The record also needs its scratch copy at the end of the buffer (see WriteSnapshotRecord).
                if (position + recordSize + memory.SnapshotLength > MaxMessageLengthBytes)
                {
                    SendNegative(serviceId, UdsNegativeResponseCode.ResponseTooLong);
                    return;
                }

                position = WriteSnapshotRecord(memory, index, record, position);
            }

            SendPositive(serviceId, position, false);
        }

        private int WriteSnapshotRecord(DtcMemory memory, int index, int record, int position)
        {
            // The record's data is copied to the end of the response buffer first, then spread between the
            // identifiers, so nothing is allocated.
            int scratch = MaxMessageLengthBytes - memory.SnapshotLength;
            memory.CopySnapshot(index, record, response, scratch);

            response[position] = (byte)record;
            response[position + 1] = (byte)memory.SnapshotIdentifierCount;
            position += 2;
            for (int i = 0; i < memory.SnapshotIdentifierCount; i++)
            {
                int identifier = memory.SnapshotIdentifierAt(i);
                int valueLength = memory.SnapshotValueLength(i);
                response[position] = (byte)(identifier >> 8);
                response[position + 1] = (byte)identifier;
                System.Array.Copy(response, scratch + memory.SnapshotValueOffset(i), response, position + 2, valueLength);
                position += 2 + valueLength;
            }

            return position;
        }

        // 0x08 (request 19 08 DTCSeverityMask DTCStatusMask): response 59 08 DTCStatusAvailabilityMask, then
        // DTCSeverity, DTCFunctionalUnit, DTC(3) and status for every DTC that matches both masks.
        // 0x09 (request 19 09 DTC(3)): the same layout for that one DTC; an unknown DTC is requestOutOfRange.
        private void ReportSeverity(DtcMemory memory, byte[] request, int reportType)
        {
            const byte serviceId = UdsServiceId.ReadDtcInformation;
            response[2] = DtcMemory.StatusAvailabilityMask;
            int position = 3;
            if (reportType == ReportSeverityInformationOfDtc)
            {
                int index = memory.IndexOf(ReadBigEndian(request, 2, 3));
                if (index < 0)
                {
                    SendNegative(serviceId, UdsNegativeResponseCode.RequestOutOfRange);
                    return;
                }

                WriteSeverityRecord(memory, index, position);
                SendPositive(serviceId, position + 6, false);
                return;
            }

            int severityMask = request[2];
            int statusMask = request[3] & DtcMemory.StatusAvailabilityMask;
            for (int i = 0; i < memory.Count; i++)
            {
                bool matches = (memory.SeverityAt(i) & severityMask) != 0 && (memory.StatusAt(i) & statusMask) != 0;
                if (!matches)
                {
                    continue;
                }

                if (position + 6 > MaxMessageLengthBytes)
                {
                    SendNegative(serviceId, UdsNegativeResponseCode.ResponseTooLong);
                    return;
                }

                WriteSeverityRecord(memory, i, position);
                position += 6;
            }

            SendPositive(serviceId, position, false);
        }

        private void WriteSeverityRecord(DtcMemory memory, int index, int position)
        {
            response[position] = memory.SeverityAt(index);
            response[position + 1] = memory.FunctionalUnitAt(index);
            WriteDtcAndStatus(memory, index, position + 2);
        }

        // Response 59 14, then DTC(3) and DTCFaultDetectionCounter for every DTC whose counter lies between
        // 0 and +127, both excluded: the prefailed DTCs that have not yet completed as failed.
        private void ReportFaultDetectionCounters(DtcMemory memory)
        {
            const byte serviceId = UdsServiceId.ReadDtcInformation;
            int position = 2;
            for (int i = 0; i < memory.Count; i++)
            {
                int counter = memory.FaultDetectionCounterAt(i);
                if (counter <= 0 || counter >= DtcMemory.FaultDetectionFailed)
                {
                    continue;
                }

                if (position + 4 > MaxMessageLengthBytes)
                {
                    SendNegative(serviceId, UdsNegativeResponseCode.ResponseTooLong);
                    return;
                }

                WriteDtcAndStatus(memory, i, position);
                response[position + 3] = (byte)counter;
                position += 4;
            }

            SendPositive(serviceId, position, false);
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
