using System;

namespace Controllers.Can.Diagnostics;

/// <summary>Negative response (0x7F, service identifier, NRC) from a UDS server.</summary>
public sealed class UdsNegativeResponseException : Exception
{
    /// <summary>Creates the exception for the negative response <paramref name="responseCode"/> to <paramref name="serviceId"/>.</summary>
    public UdsNegativeResponseException(byte serviceId, byte responseCode)
        : base($"{UdsNames.ServiceName(serviceId)} (0x{serviceId:X2}) was rejected with NRC 0x{responseCode:X2} {UdsNames.NegativeResponseCodeName(responseCode)}.")
    {
        ServiceId = serviceId;
        ResponseCode = responseCode;
    }

    /// <summary>Service identifier of the rejected request.</summary>
    public byte ServiceId { get; }

    /// <summary>Negative response code (NRC).</summary>
    public byte ResponseCode { get; }

    /// <summary>ISO 14229-1 name of <see cref="ResponseCode"/>, such as requestOutOfRange.</summary>
    public string ResponseCodeName => UdsNames.NegativeResponseCodeName(ResponseCode);
}
