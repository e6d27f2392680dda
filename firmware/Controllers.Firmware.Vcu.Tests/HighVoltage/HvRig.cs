using System;
using System.IO;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Vcu;
using Controllers.Simulation;
using Controllers.Simulation.Network;
using Controllers.Simulation.Vehicle;
using Controllers.Simulation.Vehicle.Nodes;

namespace Controllers.Firmware.Vcu.Tests.HighVoltage;

/// <summary>
/// The VCU core against the ATV plant (boards/vcu-atv.yaml) and the plant's BMS node on a simulated 500 kbit/s bus,
/// stepped at 1 ms. The BMS side runs over CAN: the rig sends VCU_HvRequest every 20 ms from the VCU's outputs with
/// counter and CRC, and decodes the BMS messages into the VCU's signals with a timeout of three cycles per message.
/// The motor controller is not on the bus: every 10 ms the rig copies the plant's DC-link voltage and motor speed
/// into the signals as MCU_Feedback would, and the plant's active discharge follows MotorMode ActiveDischarge.
/// </summary>
/// <remarks>
/// The torque path does not read <c>IsReadyToDrive</c> yet, so the rig replaces it: while the VCU is not ready
/// to drive it scales the core's torque command down to zero over 100 ms.
/// </remarks>
internal sealed class HvRig
{
    public const long StepMicroseconds = 1000;
    private const long FeedbackPeriodMicroseconds = 10000;
    private const long RequestPeriodMicroseconds = 20000;

    public readonly SimulatedClock Clock = new();
    public readonly BoardInputs Board = new();
    public readonly VcuCore Core;
    public readonly VehiclePlant Plant;
    public readonly SimulatedCanNetwork Network = new(500000);
    public readonly BmsNode Bms;

    private readonly ICanTransmitter vcu;
    private readonly CanFrame sendFrame = new();
    private readonly VCU_HvRequest request = new();
    private readonly BMS_PackStatus packStatus = new();
    private readonly BMS_PowerLimits powerLimits = new();
    private readonly BMS_ContactorStatus contactorStatus = new();
    private readonly BMS_Insulation insulation = new();
    private readonly BMS_FaultSummary faultSummary = new();
    private long packStatusAt = long.MinValue / 2;
    private long powerLimitsAt = long.MinValue / 2;
    private long contactorStatusAt = long.MinValue / 2;
    private long insulationAt = long.MinValue / 2;
    private long faultSummaryAt = long.MinValue / 2;
    private int requestCounter;
    private double torqueScale = 1;

    public HvRig(Func<HighVoltageLink, SimulatedCanNetwork, BmsNode>? createBms = null, double? linkCapacitanceFarads = null)
    {
        var definition = VehicleDefinitionFile.Load(Path.Combine(FindRoot(), "boards", "vcu-atv.yaml"));
        if (linkCapacitanceFarads.HasValue)
        {
            definition = WithLinkCapacitance(definition, linkCapacitanceFarads.Value);
        }

        Plant = new VehiclePlant(definition);
        Core = new VcuCore(Clock, Board);
        vcu = Network.Attach("VCU", Receive);
        Bms = createBms != null ? createBms(Plant.HighVoltage, Network) : new BmsNode(Plant.HighVoltage, Network);
        Core.Executive.Start();
    }

    public HighVoltageLink Link => Plant.HighVoltage;

    public long Now => Clock.NowMicroseconds;

    /// <summary>Drops every received BMS frame, as if the BMS had gone silent to the VCU.</summary>
    public bool DropBmsFrames { get; set; }

    /// <summary>Runs in every step just before the VCU's tasks, for a test that plays another node.</summary>
    public Action? BeforeVcu { get; set; }

    /// <summary>Torque that reached the plant's motor command in the last step, N·m.</summary>
    public double AppliedTorqueNewtonMetres { get; private set; }

