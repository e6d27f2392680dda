using System;
using System.Collections.Generic;
using Controllers.Firmware.Common.Can;

namespace Controllers.Can.Transports;

/// <summary>
/// One node on a <see cref="VirtualCanBus"/>. Sent frames wait in a FIFO transmit queue until they win
/// arbitration. Like a CAN controller, a node does not receive its own frames.
/// </summary>
public sealed class VirtualCanNode : CanTransport
{
    private readonly VirtualCanBus bus;

    internal VirtualCanNode(VirtualCanBus bus, string name)
    {
        this.bus = bus;
        Name = name;
    }

    /// <summary>Name given at <see cref="VirtualCanBus.Attach"/>, for logs.</summary>
    public string Name { get; }

    /// <summary>Frames waiting for the bus; guarded by the bus lock.</summary>
    internal Queue<CanFrame> PendingFrames { get; } = new Queue<CanFrame>();

    /// <inheritdoc />
    public override string ToString() => Name;

    internal void Deliver(CanFrame frame, TimeSpan timestamp)
    {
        OnFrameReceived(frame, timestamp);
    }

    /// <inheritdoc />
    protected override void SendCore(CanFrame frame)
    {
        bus.Enqueue(this, frame);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        bus.Detach(this);
    }
}
