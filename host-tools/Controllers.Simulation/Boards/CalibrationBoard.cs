using System;
using Controllers.Firmware.Bms.Afe;
using Controllers.Firmware.Bms.Boards;
using Controllers.Firmware.Bms.Sensing;
using Controllers.Firmware.Bms.Calibration;
using Controllers.Firmware.Bms.Current;
using Controllers.Firmware.Bms.Insulation;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Hal;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Common.Storage;
using Controllers.Simulation.Chips;
using Controllers.Simulation.Plant;

namespace Controllers.Simulation.Boards;

/// <summary>
/// A BMS board on a calibration rig: the firmware AFE and shunt drivers against register-level LTC6813-1 and
/// ADS131M02 emulators with known measurement errors, NTC channels on the AFE's GPIOs, the firmware insulation monitor on an insulation
/// plant whose bridge, dividers and pole channels are off nominal, the firmware calibration record on a non-volatile store,
/// and a firmware <see cref="UdsServer"/> with the calibration DIDs and security access. The chips run on their
/// own simulated clock, which each conversion advances; the insulation plant and monitor on another one, which
/// <see cref="AdvanceInsulation"/> advances. The UDS server runs on the clock the caller gives.
/// </summary>
public sealed class CalibrationBoard
{
    /// <summary>Cell channels of the board (one LTC6813-1).</summary>
    public const int CellCount = 12;

    /// <summary>Regions of the store that the calibration record uses.</summary>
    public const int RegionA = 0;

    /// <inheritdoc cref="RegionA"/>
    public const int RegionB = 1;

    /// <summary>Errors of the shunt chain: shunt +0.4 %, ADC gain −0.3 %, ADC offset 20 µV (0.2 A on 100 µΩ), 0.3 µV RMS noise.</summary>
    public static readonly Ads131m02EmulatorSettings ShuntErrors = new()
    {
        ShuntToleranceFraction = 0.004,
        AdcGainError = -0.003,
        AdcOffsetVolts = 20e-6,
        NoiseVoltsRms = 0.3e-6,
        Seed = 11,
    };

    /// <summary>Period of the insulation monitor task, µs.</summary>
    public const long InsulationPeriodMicroseconds = 100_000;

    /// <summary>
    /// Actual insulation circuit of the board: bridge resistors +1 % and −0.8 % off their nominal 1 MΩ, dividers +3 %
    /// and −2 % off 10 MΩ (5 % parts), pole voltage channels reading 5.5 % high and 4.5 % low, 20 mV RMS noise, 400 V.
    /// </summary>
    public static readonly InsulationPlantSettings InsulationErrors = new()
    {
        PackVolts = 400,
        PositiveBridgeOhms = 1.01e6,
        NegativeBridgeOhms = 0.992e6,
        PositiveMeasurementOhms = 10.3e6,
        NegativeMeasurementOhms = 9.8e6,
        PositiveGainError = 0.055,
        NegativeGainError = -0.045,
        NoiseVolts = 0.02,
        Seed = 13,
    };

    private readonly SimulatedClock sensorClock = new();
    private readonly SimulatedClock insulationClock = new();
    private readonly InsulationPlant insulationPlant;
    private double connectedPositiveOhms = double.PositiveInfinity;
    private double connectedNegativeOhms = double.PositiveInfinity;
    private readonly Ads131m02Emulator shunt;
    private readonly Ads131m02CurrentSensor shuntDriver;

    /// <summary>
    /// Builds the board, loads the calibration record from <paramref name="store"/> (regions 0 and 1) and
    /// configures security access level 0x01 with <paramref name="securitySecret"/>.
    /// </summary>
    public CalibrationBoard(INonVolatileStore store, IMonotonicClock udsClock, byte[] securitySecret)
        : this(store, udsClock, securitySecret, InsulationErrors)
    {
    }

    /// <summary>Builds the board as above with the actual insulation circuit <paramref name="insulationCircuit"/>.</summary>
    public CalibrationBoard(INonVolatileStore store, IMonotonicClock udsClock, byte[] securitySecret, InsulationPlantSettings insulationCircuit)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(udsClock);
        ArgumentNullException.ThrowIfNull(securitySecret);
        ArgumentNullException.ThrowIfNull(insulationCircuit);

        Rig = new CalibrationRigInputs(CellCount);
        var afe = new Ltc6813Emulator(1, sensorClock, Rig, seed: 5);
        var chain = new Ltc6813Chain(afe, sensorClock, 1);
        chain.Configuration.SetReferenceOn(true);
        chain.Configuration.SetVoltageThresholds(2.5f, 4.2f);
        chain.WriteConfiguration();
        Cells = new AfeCellVoltageSensor(chain, [CellCount]);

        shunt = new Ads131m02Emulator(sensorClock, () => CurrentAmperes, ShuntErrors);
        shuntDriver = new Ads131m02CurrentSensor(shunt, new Ads131m02Settings());
        if (!shuntDriver.Initialize())
        {
            throw new InvalidOperationException("The emulated ADS131M02 did not initialise.");
        }

        var rawCurrent = new ConversionPacedSource(this);
        CurrentCalibration = new CurrentCalibration();
        Current = new CalibratedCurrentSensor(rawCurrent, CurrentCalibration, new OffsetTrackingSettings { Enabled = false }, sensorClock);

