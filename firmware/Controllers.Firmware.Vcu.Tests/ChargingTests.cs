using System;
using System.IO;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Vcu.Charging;
using Controllers.Firmware.Vcu.Faults;
using Controllers.Simulation.Network;
using Controllers.Simulation.Vehicle;
using Controllers.Simulation.Vehicle.Nodes;
using Xunit;

namespace Controllers.Firmware.Vcu.Tests;

/// <summary>
/// Charging management against the simulated on-board charger (3.3 kW) and the ATV pack (96S4P LG
/// INR18650HG2) over the simulated 500 kbit/s bus, in 10 ms steps. The VCU's own CAN receive path decodes
/// OBC_Status and its transmit task sends VCU_ChargerRequest. The test acts as HV power management and the BMS:
/// it closes the contactors while charge mode is requested and reports the plant's contactor states, cell
/// voltages and temperatures as the BMS messages would.
/// </summary>
public class ChargingTests
{
    private const long StepMicroseconds = 10_000;

    private readonly SimulatedCanNetwork network = new(500_000);
    private readonly HighVoltageLink link;
    private readonly ChargerNode charger;
    private readonly VehicleSignals signals = new();
    private readonly VcuOutputs outputs = new();
    private readonly DtcMemory dtcs = new(VcuCore.DtcCapacity);
    private readonly BoardInputs board = new();
    private readonly ChargingManager manager;
    private readonly ChargingTask task;
    private readonly Vcu.Network.VcuCanReceiver receiver;
    private readonly Vcu.Network.VcuCanTransmitTask transmit;
    private long now;

    public ChargingTests() : this(0.5, new ChargingSettings())
    {
    }

    private ChargingTests(double initialSoc, ChargingSettings settings)
    {
        VcuDtc.RegisterAll(dtcs);
        var definition = VehicleDefinitionFile.Load(Path.Combine(FindRoot(), "boards", "vcu-atv.yaml"));
        HighVoltageParameters hv = definition.HighVoltage;
        var parameters = new HighVoltageParameters
        {
            CellDefinitionPath = hv.CellDefinitionPath,
            SeriesCells = hv.SeriesCells,
            ParallelCells = hv.ParallelCells,
            InitialSoc = initialSoc,
            LinkCapacitanceFarads = hv.LinkCapacitanceFarads,
            PrechargeResistanceOhms = hv.PrechargeResistanceOhms,
            ActiveDischargeResistanceOhms = hv.ActiveDischargeResistanceOhms,
            PassiveBleedResistanceOhms = hv.PassiveBleedResistanceOhms,
            MainPathResistanceOhms = hv.MainPathResistanceOhms,
            ContactorOperateSeconds = hv.ContactorOperateSeconds,
            ContactorReleaseSeconds = hv.ContactorReleaseSeconds,
        };
        link = new HighVoltageLink(parameters, definition.Cell.Parameters);
        charger = new ChargerNode(link, network);

        manager = new ChargingManager(settings, signals, outputs, dtcs);
        task = new ChargingTask(board, manager);
        receiver = new Vcu.Network.VcuCanReceiver(signals, dtcs);
        ICanTransmitter transmitter = network.Attach("VCU", (frame, time) => receiver.Consume(frame, time));
        transmit = new Vcu.Network.VcuCanTransmitTask(outputs, signals, transmitter, new Vcu.Torque.TorqueArbiterSettings().KmhPerRadianPerSecond);

        BmsValid = true;
        MaxChargeAmperes = 10f;
    }

    private static ChargingTests StartingAt(double soc, ChargingSettings settings) => new(soc, settings);

    private bool BmsValid { get; set; }

    private float MaxChargeAmperes { get; set; }

    private float? CellCelsiusOverride { get; set; }

    private bool ContactorsRespond { get; set; } = true;

    private bool ChargerRuns { get; set; } = true;

    private float HighestCellVolts { get; set; }

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

    private void Run(double seconds, Func<bool>? until = null)
    {
        long end = now + (long)Math.Round(seconds * 1e6);
        while (now < end)
        {
            now += StepMicroseconds;
            network.AdvanceTo(now);

            // The receive path's timeouts run first, so the stand-in below sets the BMS values it never receives.
            receiver.Run(now);
            UpdateHvAndBms();
            task.Run(now);
            transmit.Run(now);
            if (ChargerRuns)
            {
                charger.Step(now);
            }

            link.Step(StepMicroseconds / 1e6, ChargerRuns ? -charger.OutputWatts : 0);
            if (until != null && until())
            {
                return;
            }
        }
    }

