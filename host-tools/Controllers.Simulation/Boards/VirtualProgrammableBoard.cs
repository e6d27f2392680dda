using System;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Common.Update;
using Controllers.Simulation.Storage;

namespace Controllers.Simulation.Boards;

/// <summary>
/// A board with two application slots and the firmware programming services on a
/// <see cref="VirtualCanBus"/>: the firmware <see cref="UdsServer"/>, <see cref="ApplicationProgrammingHandler"/>
/// and <see cref="BootSelector"/> over a <see cref="SimulatedSlotStore"/> and a boot-control record in a
/// <see cref="SimulatedFlashStore"/>. Flash operations stall the board for their typical duration in bus
/// time. <see cref="PowerCut"/> drops everything in RAM and boots again from what the flash contains.
/// Call <see cref="Step"/> from one thread, as often as the bus clock allows.
/// </summary>
public sealed class VirtualProgrammableBoard : IDisposable
{
    private const int RecordRegionLength = 256;

    private readonly VirtualCanBus bus;
    private readonly ProgrammableBoardOptions options;
    private readonly VirtualCanNode node;
    private readonly BusClock clock;
    private readonly CanFrame frame = new();
    private readonly BoardReset reset;
    private readonly PersistentAttemptStore attempts = new();
    private readonly SeededRandom random = new();

    private IsoTpEndpoint endpoint = null!;
    private UdsIsoTpAdapter adapter = null!;
    private BootSelector selector = null!;
    private long stalledUntilMicroseconds;
    private Func<VirtualProgrammableBoard, bool>? powerCutCondition;

    /// <summary>Creates the board, programs the factory image into slot 0 and boots it.</summary>
    public VirtualProgrammableBoard(VirtualCanBus bus, ProgrammableBoardOptions options, string name = "board")
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.bus = bus;
        this.options = options;
        node = bus.Attach(name);
        clock = new BusClock(bus);
        reset = new BoardReset();
        SlotStore = new SimulatedSlotStore(options.SlotLength);
        RecordFlash = new SimulatedFlashStore(2, RecordRegionLength);

        if (options.FactoryImage is not null)
        {
            SlotStore.Program(0, options.FactoryImage);
            var factory = new ApplicationSlots(RecordFlash, 0, 1);
            factory.Load();
            factory.SetSlot(0, ApplicationSlotState.Confirmed, options.FactoryVersion, options.FactoryImage.Length);
        }

