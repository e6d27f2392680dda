using System;
using System.IO;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Can.Diagnostics;

/// <summary>
/// UDS (ISO 14229-1) client on one ISO-TP connection over an <see cref="ICanTransport"/>. Each service
/// method sends one request and blocks until the positive response arrives. It raises
/// <see cref="UdsNegativeResponseException"/> for a negative response and <see cref="TimeoutException"/>
/// when no response arrives within P2, or within P2* after a responsePending (0x78). The ISO-TP layer is
/// the firmware <see cref="IsoTpEndpoint"/>, which this class pumps from the calling thread: it moves
/// received frames into the endpoint and runs the endpoint's timers. It is not thread-safe, so send one request at a time.
/// </summary>
public sealed partial class UdsClient
{
    private const byte NegativeResponseServiceId = 0x7F;
    private const byte ResponsePending = 0x78;
    private const byte PositiveResponseOffset = 0x40;

    // Frames drained per pump step, so a flooded bus cannot keep the loop from checking its deadline.
    private const int MaxFramesPerStep = 64;

    private readonly ICanTransport transport;
    private readonly IMonotonicClock clock;
    private readonly IsoTpEndpoint endpoint;
    private readonly CanFrame receivedFrame = new();
    private readonly byte[] responseBuffer = new byte[IsoTpSettings.MaxMessageLengthBytes];

    /// <summary>
    /// Creates a client that sends requests on <see cref="IsoTpSettings.TransmitId"/> and receives responses
    /// on <see cref="IsoTpSettings.ReceiveId"/> of <paramref name="isoTp"/>. <paramref name="clock"/> times
    /// P2, P2* and the ISO-TP timeouts, and defaults to a <see cref="StopwatchClock"/>. The transport stays
    /// owned by the caller.
    /// </summary>
    public UdsClient(ICanTransport transport, IsoTpSettings isoTp, IMonotonicClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(isoTp);
        this.transport = transport;
        this.clock = clock ?? new StopwatchClock();
        endpoint = new IsoTpEndpoint(isoTp, new TransportTransmitter(transport), this.clock);
    }

    /// <summary>
    /// Time to wait for the start of a response after the request was sent (P2client), default 50 ms.
    /// A response whose first frame arrives in time may take longer to complete, bounded by ISO-TP N_Cr.
    /// </summary>
    public TimeSpan P2Timeout { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Time to wait after each responsePending (0x78) negative response (P2*client), default 5000 ms.</summary>
    public TimeSpan P2StarTimeout { get; set; } = TimeSpan.FromMilliseconds(5000);

    /// <summary>Longest wait for one received frame in each pump step, default 1 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>responsePending (0x78) responses received since the client was created.</summary>
    public long ResponsePendingCount { get; private set; }

    /// <summary>Responses that matched no outstanding request and were dropped.</summary>
    public long UnexpectedResponseCount { get; private set; }

    /// <summary>
    /// Sends <paramref name="request"/> (service identifier first) and returns the positive response.
    /// </summary>
    /// <exception cref="UdsNegativeResponseException">The server sent a negative response other than 0x78.</exception>
    /// <exception cref="TimeoutException">No response within P2 or P2*, or an ISO-TP timeout while sending.</exception>
    /// <exception cref="IOException">The ISO-TP transfer of the request failed for another reason.</exception>
    public byte[] SendRequest(ReadOnlySpan<byte> request) => SendRequest(request, 0);

    /// <summary>
    /// Sends <paramref name="request"/> and returns the first positive response whose bytes 1 to
    /// <paramref name="echoLength"/> equal those of the request (bit 7 of byte 1 aside), such as the
    /// sub-function or data identifier. Other positive responses, such as a late reply to an earlier
    /// request, are dropped and counted in <see cref="UnexpectedResponseCount"/>.
    /// </summary>
    private byte[] SendRequest(ReadOnlySpan<byte> request, int echoLength)
    {
        byte[]? response = Exchange(request, echoLength, expectResponse: true);
        return response!;
    }

    /// <summary>Sends a request whose positive response is suppressed, and returns when it has been sent.</summary>
    private void SendRequestWithoutResponse(ReadOnlySpan<byte> request)
    {
        Exchange(request, 0, expectResponse: false);
    }

    private byte[]? Exchange(ReadOnlySpan<byte> request, int echoLength, bool expectResponse)
    {
        if (request.Length < 1 || request.Length > IsoTpSettings.MaxMessageLengthBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "A UDS request has 1 to 4095 bytes.");
        }

        byte serviceId = request[0];
        DiscardWaitingMessage();
        byte[] data = request.ToArray();
        if (!endpoint.TryStartTransmit(data, 0, data.Length))
        {
            throw new InvalidOperationException("The previous request is still being sent.");
        }

        WaitForTransmit(serviceId);
        if (!expectResponse)
        {
            return null;
        }

        return WaitForResponse(data, echoLength);
    }

