using System.Collections.Generic;

namespace Controllers.Can.Diagnostics;

/// <summary>ISO 14229-1 names of service identifiers, negative response codes and DTC status bits.</summary>
public static class UdsNames
{
    private static readonly Dictionary<byte, string> Services = new()
    {
        [0x10] = "DiagnosticSessionControl",
        [0x11] = "ECUReset",
        [0x14] = "ClearDiagnosticInformation",
        [0x19] = "ReadDTCInformation",
        [0x22] = "ReadDataByIdentifier",
        [0x27] = "SecurityAccess",
        [0x28] = "CommunicationControl",
        [0x2E] = "WriteDataByIdentifier",
        [0x31] = "RoutineControl",
        [0x34] = "RequestDownload",
        [0x36] = "TransferData",
        [0x37] = "RequestTransferExit",
        [0x3E] = "TesterPresent",
        [0x85] = "ControlDTCSetting",
    };

    private static readonly Dictionary<byte, string> NegativeResponseCodes = new()
    {
        [0x10] = "generalReject",
        [0x11] = "serviceNotSupported",
        [0x12] = "subFunctionNotSupported",
        [0x13] = "incorrectMessageLengthOrInvalidFormat",
        [0x14] = "responseTooLong",
        [0x21] = "busyRepeatRequest",
        [0x22] = "conditionsNotCorrect",
        [0x24] = "requestSequenceError",
        [0x25] = "noResponseFromSubnetComponent",
        [0x26] = "failurePreventsExecutionOfRequestedAction",
        [0x31] = "requestOutOfRange",
        [0x33] = "securityAccessDenied",
        [0x35] = "invalidKey",
        [0x36] = "exceededNumberOfAttempts",
        [0x37] = "requiredTimeDelayNotExpired",
        [0x70] = "uploadDownloadNotAccepted",
        [0x71] = "transferDataSuspended",
        [0x72] = "generalProgrammingFailure",
        [0x73] = "wrongBlockSequenceCounter",
        [0x78] = "requestCorrectlyReceivedResponsePending",
        [0x7E] = "subFunctionNotSupportedInActiveSession",
        [0x7F] = "serviceNotSupportedInActiveSession",
        [0x81] = "rpmTooHigh",
        [0x82] = "rpmTooLow",
        [0x83] = "engineIsRunning",
        [0x84] = "engineIsNotRunning",
        [0x85] = "engineRunTimeTooLow",
        [0x86] = "temperatureTooHigh",
        [0x87] = "temperatureTooLow",
        [0x88] = "vehicleSpeedTooHigh",
        [0x89] = "vehicleSpeedTooLow",
        [0x8A] = "throttlePedalTooHigh",
        [0x8B] = "throttlePedalTooLow",
        [0x8C] = "transmissionRangeNotInNeutral",
        [0x8D] = "transmissionRangeNotInGear",
        [0x8F] = "brakeSwitchesNotClosed",
        [0x90] = "shifterLeverNotInPark",
        [0x91] = "torqueConverterClutchLocked",
        [0x92] = "voltageTooHigh",
        [0x93] = "voltageTooLow",
    };

    private static readonly string[] StatusBits =
    [
        "testFailed",
        "testFailedThisOperationCycle",
        "pendingDTC",
        "confirmedDTC",
        "testNotCompletedSinceLastClear",
        "testFailedSinceLastClear",
        "testNotCompletedThisOperationCycle",
        "warningIndicatorRequested",
    ];

    /// <summary>Returns the service name, or "service 0xNN" for an identifier this client does not know.</summary>
    public static string ServiceName(byte serviceId) =>
        Services.TryGetValue(serviceId, out string? name) ? name : $"service 0x{serviceId:X2}";

    /// <summary>Returns the NRC name, or "reserved or manufacturer-specific" for a code without an ISO 14229-1 name here.</summary>
    public static string NegativeResponseCodeName(byte responseCode) =>
        NegativeResponseCodes.TryGetValue(responseCode, out string? name) ? name : "reserved or manufacturer-specific";

    /// <summary>Returns the name of DTC status bit <paramref name="bit"/> (0 = testFailed to 7 = warningIndicatorRequested).</summary>
    public static string DtcStatusBitName(int bit) => StatusBits[bit];
}
