using System;
using System.Collections.Generic;
using System.IO;
using Controllers.Firmware.Common.Diagnostics;

namespace Controllers.Can.Diagnostics;

// The service methods: each builds one request, sends it and checks the positive response.
public sealed partial class UdsClient
{
    private const byte SuppressPositiveResponse = 0x80;
    private const byte ReportNumberOfDtcByStatusMask = 0x01;
    private const byte ReportDtcByStatusMask = 0x02;

    /// <summary>Length of a SecurityAccess seed and key in bytes, as the firmware server uses them.</summary>
    public const int SecurityKeyLengthBytes = 4;

    /// <summary>Switches to <paramref name="session"/> (0x01 default, 0x02 programming, 0x03 extended) and returns the server's timing.</summary>
    public UdsSessionTiming DiagnosticSessionControl(byte session)
    {
        byte[] response = SendRequest([0x10, session], 1);
        ExpectEcho(response, 2, 1, session, "session");

        // sessionParameterRecord: P2server_max in 1 ms and P2*server_max in 10 ms units, big-endian.
        if (response.Length < 6)
        {
            return new UdsSessionTiming(0, 0);
        }

        return new UdsSessionTiming((response[2] << 8) | response[3], ((response[4] << 8) | response[5]) * 10);
    }

    /// <summary>Sends TesterPresent, with the positive response suppressed when <paramref name="suppressResponse"/> is true.</summary>
    public void TesterPresent(bool suppressResponse = false)
    {
        if (suppressResponse)
        {
            SendRequestWithoutResponse([0x3E, SuppressPositiveResponse]);
            return;
        }

        byte[] response = SendRequest([0x3E, 0x00], 1);
        ExpectEcho(response, 2, 1, 0x00, "sub-function");
    }

    /// <summary>Requests ECUReset of <paramref name="resetType"/> (0x01 hard, 0x03 soft).</summary>
    public void EcuReset(byte resetType)
    {
        byte[] response = SendRequest([0x11, resetType], 1);
        ExpectEcho(response, 2, 1, resetType, "reset type");
    }

    /// <summary>Reads the value of data identifier <paramref name="identifier"/>.</summary>
    public byte[] ReadDataByIdentifier(ushort identifier)
    {
        byte[] response = SendRequest([0x22, (byte)(identifier >> 8), (byte)identifier], 2);
        ExpectIdentifierEcho(response, identifier);
        return response[3..];
    }

    /// <summary>Writes <paramref name="value"/> to data identifier <paramref name="identifier"/>.</summary>
    public void WriteDataByIdentifier(ushort identifier, ReadOnlySpan<byte> value)
    {
        var request = new byte[3 + value.Length];
        request[0] = 0x2E;
        request[1] = (byte)(identifier >> 8);
        request[2] = (byte)identifier;
        value.CopyTo(request.AsSpan(3));
        byte[] response = SendRequest(request, 2);
        ExpectIdentifierEcho(response, identifier);
    }

    /// <summary>Sends requestSeed <paramref name="level"/> (odd: 0x01, 0x03, ...) and returns the seed. A seed of all zeros means the level is already unlocked.</summary>
    public byte[] RequestSeed(byte level)
    {
        CheckSeedLevel(level);
        byte[] response = SendRequest([0x27, level], 1);
        ExpectEcho(response, 2, 1, level, "security level");
        return response[2..];
    }

    /// <summary>Sends <paramref name="key"/> with sendKey <paramref name="level"/> + 1 for requestSeed <paramref name="level"/>.</summary>
    public void SendKey(byte level, ReadOnlySpan<byte> key)
    {
        CheckSeedLevel(level);
        var request = new byte[2 + key.Length];
        request[0] = 0x27;
        request[1] = (byte)(level + 1);
        key.CopyTo(request.AsSpan(2));
        byte[] response = SendRequest(request, 1);
        ExpectEcho(response, 2, 1, (byte)(level + 1), "security level");
    }

    /// <summary>
    /// Unlocks security <paramref name="level"/>: requests a seed, computes the key from
    /// <paramref name="secret"/> with <see cref="ComputeKey"/> and sends it. Returns false, without
    /// sending a key, when the server reports the level as already unlocked (a seed of all zeros).
    /// </summary>
    /// <exception cref="UdsNegativeResponseException">With invalidKey (0x35) or exceededNumberOfAttempts (0x36) for a wrong secret.</exception>
    public bool SecurityAccess(byte level, byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        byte[] seed = RequestSeed(level);
        if (Array.TrueForAll(seed, value => value == 0))
        {
            return false;
        }

        SendKey(level, ComputeKey(secret, seed));
        return true;
    }