    private void WaitForTransmit(byte serviceId)
    {
        // The endpoint ends every transfer within its N_As, N_Bs and wait frame limits, so this loop ends.
        while (endpoint.IsTransmitting)
        {
            PumpStep(PollInterval);
        }

        IsoTpResult result = endpoint.LastTransmitResult;
        if (result == IsoTpResult.Success)
        {
            return;
        }

        string message = $"Sending the {UdsNames.ServiceName(serviceId)} (0x{serviceId:X2}) request failed: ISO-TP {result}.";
        if (result is IsoTpResult.TimeoutAs or IsoTpResult.TimeoutBs)
        {
            throw new TimeoutException(message);
        }

        throw new IOException(message);
    }

    private byte[] WaitForResponse(byte[] request, int echoLength)
    {
        byte serviceId = request[0];
        TimeSpan timeout = P2Timeout;
        long deadline = clock.NowMicroseconds + Microseconds(timeout);
        while (true)
        {
            if (endpoint.IsMessageAvailable)
            {
                int length = endpoint.ReadMessage(responseBuffer, 0);
                if (length >= 3 && responseBuffer[0] == NegativeResponseServiceId && responseBuffer[1] == serviceId)
                {
                    byte responseCode = responseBuffer[2];
                    if (responseCode != ResponsePending)
                    {
                        throw new UdsNegativeResponseException(serviceId, responseCode);
                    }

                    // NOTE: the number of responsePending responses is not limited, so a server that
                    // keeps sending 0x78 keeps the client waiting.
                    ResponsePendingCount++;
                    timeout = P2StarTimeout;
                    deadline = clock.NowMicroseconds + Microseconds(timeout);
                    continue;
                }

                if (responseBuffer[0] == (byte)(serviceId + PositiveResponseOffset) && EchoesRequest(request, length, echoLength))
                {
                    return responseBuffer.AsSpan(0, length).ToArray();
                }

                UnexpectedResponseCount++;
                continue;
            }

            long remaining = deadline - clock.NowMicroseconds;

            // A response that started in time is still received; ISO-TP N_Cr bounds how long that takes.
            if (remaining <= 0 && !endpoint.IsReceiving)
            {
                throw new TimeoutException(
                    $"{UdsNames.ServiceName(serviceId)} (0x{serviceId:X2}) received no response within {timeout.TotalMilliseconds:0} ms.");
            }

            TimeSpan wait = remaining > 0 ? TimeSpan.FromTicks(Math.Min(PollInterval.Ticks, remaining * 10)) : PollInterval;
            PumpStep(wait);
        }
    }

    private bool EchoesRequest(byte[] request, int length, int echoLength)
    {
        if (length < 1 + echoLength)
        {
            return false;
        }

        for (int i = 1; i <= echoLength; i++)
        {
            int mask = i == 1 ? 0x7F : 0xFF;
            if ((responseBuffer[i] & mask) != (request[i] & mask))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Runs the endpoint, waits up to <paramref name="wait"/> for a frame and passes received frames to the endpoint.</summary>
    private void PumpStep(TimeSpan wait)
    {
        endpoint.Run(clock.NowMicroseconds);
        if (transport.TryReceive(receivedFrame, wait))
        {
            endpoint.OnFrameReceived(receivedFrame);
            for (int i = 1; i < MaxFramesPerStep && transport.TryReceive(receivedFrame, TimeSpan.Zero); i++)
            {
                endpoint.OnFrameReceived(receivedFrame);
            }
        }

        endpoint.Run(clock.NowMicroseconds);
    }

    /// <summary>Drops a response left over from an earlier request, such as a late reply after a timeout.</summary>
    private void DiscardWaitingMessage()
    {
        if (endpoint.IsMessageAvailable)
        {
            endpoint.ReadMessage(responseBuffer, 0);
            UnexpectedResponseCount++;
        }
    }

    private static long Microseconds(TimeSpan duration) => duration.Ticks / 10;

    private sealed class TransportTransmitter(ICanTransport transport) : ICanTransmitter
    {
        public bool TrySend(CanFrame frame)
        {
            transport.Send(frame);
            return true;
        }
    }
}
