using System;
using Controllers.Firmware.Common.Can;
using Controllers.Simulation.Network;

namespace Controllers.Simulation.Vehicle.Nodes;

/// <summary>
/// Network management of another node on the vehicle bus (BMS, MCU, GCU or OBC), reduced to its NM messages.
/// The node sends its NM message (identifier 0x500 + node id, layout of docs/can-matrix.md) every 500 ms while it
/// needs the bus. It also sends for the repeat message time (1.5 s) after it wakes up on bus activity or receives a
/// repeat message request. It sleeps when the bus has been silent of NM messages for the NM timeout (2 s).
/// </summary>
public sealed class NmPeerNode : ISimulatedCanNode
{
    private const long CycleMicroseconds = 500_000;
    private const long RepeatMessageMicroseconds = 1_500_000;
    private const long TimeoutMicroseconds = 2_000_000;
    private const uint NmBaseId = 0x500;

    private readonly int nodeId;
    private readonly ICanTransmitter transmitter;
    private readonly CanFrame frame = new();
    private long repeatUntilMicroseconds = long.MinValue;
    private long lastNmMicroseconds = long.MinValue;
    private long nextSendMicroseconds;
    private bool wakeRequest;
    private bool sending;

    /// <summary>Attaches node <paramref name="nodeId"/> (2 BMS, 3 MCU, 4 GCU, 5 OBC) to <paramref name="network"/>.</summary>
    public NmPeerNode(SimulatedCanNetwork network, int nodeId, string name)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (nodeId < 2 || nodeId > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(nodeId), nodeId, "NM node ids of the other nodes are 2 to 5 (VAL_TABLE_ NmNode).");
        }

        this.nodeId = nodeId;
        transmitter = network.Attach(name, Receive);
    }

    /// <summary>The node's own application needs the bus (for example the charger while mains is present).</summary>
    public bool NeedsBus { get; set; }

    /// <summary>When true the node sends nothing, as if it were unplugged or dead.</summary>
    public bool Silent { get; set; }

    /// <summary>True while the node sends NM messages.</summary>
    public bool Sending => sending;

    /// <summary>True while the node is awake: it sends, or it heard an NM message within the NM timeout.</summary>
    public bool Awake { get; private set; }

    /// <summary>Number of NM messages sent.</summary>
    public int MessagesSent { get; private set; }

    /// <summary>Applies what was received and sends the NM message when due.</summary>
    public void Step(long nowMicroseconds)
    {
        if (wakeRequest)
        {
            wakeRequest = false;
            repeatUntilMicroseconds = nowMicroseconds + RepeatMessageMicroseconds;
        }

        bool wantsToSend = !Silent && (NeedsBus || nowMicroseconds < repeatUntilMicroseconds);
        if (wantsToSend && !sending)
        {
            nextSendMicroseconds = nowMicroseconds;
        }

        sending = wantsToSend;
        Awake = sending || (lastNmMicroseconds != long.MinValue && nowMicroseconds - lastNmMicroseconds < TimeoutMicroseconds);
        if (!sending || nowMicroseconds < nextSendMicroseconds)
        {
            return;
        }

        frame.SetId(NmBaseId + (uint)nodeId, false);
        frame.Length = 8;
        Array.Clear(frame.Data);
        frame.Data[0] = (byte)nodeId;
        if (transmitter.TrySend(frame))
        {
            MessagesSent++;
            lastNmMicroseconds = nowMicroseconds;
        }

        nextSendMicroseconds = nowMicroseconds + CycleMicroseconds;
    }

    private void Receive(CanFrame received, long timeMicroseconds)
    {
        if (received.Id < NmBaseId + 1 || received.Id > NmBaseId + 5)
        {
            return;
        }

        bool repeatMessageRequest = received.Length >= 2 && (received.Data[1] & 0x01) != 0;
        if (!Awake || repeatMessageRequest)
        {
            wakeRequest = true;
        }

        lastNmMicroseconds = timeMicroseconds;
    }
}