    /// <summary>Advances 1 ms: plant, bus delivery, BMS node, motor-controller feedback, VCU tasks, VCU transmission.</summary>
    public void Step()
    {
        Clock.Advance(StepMicroseconds);
        long now = Clock.NowMicroseconds;

        Link.ActiveDischargeOn = Core.Outputs.MotorMode == VCU_TorqueCommand.MotorModeActiveDischarge;
        double rampStep = StepMicroseconds / 100000.0;
        torqueScale = Core.HighVoltage.IsReadyToDrive ? Math.Min(1, torqueScale + rampStep) : Math.Max(0, torqueScale - rampStep);
        AppliedTorqueNewtonMetres = Core.TorqueCommandNewtonMetres * torqueScale;
        Plant.TorqueCommandNewtonMetres = AppliedTorqueNewtonMetres;
        Plant.LowVoltage.ConverterEnabled = Link.IsConnected;
        Plant.Step(StepMicroseconds / 1e6);

        Network.AdvanceTo(now);
        Bms.Step(now);
        UpdateValidity(now);

        if (now % FeedbackPeriodMicroseconds == FeedbackPeriodMicroseconds / 2)
        {
            Core.Signals.DcLinkVolts = (float)Link.LinkVolts;
            Core.Signals.MotorSpeedRadiansPerSecond = (float)Plant.Chassis.MotorSpeedRadiansPerSecond;
            Core.Signals.TorqueFeedbackNewtonMetres = (float)Plant.Motor.TorqueFeedbackNewtonMetres;
            Core.Signals.FeedbackValid = true;
        }

        BeforeVcu?.Invoke();
        Core.Executive.RunDueTasks();

        if (now % RequestPeriodMicroseconds == 0)
        {
            SendRequest();
        }
    }

    /// <summary>Steps for <paramref name="microseconds"/>.</summary>
    public void Run(long microseconds)
    {
        long end = Now + microseconds;
        while (Now < end)
        {
            Step();
        }
    }

    /// <summary>Steps until <paramref name="condition"/> is true and returns the time taken, µs. Throws after <paramref name="limitMicroseconds"/>.</summary>
    public long RunUntil(Func<bool> condition, long limitMicroseconds)
    {
        long start = Now;
        while (!condition())
        {
            if (Now - start > limitMicroseconds)
            {
                throw new TimeoutException($"Condition not met within {limitMicroseconds / 1000} ms; HV state {Core.HighVoltage.State}, reason {Core.HighVoltage.LastShutdownReason}, BMS phase {Bms.Phase}, link {Link.LinkVolts:F1} V.");
            }

            Step();
        }

        return Now - start;
    }

    /// <summary>Turns the key on and runs until the VCU is ready to drive; returns the time taken, µs.</summary>
    public long PowerOn()
    {
        Board.KeyOn = true;
        return RunUntil(() => Core.HighVoltage.IsReadyToDrive, 3_000_000);
    }

    public bool IsDtcFailed(uint number)
    {
        int index = Core.Dtcs.IndexOf(number);
        return (Core.Dtcs.StatusAt(index) & Common.Diagnostics.DtcMemory.TestFailed) != 0;
    }

    private void SendRequest()
    {
        var outputs = Core.Outputs;
        request.HvConnectRequest = outputs.HvConnectRequest;
        request.ChargeModeRequest = outputs.ChargeModeRequest ? 1 : 0;
        request.CrashDetected = outputs.CrashDetected ? 1 : 0;
        request.HvilClosed = outputs.HvilClosed ? 1 : 0;
        request.HvRequestAliveCounter = requestCounter;
        request.HvRequestCrc = 0;
        request.Encode(sendFrame);
        sendFrame.Data[VCU_HvRequest.Length - 1] = Crc8SaeJ1850.Compute(sendFrame.Data, 0, VCU_HvRequest.Length - 1);
        vcu.TrySend(sendFrame);
        requestCounter = (requestCounter + 1) & 0xF;
    }

