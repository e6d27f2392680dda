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