        Boot();
    }

    /// <summary>Application slots in flash; they survive power cuts.</summary>
    public SimulatedSlotStore SlotStore { get; }

    /// <summary>Flash regions 0 and 1 that contain the boot-control record; they survive power cuts.</summary>
    public SimulatedFlashStore RecordFlash { get; }

    /// <summary>The running firmware's copy of the boot-control record.</summary>
    public ApplicationSlots Slots { get; private set; } = null!;

    /// <summary>The running firmware's UDS server.</summary>
    public UdsServer Server { get; private set; } = null!;

    /// <summary>The running firmware's programming services.</summary>
    public ApplicationProgrammingHandler Programming { get; private set; } = null!;

    /// <summary>Slot the board booted from.</summary>
    public int RunningSlot => Slots.RunningSlot;

    /// <summary>Version of the running application, as DID 0xF189 reports it.</summary>
    public uint RunningVersion => Slots.GetVersion(Slots.RunningSlot);

    /// <summary>True while the running application is a trial that has not confirmed itself.</summary>
    public bool IsRunningTrial => selector.IsRunningTrial;

    /// <summary>Boots so far, the first one included.</summary>
    public int BootCount { get; private set; }

    /// <summary>Power cuts so far.</summary>
    public int PowerCutCount { get; private set; }

    /// <summary>
    /// Arms a power cut that happens at the first <see cref="Step"/> at which <paramref name="condition"/>
    /// returns true, for example after a number of erased blocks or written bytes.
    /// </summary>
    public void CutPowerWhen(Func<VirtualProgrammableBoard, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        powerCutCondition = condition;
    }

    /// <summary>
    /// Runs the board once at the current bus time: receives frames, runs ISO-TP and the UDS server, and
    /// performs a requested reset. Does nothing while a flash operation stalls the board.
    /// </summary>
    public void Step()
    {
        if (powerCutCondition is not null && powerCutCondition(this))
        {
            powerCutCondition = null;
            PowerCut();
            return;
        }

        long now = clock.NowMicroseconds;
        if (now < stalledUntilMicroseconds)
        {
            return;
        }

        while (node.TryReceive(frame, TimeSpan.Zero, out _))
        {
            endpoint.OnFrameReceived(frame);
        }

        endpoint.Run(now);
        adapter.Run(now);
        stalledUntilMicroseconds = now + SlotStore.TakeBusyMicroseconds();

        if (reset.Requested)
        {
            Boot();
        }
    }

    /// <summary>
    /// Cuts the power and switches it on again: RAM state (sessions, security, ISO-TP, an erase or
    /// download in progress, frames not yet read) is lost, and the board boots from flash.
    /// </summary>
    public void PowerCut()
    {
        PowerCutCount++;
        Boot();
    }

    /// <summary>
    /// The application's own confirmation after its self-test; returns false when nothing was saved.
    /// </summary>
    public bool ConfirmApplication() => selector.Confirm();

    /// <summary>Detaches the board from the bus.</summary>
    public void Dispose() => node.Dispose();

    private void Boot()
    {
        reset.Requested = false;
        stalledUntilMicroseconds = 0;
        SlotStore.TakeBusyMicroseconds();
        while (node.TryReceive(frame, TimeSpan.Zero, out _))
        {
        }

        Slots = new ApplicationSlots(RecordFlash, 0, 1);
        selector = new BootSelector(Slots, options.MaxTrialBoots);
        selector.Select();
        BootCount++;
        if (options.ApplicationConfirmsItself && selector.IsRunningTrial)
        {
            selector.Confirm();
        }

        Server = new UdsServer(clock)
        {
            DataIdentifiers = new UdsDataIdentifierTable(8),
            Routines = new UdsRoutineTable(8),
        };

        // Nine levels so that requestSeed 0x11 (the ninth) exists.
        Server.ConfigureSecurity(options.SecuritySecret, 9, random, attempts);
        Programming = new ApplicationProgrammingHandler(Slots, selector, SlotStore, options.BoardTypeId, options.SignatureVerifier, reset);
        Programming.Register(Server);

        var settings = new IsoTpSettings { TransmitId = options.ResponseId, ReceiveId = options.RequestId };
        endpoint = new IsoTpEndpoint(settings, new NodeTransmitter(node), clock);
        adapter = new UdsIsoTpAdapter(Server, endpoint);
    }

    private sealed class BusClock(VirtualCanBus bus) : IMonotonicClock
    {
        public long NowMicroseconds => bus.Now.Ticks / 10;
    }

    private sealed class NodeTransmitter(VirtualCanNode node) : ICanTransmitter
    {
        public bool TrySend(CanFrame frame)
        {
            node.Send(frame);
            return true;
        }
    }

    private sealed class BoardReset : IUdsResetHandler
    {
        public bool Requested { get; set; }

        public bool IsResetAllowed(int resetType) => true;

        public void Reset(int resetType) => Requested = true;
    }

    // The count of wrong keys sits in non-volatile memory on a board, so it survives power cuts here too.
    private sealed class PersistentAttemptStore : IUdsSecurityAttemptStore
    {
        private int count;

        public int LoadFailedAttempts() => count;

        public void StoreFailedAttempts(int value) => count = value;
    }

    // xorshift32: deterministic seeds, so simulated runs repeat exactly.
    private sealed class SeededRandom : IUdsRandomSource
    {
        private uint state = 0x9E3779B9;

        public uint NextUInt32()
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            return state;
        }
    }
}
