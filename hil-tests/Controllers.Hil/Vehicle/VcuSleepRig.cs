using System;
using System.Collections.Generic;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Vcu;
using Controllers.Firmware.Vcu.Network;
using Controllers.Firmware.Vcu.Power;
using Controllers.Firmware.Vcu.Thermal;
using Controllers.Simulation;
using Controllers.Simulation.Chips;
using Controllers.Simulation.Network;
using Controllers.Simulation.Vehicle;
using Controllers.Simulation.Vehicle.Nodes;

namespace Controllers.Hil.Vehicle;

/// <summary>
/// Rig of the VCU board's network management and sleep: the real <see cref="VcuCore"/> with
/// <see cref="VcuCore.AddNetworkManagement"/> sends through the MCP2515 driver into the register-level
/// <see cref="Mcp2515Emulator"/>, which sits on a <see cref="SimulatedCanNetwork"/> at 500 kbit/s with the NM peers BMS,
/// MCU, GCU and OBC (<see cref="NmPeerNode"/>). <see cref="BoardPowerModel"/> gives the board's supply current, its
/// deep sleep and its wake-ups. A wake-up from deep sleep is a reset on the ESP32, so the rig builds a new VcuCore once
/// the model's boot time has passed. Awake, the rig steps 10 ms (the VCU's task period); asleep, 1 s.
/// </summary>
public sealed class VcuSleepRig
{
    /// <summary>Step while the board is awake or booting, µs.</summary>
    public const long AwakeStepMicroseconds = 10_000;

    /// <summary>Step while the board is in deep sleep, µs.</summary>
    public const long AsleepStepMicroseconds = 1_000_000;

    private readonly bool withThermal;
    private readonly Mcp2515Emulator chip = new();
    private readonly SimulatedCanNetwork bus = new(VcuRig.Bitrate);
    private Mcp2515Controller? controller;
    private VcuCore? core;
    private bool keyOn;

    /// <summary>
    /// Builds the board with the key off and boots it. With <paramref name="withThermal"/> the VCU also runs thermal
    /// management over <see cref="Actuators"/>, and the motor and inverter temperatures come from
    /// <see cref="MotorCelsius"/> and <see cref="InverterCelsius"/>.
    /// </summary>
    public VcuSleepRig(bool withThermal = false)
    {
        this.withThermal = withThermal;
        var vcuPort = bus.Attach("VCU", Receive);
        chip.Bus = frame =>
        {
            if (BusShorted)
            {
                // A transmitter on a shorted bus detects an error in every frame, so TEC rises by 8 per attempt. It
                // passes 255 after 32 retransmissions, about 1 ms at 500 kbit/s, within one task period.
                chip.EnterBusOff();
                return;
            }

            vcuPort.TrySend(frame);
            FramesOnBus++;
            if (frame.Id == NmVcuId)
            {
                VcuNmMessages.Add(new VcuNmMessage(Clock.NowMicroseconds, frame.Data[1], frame.Data[2]));
            }
        };
        Bms = new NmPeerNode(bus, 2, "BMS");
        Mcu = new NmPeerNode(bus, 3, "MCU");
        Gcu = new NmPeerNode(bus, 4, "GCU");
        Obc = new NmPeerNode(bus, 5, "OBC");
        Inputs.KeyOn = false;
        Boot();
    }

    /// <summary>Identifier of NM_VCU in boards/can/vcu.dbc.</summary>
    public const uint NmVcuId = 0x501;

    public SimulatedClock Clock { get; } = new();

    public VcuRigInputs Inputs { get; } = new();

    public BoardPowerModel Power { get; } = new();

    public NmPeerNode Bms { get; }

    public NmPeerNode Mcu { get; }

    public NmPeerNode Gcu { get; }

    public NmPeerNode Obc { get; }

    /// <summary>Pump, fan and chiller outputs as thermal management last set them.</summary>
    public ThermalOutputs Actuators { get; } = new();

    /// <summary>Motor temperature reported to the VCU when thermal management runs, °C.</summary>
    public float MotorCelsius { get; set; } = 40f;

    /// <summary>Inverter temperature reported to the VCU when thermal management runs, °C.</summary>
    public float InverterCelsius { get; set; } = 40f;

    /// <summary>
    /// Cooling-loop plant of a thermal scenario; null otherwise. When set (with thermal management on), the VCU's pump
    /// and fan duties drive it, its motor and inverter temperatures replace <see cref="MotorCelsius"/> and
    /// <see cref="InverterCelsius"/>, and <see cref="Motor"/> heats it.
    /// </summary>
    public CoolingLoop? Loop { get; set; }