        Temperatures = new AfeThermistorSensor(Cells, new NtcTemperatureConverter(MurataNcp18xh103.CreateTable(), new NtcDividerSettings()),
            CalibrationRigInputs.NtcCount);
        // The monitor is created with the nominal circuit; Load() below puts the calibrated one in use before its first cycle.
        // Uncalibrated, this board's pole channels disagree with the pack voltage by up to about 5 %, so the sum check
        // allows 10 % instead of the default 3 %.
        insulationPlant = new InsulationPlant(insulationClock, insulationCircuit);
        InsulationSettings = new InsulationMonitorSettings { VoltageSumToleranceFraction = 0.1f };
        Insulation = new InsulationMonitor(insulationPlant, InsulationSettings);
        Calibration = new BmsCalibration(store, RegionA, RegionB, Cells, CurrentCalibration, rawCurrent, Temperatures, Insulation);
        LoadStatus = Calibration.Load();

        Server = new UdsServer(udsClock)
        {
            DataIdentifiers = new UdsDataIdentifierTable(Calibration.DataIdentifierCount),
            Routines = new UdsRoutineTable(1),
        };
        Server.ConfigureSecurity(securitySecret, 1, new SeededRandom(), new VolatileAttemptStore());
        Calibration.Register(Server);
    }

    /// <summary>Reference source and per-channel errors of the cell inputs.</summary>
    public CalibrationRigInputs Rig { get; }

    /// <summary>True current through the shunt, A, positive when charging: the current reference of the rig.</summary>
    public double CurrentAmperes { get; set; }

    /// <summary>Firmware cell voltage sensor with the calibration in use.</summary>
    public AfeCellVoltageSensor Cells { get; }

    /// <summary>Firmware NTC channels on the AFE's GPIOs.</summary>
    public ITemperatureSensor Temperatures { get; }

    /// <summary>Firmware current calibration in use.</summary>
    public CurrentCalibration CurrentCalibration { get; }

    /// <summary>Firmware calibrated current sensor.</summary>
    public ICurrentSensor Current { get; }

    /// <summary>Firmware insulation monitor.</summary>
    public InsulationMonitor Insulation { get; }

    /// <summary>Nominal insulation circuit and tuning that the monitor was created with.</summary>
    public InsulationMonitorSettings InsulationSettings { get; }

    /// <summary>Firmware calibration record and its DIDs.</summary>
    public BmsCalibration Calibration { get; }

    /// <summary><see cref="Firmware.Common.Calibration.CalibrationStatus"/> from the load at start.</summary>
    public byte LoadStatus { get; }

    /// <summary>Firmware UDS server; put it behind a <see cref="UdsIsoTpAdapter"/>.</summary>
    public UdsServer Server { get; }

    /// <summary>Reads every cell with the calibration in use, V.</summary>
    public float[] ReadCellVolts()
    {
        var volts = new float[CellCount];
        if (!Cells.TryRead(volts))
        {
            throw new InvalidOperationException("The emulated AFE read failed on a rig without injected faults.");
        }

        return volts;
    }

    /// <summary>Reads the calibrated current once, A.</summary>
    public float ReadCurrentAmperes()
    {
        if (!Current.TryReadAmperes(out float amperes))
        {
            throw new InvalidOperationException("The emulated shunt read failed on a rig without injected faults.");
        }

        return amperes;
    }

    /// <summary>
    /// Connects the rig's test resistors as they are set now and runs the insulation monitor task for one period
    /// (<see cref="InsulationPeriodMicroseconds"/>) of simulated time.
    /// </summary>
    public void AdvanceInsulation()
    {
        if (Rig.PositiveTestOhms != connectedPositiveOhms || Rig.NegativeTestOhms != connectedNegativeOhms)
        {
            insulationPlant.ScheduleInsulationChange(insulationClock.NowMicroseconds, Rig.PositiveTestOhms, Rig.NegativeTestOhms);
            connectedPositiveOhms = Rig.PositiveTestOhms;
            connectedNegativeOhms = Rig.NegativeTestOhms;
        }

        insulationClock.Advance(InsulationPeriodMicroseconds);
        Insulation.Run(insulationClock.NowMicroseconds);
    }

    /// <summary>
    /// Connects the given test resistors (Ω, <see cref="double.PositiveInfinity"/> for none) and runs the monitor until
    /// a cycle that started after the connection has completed. Returns the positive and negative pole results in Ω.
    /// </summary>
    public (float PositiveOhms, float NegativeOhms) MeasureInsulation(double positiveOhms, double negativeOhms)
    {
        Rig.PositiveTestOhms = positiveOhms;
        Rig.NegativeTestOhms = negativeOhms;
        long target = Insulation.CompletedCycles + 2;
        for (int step = 0; Insulation.CompletedCycles < target; step++)
        {
            if (step > 20_000)
            {
                throw new InvalidOperationException(
                    $"The insulation monitor completed no cycle in 2000 s of simulated time; last error {Insulation.LastError}.");
            }

            AdvanceInsulation();
        }

        return (Insulation.PositiveOhms, Insulation.NegativeOhms);
    }

    // Lets one ADS131M02 conversion period pass before each read, as the board's 10 ms task would,
    // so every read returns a new conversion.
    private sealed class ConversionPacedSource(CalibrationBoard board) : ICurrentSensor
    {
        public bool TryReadAmperes(out float currentAmperes)
        {
            board.sensorClock.Advance((long)Math.Ceiling(board.shunt.ConversionPeriodMicroseconds));
            return board.shuntDriver.TryReadAmperes(out currentAmperes);
        }
    }

    private sealed class SeededRandom : IUdsRandomSource
    {
        private readonly Random random = new(3);

        public uint NextUInt32() => (uint)random.NextInt64(0, 1L << 32);
    }

    private sealed class VolatileAttemptStore : IUdsSecurityAttemptStore
    {
        private int failedAttempts;

        public int LoadFailedAttempts() => failedAttempts;

        public void StoreFailedAttempts(int count) => failedAttempts = count;
    }
}