    /// <summary>
    /// Returns the SecurityAccess key for <paramref name="seed"/>: the first 4 bytes of
    /// HMAC-SHA256(<paramref name="secret"/>, seed), computed with the firmware's own <see cref="HmacSha256"/>.
    /// </summary>
    public static byte[] ComputeKey(byte[] secret, byte[] seed)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(seed);
        var mac = new byte[Sha256.HashSizeBytes];
        new HmacSha256(secret, 0, secret.Length).Compute(seed, 0, seed.Length, mac, 0);
        return mac[..SecurityKeyLengthBytes];
    }

    /// <summary>Counts the DTCs whose status has any bit of <paramref name="statusMask"/> set (reportNumberOfDTCByStatusMask).</summary>
    public DtcCount ReadDtcCount(byte statusMask)
    {
        byte[] response = SendRequest([0x19, ReportNumberOfDtcByStatusMask, statusMask], 1);
        ExpectEcho(response, 6, 1, ReportNumberOfDtcByStatusMask, "report type");
        return new DtcCount(response[2], response[3], (response[4] << 8) | response[5]);
    }

    /// <summary>Lists the DTCs whose status has any bit of <paramref name="statusMask"/> set (reportDTCByStatusMask).</summary>
    public IReadOnlyList<DtcAndStatus> ReadDtcsByStatusMask(byte statusMask)
    {
        byte[] response = SendRequest([0x19, ReportDtcByStatusMask, statusMask], 1);
        ExpectEcho(response, 3, 1, ReportDtcByStatusMask, "report type");
        if ((response.Length - 3) % 4 != 0)
        {
            throw Malformed(response, "the DTC records are not a multiple of 4 bytes");
        }

        var records = new List<DtcAndStatus>((response.Length - 3) / 4);
        for (int position = 3; position < response.Length; position += 4)
        {
            uint dtc = (uint)((response[position] << 16) | (response[position + 1] << 8) | response[position + 2]);
            records.Add(new DtcAndStatus(dtc, response[position + 3]));
        }

        return records;
    }

    /// <summary>Clears the DTCs of <paramref name="group"/>, by default 0xFFFFFF (all groups).</summary>
    public void ClearDiagnosticInformation(uint group = 0xFFFFFF)
    {
        if (group > 0xFFFFFF)
        {
            throw new ArgumentOutOfRangeException(nameof(group), "A group of DTC has 3 bytes (at most 0xFFFFFF).");
        }

        SendRequest([0x14, (byte)(group >> 16), (byte)(group >> 8), (byte)group]);
    }

    /// <summary>
    /// Starts or stops routine <paramref name="identifier"/>, or requests its results, and returns the
    /// routineStatusRecord (the bytes after the identifier, possibly empty).
    /// </summary>
    public byte[] RoutineControl(RoutineControlType type, ushort identifier, ReadOnlySpan<byte> options = default)
    {
        var request = new byte[4 + options.Length];
        request[0] = 0x31;
        request[1] = (byte)type;
        request[2] = (byte)(identifier >> 8);
        request[3] = (byte)identifier;
        options.CopyTo(request.AsSpan(4));
        byte[] response = SendRequest(request, 3);
        ExpectEcho(response, 4, 1, (byte)type, "routine control type");
        if (((response[2] << 8) | response[3]) != identifier)
        {
            throw Malformed(response, $"it names routine 0x{(response[2] << 8) | response[3]:X4} instead of 0x{identifier:X4}");
        }

        return response[4..];
    }

    private static void CheckSeedLevel(byte level)
    {
        if (level % 2 == 0 || level > 0x41)
        {
            throw new ArgumentOutOfRangeException(nameof(level), "A requestSeed level is odd, 0x01 to 0x41.");
        }
    }

    private static void ExpectEcho(byte[] response, int minimumLength, int index, byte expected, string field)
    {
        if (response.Length < minimumLength)
        {
            throw Malformed(response, $"it has {response.Length} bytes, at least {minimumLength} expected");
        }

        if (response[index] != expected)
        {
            throw Malformed(response, $"its {field} is 0x{response[index]:X2} instead of 0x{expected:X2}");
        }
    }

    private static void ExpectIdentifierEcho(byte[] response, ushort identifier)
    {
        if (response.Length < 3)
        {
            throw Malformed(response, $"it has {response.Length} bytes, at least 3 expected");
        }

        int echoed = (response[1] << 8) | response[2];
        if (echoed != identifier)
        {
            throw Malformed(response, $"it names data identifier 0x{echoed:X4} instead of 0x{identifier:X4}");
        }
    }

    private static InvalidDataException Malformed(byte[] response, string reason)
    {
        byte serviceId = (byte)(response[0] - PositiveResponseOffset);
        return new InvalidDataException(
            $"The {UdsNames.ServiceName(serviceId)} (0x{serviceId:X2}) response {Convert.ToHexString(response)} is invalid: {reason}.");
    }
}