    /// <summary>Traction motor that heats <see cref="Loop"/>; null without one.</summary>
    public TractionMotor? Motor { get; set; }

    /// <summary>Constant motor speed while the key is on, rpm.</summary>
    public double HeldSpeedRpm { get; set; }

    /// <summary>
    /// Torque the rig requests of the motor while the key is on, N·m. The rig multiplies it by the VCU's thermal torque
    /// cap, in place of the torque path, which does not apply the cap yet (docs/vcu-thermal.md).
    /// </summary>
    public double TorqueRequestNewtonMetres { get; set; }

    /// <summary>Ram-air speed per motor speed: final drive 9 and wheel radius 0.30 m (boards/vcu-atv.yaml), (m/s)/(rad/s).</summary>
    public double MetresPerSecondPerRadianPerSecond { get; set; } = 0.30 / 9;

    /// <summary>The VCU of the current boot.</summary>
    public VcuCore Core => core!;

    /// <summary>The MCP2515 emulator; tests read its mode.</summary>
    public Mcp2515Emulator Chip => chip;

    /// <summary>When true, every frame the VCU transmits drives its CAN controller bus-off and none reaches the bus.</summary>
    public bool BusShorted { get; set; }

    /// <summary>Frames the VCU put on the bus.</summary>
    public long FramesOnBus { get; private set; }

    /// <summary>NM_VCU messages on the bus, with their control bit vector and wake-up reason.</summary>
    public List<VcuNmMessage> VcuNmMessages { get; } = [];

    /// <summary>Boots after power-on, including the first.</summary>
    public int BootCount { get; private set; }

    /// <summary>Time of the first peer frame that reached the board while it slept or booted; null if none since reset.</summary>
    public long? FirstFrameWhileAsleepMicroseconds { get; set; }

    /// <summary>Called after every step, for the trace.</summary>
    public Action<VcuSleepRig>? AfterStep { get; set; }

    public long NowMicroseconds => Clock.NowMicroseconds;

    /// <summary>True while the processor runs (neither in deep sleep nor booting).</summary>
    public bool Running => !Power.InDeepSleep && !Power.Booting;

    /// <summary>Turns the key on or off; the BMS, MCU and GCU need the bus while it is on.</summary>
    public void SetKey(bool on)
    {
        keyOn = on;
        Inputs.KeyOn = on;
        UpdatePeers();
    }

    /// <summary>Keeps the named peer (BMS, MCU, GCU, OBC) from sending anything, as a node that lost power.</summary>
    public void SetNodeSilent(string name, bool silent) => Peer(name).Silent = silent;

    /// <summary>Returns the peer node called <paramref name="name"/> (BMS, MCU, GCU or OBC).</summary>
    public NmPeerNode Peer(string name) => name switch
    {
        "BMS" => Bms,
        "MCU" => Mcu,
        "GCU" => Gcu,
        "OBC" => Obc,
        _ => throw new ArgumentException($"Unknown NM node '{name}'; use BMS, MCU, GCU or OBC.", nameof(name)),
    };

    /// <summary>Returns whether the VCU's DTC memory reports <paramref name="dtc"/> as failed now.</summary>
    public bool DtcFailed(uint dtc) => (core!.Dtcs.StatusAt(core.Dtcs.IndexOf(dtc)) & DtcMemory.TestFailed) != 0;

    /// <summary>Runs for <paramref name="microseconds"/>.</summary>
    public void Run(long microseconds)
    {
        long end = Clock.NowMicroseconds + microseconds;
        while (Clock.NowMicroseconds < end)
        {
            Step(Power.InDeepSleep && end - Clock.NowMicroseconds >= AsleepStepMicroseconds ? AsleepStepMicroseconds : AwakeStepMicroseconds);
        }
    }

    /// <summary>Runs in awake steps until <paramref name="condition"/> holds; returns false if it did not within the limit.</summary>
    public bool RunUntil(Func<VcuSleepRig, bool> condition, long limitMicroseconds)
    {
        long end = Clock.NowMicroseconds + limitMicroseconds;
        while (!condition(this))
        {
            if (Clock.NowMicroseconds >= end)
            {
                return false;
            }

            Step(AwakeStepMicroseconds);
        }

        return true;
    }

