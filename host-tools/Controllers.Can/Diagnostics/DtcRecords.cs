namespace Controllers.Can.Diagnostics;

/// <summary>One DTC of a ReadDTCInformation report: its 3-byte number and its status byte.</summary>
public readonly record struct DtcAndStatus(uint Dtc, byte Status);

/// <summary>
/// Response to reportNumberOfDTCByStatusMask (0x19 0x01): the DTC status bits the server supports, the
/// DTC format (0x01 is ISO 14229-1) and the number of matching DTCs.
/// </summary>
public readonly record struct DtcCount(byte StatusAvailabilityMask, byte FormatIdentifier, int Count);

/// <summary>Session timing that DiagnosticSessionControl returns: P2server_max and P2*server_max in milliseconds.</summary>
public readonly record struct UdsSessionTiming(int P2ServerMaxMilliseconds, int P2StarServerMaxMilliseconds);

/// <summary>RoutineControl sub-functions.</summary>
public enum RoutineControlType : byte
{
    StartRoutine = 0x01,
    StopRoutine = 0x02,
    RequestRoutineResults = 0x03,
}

/// <summary>One entry of reportDTCFaultDetectionCounter (0x19 0x14): a prefailed DTC and its counter, 1 to 126.</summary>
public readonly record struct DtcFaultDetectionCounter(uint Dtc, sbyte Counter);

/// <summary>One entry of reportDTCSnapshotIdentification (0x19 0x03): a DTC with a stored snapshot record.</summary>
public readonly record struct DtcSnapshotIdentification(uint Dtc, byte RecordNumber);

/// <summary>
/// One snapshot record of reportDTCSnapshotRecordByDTCNumber (0x19 0x04): the DTC's status, the record number,
/// the number of data identifiers and the record's bytes after that count (each identifier followed by its
/// data). Splitting the bytes needs each identifier's data length, which only the ECU's description gives.
/// </summary>
public sealed record DtcSnapshotRecord(uint Dtc, byte Status, byte RecordNumber, int IdentifierCount, byte[] Data);
