using System;
using System.Collections.Generic;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;

namespace Controllers.Simulation.Network;

/// <summary>
/// A CAN bus in simulated time for boards that run in one process: each board sends through an
/// <see cref="ICanTransmitter"/> and receives through a callback. Frames take their worst-case duration at the
/// bitrate and win arbitration by identifier (<see cref="VirtualCanBus"/>), and reach every other board at the
/// end of their transmission, during <see cref="AdvanceTo"/>.
/// </summary>
public sealed class SimulatedCanNetwork
{
    private readonly VirtualCanBus bus;
    private readonly List<Attachment> attachments = [];
    private readonly CanFrame received = new();

    /// <summary>Creates a bus at <paramref name="bitrate"/> bit/s.</summary>
    public SimulatedCanNetwork(int bitrate)
    {
        bus = new VirtualCanBus(bitrate, VirtualBusClock.Simulated);
    }

    /// <summary>Bus load so far, from 0 to 1.</summary>
    public double Load => bus.Load;

    /// <summary>Frames transmitted so far.</summary>
    public long FramesTransmitted => bus.FramesTransmitted;

    /// <summary>
    /// Attaches a board. <paramref name="receive"/> gets every frame the other boards send, with the time in
    /// microseconds at the end of the frame; it may be null for a board that only sends.
    /// </summary>
    public ICanTransmitter Attach(string name, Action<CanFrame, long>? receive)
    {
        var node = bus.Attach(name);
        var attachment = new Attachment(node, receive);
        attachments.Add(attachment);
        return attachment;
    }

    /// <summary>Detaches or reattaches a board's transmitter, to model a board that goes silent.</summary>
    public void SetSilent(ICanTransmitter transmitter, bool silent)
    {
        ((Attachment)transmitter).Silent = silent;
    }

    /// <summary>Transmits what is pending up to <paramref name="timeMicroseconds"/> and delivers it.</summary>
    public void AdvanceTo(long timeMicroseconds)
    {
        var target = TimeSpan.FromTicks(timeMicroseconds * 10);
        var now = bus.Now;
        if (target > now)
        {
            bus.Advance(target - now);
        }

        foreach (var attachment in attachments)
        {
            while (attachment.Node.TryReceive(received, TimeSpan.Zero, out var timestamp))
            {
                attachment.Receive?.Invoke(received, timestamp.Ticks / 10);
            }
        }
    }

    private sealed class Attachment(VirtualCanNode node, Action<CanFrame, long>? receive) : ICanTransmitter
    {
        public VirtualCanNode Node { get; } = node;

        public Action<CanFrame, long>? Receive { get; } = receive;

        public bool Silent { get; set; }

        public bool TrySend(CanFrame frame)
        {
            if (!Silent)
            {
                Node.Send(frame);
            }

            return true;
        }
    }
}