    // Stand-in for HV power management (contactors follow the charge mode request) and for the BMS messages.
    private void UpdateHvAndBms()
    {
        bool close = manager.HvRequested && ContactorsRespond;
        link.SetCoil(HighVoltageContactor.Negative, close);
        link.SetCoil(HighVoltageContactor.Positive, close);
        signals.ContactorStatusValid = true;
        signals.MainNegativeContactor = link.IsClosed(HighVoltageContactor.Negative) ? 1 : 0;
        signals.MainPositiveContactor = link.IsClosed(HighVoltageContactor.Positive) ? 1 : 0;

        float maxCell = 0f;
        float minCelsius = float.MaxValue;
        float maxCelsius = float.MinValue;
        for (int i = 0; i < link.Pack.CellCount; i++)
        {
            maxCell = Math.Max(maxCell, (float)link.Pack.GetCellVolts(i));
            minCelsius = Math.Min(minCelsius, (float)link.Pack.GetTemperatureCelsius(i));
            maxCelsius = Math.Max(maxCelsius, (float)link.Pack.GetTemperatureCelsius(i));
        }

        HighestCellVolts = Math.Max(HighestCellVolts, maxCell);
        signals.BmsValid = BmsValid;
        signals.PackVolts = (float)link.Pack.PackVolts;
        signals.MaxCellVolts = maxCell;
        signals.MinCellCelsius = CellCelsiusOverride ?? minCelsius;
        signals.MaxCellCelsius = CellCelsiusOverride ?? maxCelsius;
        signals.PowerLimitsValid = true;
        signals.MaxChargeAmperes = MaxChargeAmperes;
    }

    private bool IsConfirmed(uint dtc) => (dtcs.StatusAt(dtcs.IndexOf(dtc)) & DtcMemory.ConfirmedDtc) != 0;

    private void PlugInAndCharge()
    {
        board.ChargePlugConnected = true;
        Run(10, () => manager.State == ChargingState.Charging);
        Assert.Equal(ChargingState.Charging, manager.State);
    }

    [Fact]
    public void Plug_InhibitsDriving()
    {
        Assert.False(manager.DriveInhibited);

        board.ChargePlugConnected = true;
        Run(0.01);
        Assert.True(manager.DriveInhibited);

        board.ChargePlugConnected = false;
        Run(0.01);
        Assert.False(manager.DriveInhibited);
    }

    [Fact]
    public void Handshake_ChargeModeBeforeEnable()
    {
        board.ChargePlugConnected = true;

        // The first OBC_Status arrives within 100 ms; charge mode is requested before the charger is enabled.
        Run(5, () => manager.HvRequested);
        Assert.Equal(ChargingState.ConnectingHv, manager.State);
        Assert.False(outputs.ChargerEnable);

        // The contactors close 25 ms after their coils (boards/vcu-atv.yaml); only then is the charger enabled.
        Run(5, () => outputs.ChargerEnable);
        Assert.True(link.IsConnected);
        Assert.Equal(ChargingState.Charging, manager.State);
    }

    [Fact]
    public void ConstantCurrent_LimitedByCharger()
    {
        PlugInAndCharge();
        Run(5);

        // 96 × 4.20 V = 403.2 V requested. 10 A at about 370 V would be 3.7 kW, so the 3.3 kW charger
        // limits the output to 3300 W and reports Derating.
        Assert.Equal(403.2f, outputs.ChargeVoltageRequestVolts, 3);
        Assert.Equal(10f, outputs.ChargeCurrentRequestAmperes, 3);
        Assert.Equal(3300, charger.OutputWatts, 5);
        Assert.Equal(2, signals.ChargerState);
    }

    [Fact]
    public void ConstantCurrent_FollowsBmsLimit()
    {
        MaxChargeAmperes = 6f;
        PlugInAndCharge();
        Run(5);

        Assert.Equal(6f, outputs.ChargeCurrentRequestAmperes, 3);
        Assert.Equal(6, charger.OutputAmperes, 2);
    }

    [Fact]
    public void FullCharge_TapersAndCompletes()
    {
        // The plant's cell OCV at SOC 1 is 4.182 V (boards/cells/lg-18650hg2.yaml) and its SOC stops at 1, so
        // with the taper's 50 mV window the current settles near 1.1 A and never reaches C/20 (0.556 A). This
        // test ends the charge at 1.5 A, which the taper reaches at an OCV of about 4.175 V.
        var test = StartingAt(0.96, new ChargingSettings { TerminationCurrentAmperes = 1.5f });
        test.PlugInAndCharge();

        test.Run(7200, () => test.manager.State == ChargingState.Complete);

        Assert.Equal(ChargingState.Complete, test.manager.State);
        Assert.Equal(ChargeStopReason.Complete, test.manager.StopReason);
        Assert.False(test.outputs.ChargerEnable);
        Assert.False(test.manager.HvRequested);

        // The taper keeps the highest cell below the 4.20 V limit of the cell definition.
        Assert.True(test.HighestCellVolts <= 4.20f, $"highest cell {test.HighestCellVolts} V");
    }

    [Fact]
    public void PlugRemoval_StopsAndOpens()
    {
        PlugInAndCharge();
        Run(2);

        board.ChargePlugConnected = false;
        Run(0.01);
        Assert.False(outputs.ChargerEnable);
        Assert.False(manager.HvRequested);

        // The request without enable reaches the charger within 100 ms; it ramps down from 9 A at 20 A/s.
        Run(1);
        Assert.Equal(0, charger.OutputAmperes);
        Assert.False(link.IsConnected);
        Assert.Equal(ChargingState.Unplugged, manager.State);
    }