    private void Receive(CanFrame frame, long time)
    {
        var signals = Core.Signals;
        if (DropBmsFrames)
        {
            return;
        }

        if (packStatus.TryDecode(frame))
        {
            signals.PackVolts = packStatus.PackVoltage;

            // BMS_PackStatus counts charging current as positive; VehicleSignals counts discharge as positive.
            signals.PackAmperes = -packStatus.PackCurrent;
            signals.PackSoc = packStatus.PackSoc / 100f;
            signals.PackSoh = packStatus.PackSoh / 100f;
            signals.BmsState = (int)packStatus.BmsState;
            packStatusAt = time;
        }
        else if (powerLimits.TryDecode(frame))
        {
            signals.MaxChargePowerWatts = powerLimits.MaxChargePower * 1000f;
            signals.MaxDischargePowerWatts = powerLimits.MaxDischargePower * 1000f;
            signals.MaxChargeAmperes = powerLimits.MaxChargeCurrent;
            signals.MaxDischargeAmperes = powerLimits.MaxDischargeCurrent;
            powerLimitsAt = time;
        }
        else if (contactorStatus.TryDecode(frame))
        {
            signals.MainPositiveContactor = (int)contactorStatus.MainPositiveContactor;
            signals.MainNegativeContactor = (int)contactorStatus.MainNegativeContactor;
            signals.PrechargeContactor = (int)contactorStatus.PrechargeContactor;
            contactorStatusAt = time;
        }
        else if (insulation.TryDecode(frame))
        {
            signals.InsulationKiloohms = insulation.InsulationResistance;
            signals.InsulationState = (int)insulation.InsulationState;
            insulationAt = time;
        }
        else if (faultSummary.TryDecode(frame))
        {
            signals.BmsFaultLevel = (int)faultSummary.FaultLevel;
            int flags = 0;
            flags |= faultSummary.InsulationFaultFlag >= 1 ? 1 << 6 : 0;
            flags |= faultSummary.ContactorFaultFlag >= 1 ? 1 << 9 : 0;
            flags |= faultSummary.PrechargeFailedFlag >= 1 ? 1 << 10 : 0;
            signals.BmsFaultFlags = flags;
            faultSummaryAt = time;
        }
    }

    private void UpdateValidity(long now)
    {
        var signals = Core.Signals;
        signals.BmsValid = now - packStatusAt <= 3 * BMS_PackStatus.CycleTimeMilliseconds * 1000L;
        signals.PowerLimitsValid = now - powerLimitsAt <= 3 * BMS_PowerLimits.CycleTimeMilliseconds * 1000L;
        signals.ContactorStatusValid = now - contactorStatusAt <= 3 * BMS_ContactorStatus.CycleTimeMilliseconds * 1000L;
        signals.InsulationValid = now - insulationAt <= 3 * BMS_Insulation.CycleTimeMilliseconds * 1000L;
        signals.BmsFaultValid = now - faultSummaryAt <= 3 * BMS_FaultSummary.CycleTimeMilliseconds * 1000L;
    }

    private static VehicleDefinition WithLinkCapacitance(VehicleDefinition definition, double farads)
    {
        var hv = definition.HighVoltage;
        return new VehicleDefinition
        {
            Name = definition.Name,
            Description = definition.Description,
            Chassis = definition.Chassis,
            Motor = definition.Motor,
            Generator = definition.Generator,
            Cell = definition.Cell,
            LowVoltage = definition.LowVoltage,
            Driver = definition.Driver,
            HighVoltage = new HighVoltageParameters
            {
                CellDefinitionPath = hv.CellDefinitionPath,
                SeriesCells = hv.SeriesCells,
                ParallelCells = hv.ParallelCells,
                InitialSoc = hv.InitialSoc,
                LinkCapacitanceFarads = farads,
                PrechargeResistanceOhms = hv.PrechargeResistanceOhms,
                ActiveDischargeResistanceOhms = hv.ActiveDischargeResistanceOhms,
                PassiveBleedResistanceOhms = hv.PassiveBleedResistanceOhms,
                MainPathResistanceOhms = hv.MainPathResistanceOhms,
                ContactorOperateSeconds = hv.ContactorOperateSeconds,
                ContactorReleaseSeconds = hv.ContactorReleaseSeconds,
            },
        };
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Controllers.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} contains Controllers.sln.");
    }
}
