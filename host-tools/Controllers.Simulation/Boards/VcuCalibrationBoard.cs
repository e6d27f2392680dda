using System;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Common.Storage;
using Controllers.Firmware.Vcu;
using Controllers.Firmware.Vcu.Calibration;
using Controllers.Firmware.Vcu.Inputs;

namespace Controllers.Simulation.Boards;

/// <summary>
/// A VCU board on a pedal calibration rig: the firmware accelerator and brake pedal inputs on
/// <see cref="PedalRigInputs"/>, the firmware calibration record on a non-volatile store, and a firmware
/// <see cref="UdsServer"/> with the calibration DIDs and security access level 0x01.
/// </summary>
public sealed class VcuCalibrationBoard
{
    private long nowMicroseconds;

    /// <summary>Builds the board and loads the calibration record from regions 0 and 1 of <paramref name="store"/>.</summary>
    public VcuCalibrationBoard(INonVolatileStore store, IMonotonicClock udsClock, byte[] securitySecret, PedalRigInputs? rig = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(udsClock);
        ArgumentNullException.ThrowIfNull(securitySecret);

        Rig = rig ?? new PedalRigInputs();
        var dtcs = new DtcMemory(VcuCore.DtcCapacity);
        VcuDtc.RegisterAll(dtcs);
        Accelerator = new AcceleratorPedal(AcceleratorSettings, dtcs);
        Brake = new BrakePedal(BrakeSettings, dtcs);

        Calibration = new VcuCalibration(store, 0, 1, AcceleratorSettings, BrakeSettings, Rig);
        LoadStatus = Calibration.Load();

        Server = new UdsServer(udsClock)
        {
            DataIdentifiers = new UdsDataIdentifierTable(Calibration.DataIdentifierCount),
            Routines = new UdsRoutineTable(1),
        };
        Server.ConfigureSecurity(securitySecret, 1, new CounterRandom(), new VolatileAttemptStore());
        Calibration.Register(Server);
    }

    /// <summary>Pedal positions and voltages of the rig.</summary>
    public PedalRigInputs Rig { get; }

    /// <summary>Accelerator settings that the calibration changes.</summary>
    public AcceleratorPedalSettings AcceleratorSettings { get; } = new();

    /// <summary>Brake settings that the calibration changes.</summary>
    public BrakePedalSettings BrakeSettings { get; } = new();

    /// <summary>Firmware accelerator pedal input.</summary>
    public AcceleratorPedal Accelerator { get; }

    /// <summary>Firmware brake pedal input.</summary>
    public BrakePedal Brake { get; }

    /// <summary>Firmware calibration record and its DIDs.</summary>
    public VcuCalibration Calibration { get; }

    /// <summary>Calibration status from the load at start.</summary>
    public byte LoadStatus { get; }

    /// <summary>Firmware UDS server; put it behind a <see cref="UdsIsoTpAdapter"/>.</summary>
    public UdsServer Server { get; }

    /// <summary>Runs one 10 ms input cycle of both pedals on the rig's voltages.</summary>
    public void UpdatePedals()
    {
        nowMicroseconds += 10_000;
        Accelerator.Update(Rig.AcceleratorTrack1Volts, Rig.AcceleratorTrack2Volts, nowMicroseconds);
        Brake.Update(Rig.BrakeSensorVolts, Rig.BrakeSwitchClosed, nowMicroseconds);
    }

    private sealed class CounterRandom : IUdsRandomSource
    {
        private uint state = 0x9E3779B9;

        public uint NextUInt32() => state = state * 1664525 + 1013904223;
    }

    private sealed class VolatileAttemptStore : IUdsSecurityAttemptStore
    {
        private int failedAttempts;

        public int LoadFailedAttempts() => failedAttempts;

        public void StoreFailedAttempts(int count) => failedAttempts = count;
    }
}