    [Fact]
    public void AcLoss_PausesWithoutDtc()
    {
        PlugInAndCharge();
        charger.AcPresent = false;

        Run(1);
        Assert.Equal(ChargingState.WaitingForCharger, manager.State);
        Assert.False(outputs.ChargerEnable);

        charger.AcPresent = true;
        Run(10, () => manager.State == ChargingState.Charging);
        Assert.Equal(ChargingState.Charging, manager.State);
        Assert.False(IsConfirmed(VcuDtc.ChargerFault));
        Assert.False(IsConfirmed(VcuDtc.ChargerTimeout));
    }

    [Fact]
    public void ChargerFault_StopsWithDtc()
    {
        PlugInAndCharge();
        charger.InjectFault(0x21);

        Run(0.5);

        Assert.Equal(ChargingState.Stopped, manager.State);
        Assert.Equal(ChargeStopReason.ChargerFault, manager.StopReason);
        Assert.True(IsConfirmed(VcuDtc.ChargerFault));
        Assert.False(outputs.ChargerEnable);
    }

    [Fact]
    public void ChargerSilent_TimesOut()
    {
        PlugInAndCharge();
        ChargerRuns = false;

        // OBC_Status every 100 ms; five missing cycles (500 ms) clear ChargerValid.
        Run(0.7);

        Assert.Equal(ChargeStopReason.ChargerTimeout, manager.StopReason);
        Assert.True(IsConfirmed(VcuDtc.ChargerTimeout));
    }

    [Fact]
    public void ChargerNeverAnswers_TimesOut()
    {
        ChargerRuns = false;
        board.ChargePlugConnected = true;

        Run(1.9);
        Assert.Equal(ChargingState.WaitingForCharger, manager.State);

        Run(0.2);
        Assert.Equal(ChargeStopReason.ChargerTimeout, manager.StopReason);
    }

    [Fact]
    public void ChargerOverTemperature_Stops()
    {
        PlugInAndCharge();
        charger.TemperatureOverrideCelsius = 90;

        Run(0.5);

        Assert.Equal(ChargeStopReason.ChargerOverTemperature, manager.StopReason);
        Assert.True(IsConfirmed(VcuDtc.ChargerOverTemperature));
    }

    [Fact]
    public void CellOverTemperature_Stops()
    {
        PlugInAndCharge();
        CellCelsiusOverride = 46f;

        Run(0.05);

        Assert.Equal(ChargeStopReason.CellOverTemperature, manager.StopReason);
        Assert.True(IsConfirmed(VcuDtc.ChargeCellOverTemperature));
    }

    [Fact]
    public void ColdCells_NoCurrent()
    {
        PlugInAndCharge();
        CellCelsiusOverride = -1f;

        Run(1);

        Assert.Equal(ChargingState.Charging, manager.State);
        Assert.Equal(0f, outputs.ChargeCurrentRequestAmperes);
    }

    [Fact]
    public void BmsTimeout_Stops()
    {
        PlugInAndCharge();
        BmsValid = false;

        Run(0.05);

        Assert.Equal(ChargeStopReason.BmsTimeout, manager.StopReason);
        Assert.True(IsConfirmed(VcuDtc.ChargeBmsTimeout));
    }

    [Fact]
    public void ContactorsNeverClose_TimesOut()
    {
        ContactorsRespond = false;
        board.ChargePlugConnected = true;

        Run(6);

        Assert.Equal(ChargeStopReason.HvConnectTimeout, manager.StopReason);
        Assert.True(IsConfirmed(VcuDtc.ChargeHvConnectTimeout));
        Assert.False(manager.HvRequested);
    }

    [Fact]
    public void HvShutdownReaction_StopsCharge()
    {
        var reactions = new FaultReactionManager(new FaultReactionSettings(), FaultReactionTable.CreateDefault(), dtcs);
        manager.FaultReactions = reactions;
        PlugInAndCharge();

        dtcs.ReportTestResult(VcuDtc.TorqueMonitorMismatch, true);
        reactions.Update(keyOn: true);
        Run(0.01);

        Assert.Equal(ChargeStopReason.HvShutdownRequested, manager.StopReason);
    }

    [Fact]
    public void Stopped_RestartsAfterReplug()
    {
        PlugInAndCharge();
        charger.InjectFault(0x21);
        Run(0.5);
        charger.ClearFault();
        Run(1);
        Assert.Equal(ChargingState.Stopped, manager.State);

        board.ChargePlugConnected = false;
        Run(0.1);
        PlugInAndCharge();
        Assert.Equal(ChargeStopReason.None, manager.StopReason);
    }

    [Fact]
    public void Settings_InvalidValues_Rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChargingSettings { SeriesCells = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChargingSettings { CellVoltageLimitVolts = 6f }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChargingSettings { MaxChargeCurrentAmperes = 250f }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChargingSettings { TerminationCurrentAmperes = 20f }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChargingSettings { MinCellCelsius = 50f }.Validate());
    }
}