    private void Step(long microseconds)
    {
        Clock.Advance(microseconds);
        long now = Clock.NowMicroseconds;
        Power.KeyOn = Inputs.KeyOn;
        Power.ChargePlugConnected = Inputs.ChargePlugConnected;
        Power.SupplyVolts = Inputs.SupplyVolts;
        Power.Step(now);
        if (Power.StartPending)
        {
            Power.StartPending = false;
            Boot();
        }

        bus.AdvanceTo(now);
        Bms.Step(now);
        Mcu.Step(now);
        Gcu.Step(now);
        Obc.Step(now);
        if (Loop != null)
        {
            StepCoolingLoop(microseconds / 1e6);
        }

        if (Running)
        {
            if (withThermal)
            {
                if (Loop != null)
                {
                    MotorCelsius = (float)Loop.MotorCelsius;
                    InverterCelsius = (float)Loop.InverterCelsius;
                }

                core!.Signals.MotorStatusValid = true;
                core.Signals.MotorCelsius = MotorCelsius;
                core.Signals.InverterCelsius = InverterCelsius;
            }

            core!.Executive.RunDueTasks();
        }

        AfterStep?.Invoke(this);
    }

    private void StepCoolingLoop(double seconds)
    {
        Loop!.MotorPumpDuty = Running ? Actuators.MotorPumpDuty : 0;
        Loop.FanDuty = Running ? Actuators.RadiatorFanDuty : 0;
        double speed = keyOn ? HeldSpeedRpm * Math.PI / 30 : 0;
        if (Motor != null)
        {
            double cap = Running && core!.Thermal != null ? core.Thermal.TorqueCapFraction : 1;
            Motor.TorqueCommandNewtonMetres = keyOn ? TorqueRequestNewtonMetres * cap : 0;
            Motor.Step(seconds, speed);
            Loop.Step(seconds, Motor, 0, speed * MetresPerSecondPerRadianPerSecond);
        }
        else
        {
            Loop.Step(seconds, 0, 0, 0, 0);
        }
    }

    // Start-up code of the board: driver, composition root, executive, sleep controller.
    private void Boot()
    {
        BootCount++;
        controller = new Mcp2515Controller(chip, Clock);
        controller.Initialize(16_000_000, VcuRig.Bitrate);
        controller.SetMode(Mcp2515Mode.Normal);
        core = new VcuCore(Clock, Inputs);
        if (withThermal)
        {
            core.AddThermalManagement(Actuators);
        }

        core.AddNetworkManagement(controller, new Mcp2515ControllerStatus(controller), new BoardPower(this));
        core.Executive.Start();
        core.Sleep!.Start(Clock.NowMicroseconds);
    }

    private void UpdatePeers()
    {
        Bms.NeedsBus = keyOn;
        Mcu.NeedsBus = keyOn;
        Gcu.NeedsBus = keyOn;
    }

    // With the transceiver asleep or the processor booting, a frame only wakes the board; it is not received. A shorted
    // bus carries nothing.
    private void Receive(CanFrame frame, long time)
    {
        if (BusShorted)
        {
            return;
        }

        if (!Running || Power.TransceiverSleep)
        {
            FirstFrameWhileAsleepMicroseconds ??= time;
            Power.NotifyBusActivity();
            return;
        }

        core!.Receive(frame, time);
    }

    private sealed class BoardPower(VcuSleepRig rig) : IBoardPower
    {
        public int ReadWakeCause() => rig.Power.WakeCause;

        public void SetOutputsEnabled(bool enabled) => rig.Power.OutputsEnabled = enabled;

        public void SetCanTransceiverSleep(bool sleep) => rig.Power.TransceiverSleep = sleep;

        public void SetCanControllerSleep(bool sleep)
        {
            rig.controller!.SetMode(sleep ? Mcp2515Mode.Sleep : Mcp2515Mode.Normal);
            rig.Power.ControllerSleep = sleep;
        }

        public void EnterDeepSleep(long timerWakeMicroseconds) => rig.Power.EnterDeepSleep(rig.Clock.NowMicroseconds, timerWakeMicroseconds);
    }
}

/// <summary>One NM_VCU message on the bus: time, control bit vector (byte 1) and wake-up reason (byte 2).</summary>
public readonly record struct VcuNmMessage(long TimeMicroseconds, byte ControlBits, byte WakeReason);

/// <summary>Thermal actuator outputs as the VCU last set them.</summary>
public sealed class ThermalOutputs : IThermalActuators
{
    public float MotorPumpDuty { get; private set; }

    public float RadiatorFanDuty { get; private set; }

    public float BatteryPumpDuty { get; private set; }

    public bool ChillerRequested { get; private set; }

    public void SetMotorPumpDuty(float duty) => MotorPumpDuty = duty;

    public void SetRadiatorFanDuty(float duty) => RadiatorFanDuty = duty;

    public void SetBatteryPumpDuty(float duty) => BatteryPumpDuty = duty;

    public void SetChillerRequest(bool requested) => ChillerRequested = requested;
}
