using System;
using System.IO;
using System.Security.Cryptography;
using Controllers.Can.Diagnostics;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Parameters;
using Controllers.Firmware.Common.Storage;
using Controllers.Firmware.Common.Update;
using Controllers.Firmware.Vcu;
using Controllers.Firmware.Vcu.Parameters;
using Controllers.Hil.Vehicle;
using Controllers.Simulation.Storage;

namespace Controllers.Cli;

/// <summary>
/// One power cycle of the simulated VCU that <c>ctl sim vcu</c> runs: the firmware boot selection over the
/// application slots, then the real <see cref="VcuCore"/> with diagnostics (request 0x7E0, response 0x7E8),
/// parameters, DTC record, pedal calibration and application update, on a node of a virtual CAN bus. The
/// non-volatile store and the slots are files under the state folder, so the next power cycle starts from
/// what this one saved. The pedal voltages come from <see cref="VcuRigInputs"/>, healthy sensors at the default end points.
/// </summary>
internal sealed class SimVcuBoard : IDisposable
{
    /// <summary>Board type id that the simulated VCU reports in DID 0xF1A0 and that its images must carry.</summary>
    public const uint BoardTypeId = 0x00020001;

    /// <summary>Bytes of one application slot.</summary>
    public const int SlotLength = 1024 * 1024;

    private const int RegionLength = 4096;
    private const int ParameterRegionA = 0;
    private const int ParameterRegionB = 1;
    private const int DtcRegionA = 2;
    private const int DtcRegionB = 3;
    private const int CalibrationRegionA = 4;
    private const int CalibrationRegionB = 5;
    private const int BootRegionA = 6;
    private const int BootRegionB = 7;

    private readonly VirtualCanNode node;
    private readonly StopwatchClock clock = new();
    private readonly CanFrame frame = new();
    private readonly ResetRequest reset = new();

    /// <summary>Boots the board from the files in <paramref name="stateFolder"/> and attaches it to <paramref name="bus"/>.</summary>
    public SimVcuBoard(VirtualCanBus bus, string stateFolder, byte[] securitySecret, byte[] signingPublicKey, IUdsSecurityAttemptStore attempts,
        VcuRigInputs inputs)
    {
        Inputs = inputs;
        var files = new HostFileAccess();
        var paths = new string[8];
        for (int i = 0; i < paths.Length; i++)
        {
            paths[i] = Path.Combine(stateFolder, $"region{i}.bin");
        }

        var store = new FileRegionStore(files, paths, RegionLength);
        var slotStore = new FileSlotStore(stateFolder, SlotLength);

        // The boot loader's part: pick the slot before the application starts.
        Slots = new ApplicationSlots(store, BootRegionA, BootRegionB);
        var selector = new BootSelector(Slots, BootSelector.DefaultMaxTrialBoots);
        selector.Select();
        var programming = new ApplicationProgrammingHandler(Slots, selector, slotStore, BoardTypeId,
            new EcdsaImageSignatureVerifier(signingPublicKey), reset);

        Parameters = new ParameterRecord(VcuParameters.CreateDatabase(), store, ParameterRegionA, ParameterRegionB);
        ParameterStatus = Parameters.Load();
        Core = new VcuCore(clock, Inputs, VcuParameters.CreateSettings(Parameters.Database, out _));
        node = bus.Attach("vcu");
        Core.AttachCan(new NodeTransmitter(node));
        Core.AddDiagnostics(new NodeTransmitter(node), new BoardDiagnosticsSettings
        {
            RequestId = 0x7E0,
            ResponseId = 0x7E8,
            SecuritySecret = securitySecret,
            RandomSource = new CryptoRandom(),
            AttemptStore = attempts,
            PartNumber = "VCU-ATV-SIM",
            SerialNumber = "SIM-0001",
            Parameters = Parameters,
            ParameterValidator = new VcuParameters(),
            DtcStore = store,
            DtcRegionA = DtcRegionA,
            DtcRegionB = DtcRegionB,
            CalibrationStore = store,
            CalibrationRegionA = CalibrationRegionA,
            CalibrationRegionB = CalibrationRegionB,
            Programming = programming,
        });
        Core.Executive.Start();
    }

    /// <summary>Pedal, switch and supply inputs; they outlive a reset, as the pedals on a vehicle do.</summary>
    public VcuRigInputs Inputs { get; }

    /// <summary>The firmware core.</summary>
    public VcuCore Core { get; }

    /// <summary>Parameter record, loaded at boot.</summary>
    public ParameterRecord Parameters { get; }

    /// <summary>Load result of the parameter record at boot.</summary>
    public ParameterLoadStatus ParameterStatus { get; }

    /// <summary>The firmware's boot-control record.</summary>
    public ApplicationSlots Slots { get; }

    /// <summary>Version of the running application as DID 0xF189 reports it.</summary>
    public uint RunningVersion => Slots.GetVersion(Slots.RunningSlot);

    /// <summary>True once an ECUReset was accepted; the caller then disposes this board and boots a new one.</summary>
    public bool ResetRequested => reset.Requested;

    /// <summary>
    /// Passes the frames received so far to the core and runs its due tasks, after waiting up to
    /// <paramref name="wait"/> for the first frame.
    /// </summary>
    public void Step(TimeSpan wait)
    {
        bool received = node.TryReceive(frame, wait);
        while (received)
        {
            Core.Receive(frame, clock.NowMicroseconds);
            received = node.TryReceive(frame, TimeSpan.Zero);
        }

        Core.Executive.RunDueTasks();
    }

    /// <summary>Saves the DTC record now, as the board does before it powers down; returns false when the save failed.</summary>
    public bool SaveNow()
    {
        DtcRecordTask? task = Core.Diagnostics?.DtcRecordTask;
        return task is null || task.SaveNow(clock.NowMicroseconds);
    }

    /// <summary>Detaches the board from the bus.</summary>
    public void Dispose() => node.Dispose();

    /// <summary>The signing public key of a PEM file as the 65-byte uncompressed point that the firmware verifier takes.</summary>
    public static byte[] ReadPublicKey(string pemPath)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(pemPath));
        ECParameters parameters = key.ExportParameters(false);
        var point = new byte[65];
        point[0] = 0x04;
        parameters.Q.X!.CopyTo(point, 1);
        parameters.Q.Y!.CopyTo(point, 33);
        return point;
    }

    private sealed class NodeTransmitter(VirtualCanNode node) : ICanTransmitter
    {
        public bool TrySend(CanFrame frame)
        {
            node.Send(frame);
            return true;
        }
    }

    // The board's hardware random number generator.
    private sealed class CryptoRandom : IUdsRandomSource
    {
        public uint NextUInt32() => BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));
    }

    private sealed class ResetRequest : IUdsResetHandler
    {
        public bool Requested { get; private set; }

        public bool IsResetAllowed(int resetType) => true;

        public void Reset(int resetType) => Requested = true;
    }
}
