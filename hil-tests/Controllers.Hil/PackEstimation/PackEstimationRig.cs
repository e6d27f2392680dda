using System;
using System.IO;
using Controllers.Can.Dbc;
using Controllers.Firmware.Bms;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Hal;
using Controllers.Simulation;
using Controllers.Simulation.Network;
using Controllers.Simulation.Plant;

namespace Controllers.Hil.PackEstimation;

/// <summary>
/// One pack estimation scenario: a <see cref="PackPlant"/> with aged and spread cells, the real <see cref="BmsMasterCore"/>
/// with its estimation, power limit and CAN tasks in simulated time, and a CAN monitor that decodes the master's frames
/// with the host DBC decoder.
/// </summary>
/// <remarks>
/// The plant advances in 100 ms steps, the master's cell voltage and estimation period, and the current is
/// constant within a step. The master reads the plant's cell voltages rounded to 1 mV (the resolution of the slave
/// link frames), the plant current, and 0.1 °C temperatures. It leaves out the slaves, the LTC6813-1 emulators
/// and the slave CAN link of the acquisition rig, because they step every 1 ms. The acquisition suite checks that path.
/// </remarks>
internal sealed class PackEstimationRig
{
    private const long PlantStepMicroseconds = 100_000;
    private const long ErrorSampleMicroseconds = 1_000_000;

    // The drive cycle is stopped early when a cell comes this close to its voltage limits, so no phase ends in protection.
    private const double VoltageMarginVolts = 0.05;

    private readonly PackEstimationSuite suite;
    private readonly PackEstimationScenario scenario;
    private readonly SimulatedClock clock = new();
    private readonly PackPlant plant;
    private readonly SimulatedCanNetwork network = new(500_000);
    private readonly BmsMasterCore core;
    private readonly DbcFile matrix;
    private readonly PackEstimationMetrics metrics = new();
    private readonly double[][] firmwareSnapshot = [new double[4], new double[4], new double[4]];
    private readonly double[][] previousSnapshot = [new double[4], new double[4], new double[4]];
    private readonly int parallel;
    private readonly double cellCapacityAmpereHours;

    public PackEstimationRig(PackEstimationSuite suite, PackEstimationScenario scenario)
    {
        this.suite = suite;
        this.scenario = scenario;
        var board = suite.Board;
        var cell = board.Cell.Parameters;
        parallel = board.ParallelCells;
        cellCapacityAmpereHours = cell.CapacityAmpereHours;
        plant = new PackPlant(cell, new PackPlantSettings
        {
            CellCount = board.CellCount,
            ParallelCells = parallel,
            InitialSoc = scenario.InitialSoc,
            InitialSocSpread = scenario.InitialSocSpread,
            CapacityFactor = scenario.CapacityFactor,
            CapacitySpreadFraction = scenario.CapacitySpreadFraction,
            ResistanceSpreadFraction = scenario.ResistanceSpreadFraction,
            AmbientCelsius = scenario.AmbientCelsius,
            Seed = scenario.Seed,
        });

        int temperatureChannels = 0;
        foreach (var slave in board.Slaves)
        {
            temperatureChannels += slave.TemperatureCount;
        }

        var sensors = new PlantSensors(plant, temperatureChannels);
        var periods = new BmsTaskPeriods
        {
            CurrentMicroseconds = 10_000,
            CellVoltageMicroseconds = 100_000,
            TemperatureMicroseconds = 1_000_000,
            EstimationMicroseconds = 100_000,
            PowerLimitMicroseconds = 500_000,
        };
        core = new BmsMasterCore(clock, sensors, sensors, sensors, cell, board.CreateEstimationSettings(new SocEstimatorSettings()),
            periods, (float)scenario.AmbientCelsius);

        // The matrix sits next to the board files, as boards/can/bms.dbc does for boards/*.yaml.
        string boardFolder = Path.GetDirectoryName(Path.GetFullPath(board.FilePath)) ?? ".";
        matrix = DbcParser.ParseFile(Path.Combine(boardFolder, "can", "bms.dbc"));
        core.EnableCanTransmission(network.Attach("master", null));
        network.Attach("monitor", Decode);
        core.Start((float)scenario.EstimatorInitialSoc);
    }

    public PackEstimationMetrics Run()
    {
        var trace = suite.DriveCycle;
        long convergence = (long)(scenario.Criteria.ConvergenceMinutes * 60e6);
        long restMicroseconds = (long)(scenario.RestMinutes * 60e6);
        double sumSquares = 0;
        long samples = 0;
        long t = 0;
        double driveSeconds = 0;

        for (int cycle = 0; cycle < scenario.Cycles; cycle++)
        {
            t = Hold(t, t + restMicroseconds, _ => 0, ref sumSquares, ref samples, convergence);
            t = RunUntil(t, () => MinimumSoc() <= scenario.DischargeToSoc || MinimumVolts() <= MinimumCellVolts + VoltageMarginVolts,
                () => DriveAmperes(trace, ref driveSeconds), ref sumSquares, ref samples, convergence);
            t = Hold(t, t + restMicroseconds, _ => 0, ref sumSquares, ref samples, convergence);
            t = RunUntil(t, () => MaximumSoc() >= scenario.ChargeToSoc || MaximumVolts() >= MaximumCellVolts - VoltageMarginVolts,
                () => scenario.ChargeAmperesPerCell * parallel, ref sumSquares, ref samples, convergence);
        }

        // A final rest, then one minute of driving: the capacity estimator takes a rest point when the current resumes.
        t = Hold(t, t + restMicroseconds, _ => 0, ref sumSquares, ref samples, convergence);
        long end = t + 60_000_000;
        t = RunUntil(t, () => clock.NowMicroseconds >= end, () => DriveAmperes(trace, ref driveSeconds), ref sumSquares, ref samples, convergence);

        metrics.SimulatedSeconds = t / 1e6;
        metrics.RmsSocErrorPercent = samples > 0 ? Math.Sqrt(sumSquares / samples) : double.NaN;
        Finish();
        return metrics;
    }

    private double MinimumCellVolts => suite.Board.Cell.Parameters.MinimumVoltageVolts;

    private double MaximumCellVolts => suite.Board.Cell.Parameters.MaximumVoltageVolts;

    /// <summary>Pack current of the drive phase: the trace's cell current times the scale and the parallel count, replayed in a loop.</summary>
    private double DriveAmperes(Simulation.Data.CellRecording trace, ref double driveSeconds)
    {
        double offset = trace.TimeSeconds[0] + driveSeconds % trace.DurationSeconds;
        driveSeconds += PlantStepMicroseconds / 1e6;
        return trace.CurrentAmperes[trace.IndexAt(offset)] * scenario.DriveCurrentScale * parallel;
    }

    private long Hold(long t, long end, Func<long, double> amperes, ref double sumSquares, ref long samples, long convergence)
    {
        while (t < end)
        {
            t = Step(t, amperes(t), ref sumSquares, ref samples, convergence);
        }

        return t;
    }

    private long RunUntil(long t, Func<bool> done, Func<double> amperes, ref double sumSquares, ref long samples, long convergence)
    {
        // A phase that never ends (a charge current too small to reach the target) is bounded at 24 h of simulated time.
        long limit = t + 86_400_000_000;
        while (!done())
        {
            if (t >= limit)
            {
                throw new InvalidOperationException($"Scenario '{scenario.Name}': a cycle phase did not reach its SOC target within 24 h of simulated time; check the cycle settings.");
            }

            t = Step(t, amperes(), ref sumSquares, ref samples, convergence);
        }

        return t;
    }

    private long Step(long t, double packAmperes, ref double sumSquares, ref long samples, long convergence)
    {
        long next = t + PlantStepMicroseconds;
        plant.Step(PlantStepMicroseconds / 1e6, packAmperes);
        RunMaster(next);
        SnapshotFirmwareLimits();
        network.AdvanceTo(next);

        if (next >= convergence && next % ErrorSampleMicroseconds == 0)
        {
            var estimation = core.Estimation;
            for (int i = 0; i < plant.CellCount; i++)
            {
                double error = Math.Abs(estimation.GetCellStateOfCharge(i) - plant.GetSoc(i)) * 100;
                sumSquares += error * error;
                samples++;
                if (error > metrics.MaxCellSocErrorPercent)
                {
                    metrics.MaxCellSocErrorPercent = error;
                    metrics.MaxSocErrorCell = i + 1;
                    metrics.MaxSocErrorAtSeconds = next / 1e6;
                }
            }
        }

        return next;
    }

    /// <summary>Runs the master's executive release by release up to <paramref name="end"/>, as its main loop does.</summary>
    private void RunMaster(long end)
    {
        var executive = core.Executive;
        while (executive.NextReleaseMicroseconds <= end)
        {
            long release = executive.NextReleaseMicroseconds;
            if (release > clock.NowMicroseconds)
            {
                clock.AdvanceTo(release);
            }

            executive.RunDueTasks();
        }

        if (end > clock.NowMicroseconds)
        {
            clock.AdvanceTo(end);
        }
    }

    /// <summary>
    /// Keeps the firmware's limits of this step and of the previous one. A frame sent late in one step arrives during the
    /// next, so a decoded frame is compared with both and the closer one counts.
    /// </summary>
    private void SnapshotFirmwareLimits()
    {
        var limits = core.PowerLimits.PackLimits;
        for (int h = 0; h < 3; h++)
        {
            Array.Copy(firmwareSnapshot[h], previousSnapshot[h], 4);
            int index = HorizonIndex(h);
            firmwareSnapshot[h][0] = limits.ChargePowerWatts[index] / 1000.0;
            firmwareSnapshot[h][1] = limits.DischargePowerWatts[index] / 1000.0;
            firmwareSnapshot[h][2] = limits.ChargeCurrentAmperes[index];
            firmwareSnapshot[h][3] = limits.DischargeCurrentAmperes[index];
        }
    }

    /// <summary>Horizons of BMS_PowerLimits, BMS_PowerLimits10s and BMS_PowerLimits30s, in seconds.</summary>
    private static readonly float[] MatrixHorizonsSeconds = [2f, 10f, 30f];

    private int HorizonIndex(int matrixHorizon)
    {
        float seconds = MatrixHorizonsSeconds[matrixHorizon];
        var limits = core.PowerLimits;
        for (int i = 0; i < limits.HorizonCount; i++)
        {
            if (limits.GetHorizonSeconds(i) == seconds)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The master computes no {seconds} s power limit.");
    }

    /// <summary>Decodes the master's frames as a CAN tool would, by the signal definitions of bms.dbc.</summary>
    private void Decode(CanFrame frame, long time)
    {
        var message = matrix.FindMessage(frame.Id, frame.IsExtended);
        if (message == null)
        {
            return;
        }

        var values = DbcSignalCodec.DecodeMessage(frame.Data.AsSpan(0, frame.Length), message);
        switch (message.Name)
        {
            case "BMS_PackStatus":
                metrics.DecodedPackSocPercent = values["PackSoc"];
                metrics.DecodedPackSohPercent = values["PackSoh"];
                metrics.StatusFramesDecoded++;
                break;
            case "BMS_PowerLimits":
                StoreLimits(0, values["MaxChargePower"], values["MaxDischargePower"], values["MaxChargeCurrent"], values["MaxDischargeCurrent"]);
                break;
            case "BMS_PowerLimits10s":
                StoreLimits(1, values["MaxChargePower10s"], values["MaxDischargePower10s"], values["MaxChargeCurrent10s"], values["MaxDischargeCurrent10s"]);
                break;
            case "BMS_PowerLimits30s":
                StoreLimits(2, values["MaxChargePower30s"], values["MaxDischargePower30s"], values["MaxChargeCurrent30s"], values["MaxDischargeCurrent30s"]);
                break;
        }
    }

    private void StoreLimits(int horizon, double chargeKilowatts, double dischargeKilowatts, double chargeAmperes, double dischargeAmperes)
    {
        double[] decoded = metrics.DecodedLimits[horizon];
        decoded[0] = chargeKilowatts;
        decoded[1] = dischargeKilowatts;
        decoded[2] = chargeAmperes;
        decoded[3] = dischargeAmperes;
        for (int i = 0; i < 4; i++)
        {
            double current = Math.Abs(decoded[i] - firmwareSnapshot[horizon][i]);
            double previous = Math.Abs(decoded[i] - previousSnapshot[horizon][i]);
            metrics.FirmwareLimits[horizon][i] = current <= previous ? firmwareSnapshot[horizon][i] : previousSnapshot[horizon][i];
            metrics.MaxLimitDecodeDifference = Math.Max(metrics.MaxLimitDecodeDifference, Math.Min(current, previous));
        }

        metrics.LimitFramesDecoded++;
    }

    private void Finish()
    {
        var estimation = core.Estimation;
        double minimumTruth = double.MaxValue, maximumTruth = double.MinValue;
        for (int i = 0; i < plant.CellCount; i++)
        {
            double truth = plant.GetCapacityAmpereHours(i) / parallel / cellCapacityAmpereHours * 100;
            double estimate = estimation.GetStateOfHealth(i).CapacityStateOfHealth * 100;
            minimumTruth = Math.Min(minimumTruth, truth);
            maximumTruth = Math.Max(maximumTruth, truth);
            double error = Math.Abs(estimate - truth);
            if (error > metrics.MaxCapacitySohErrorPercent)
            {
                metrics.MaxCapacitySohErrorPercent = error;
                metrics.MaxSohErrorCell = i + 1;
            }
        }

        metrics.TrueCapacitySohMinPercent = minimumTruth;
        metrics.TrueCapacitySohMaxPercent = maximumTruth;
        metrics.EstimatedPackSohPercent = estimation.PackCapacityStateOfHealth * 100;
        metrics.CapacityUpdates = estimation.CapacityUpdateCount;
    }

    private double MinimumSoc()
    {
        double minimum = double.MaxValue;
        for (int i = 0; i < plant.CellCount; i++)
        {
            minimum = Math.Min(minimum, plant.GetSoc(i));
        }

        return minimum;
    }

    private double MaximumSoc()
    {
        double maximum = double.MinValue;
        for (int i = 0; i < plant.CellCount; i++)
        {
            maximum = Math.Max(maximum, plant.GetSoc(i));
        }

        return maximum;
    }

    private double MinimumVolts()
    {
        double minimum = double.MaxValue;
        for (int i = 0; i < plant.CellCount; i++)
        {
            minimum = Math.Min(minimum, plant.GetCellVolts(i));
        }

        return minimum;
    }

    private double MaximumVolts()
    {
        double maximum = double.MinValue;
        for (int i = 0; i < plant.CellCount; i++)
        {
            maximum = Math.Max(maximum, plant.GetCellVolts(i));
        }

        return maximum;
    }

    /// <summary>
    /// The master's sensors on the plant: cell voltages rounded to 1 mV as the slave link carries them, the plant current,
    /// and temperatures rounded to 0.1 °C, channel k on the cell k × cells / channels.
    /// </summary>
    private sealed class PlantSensors(PackPlant plant, int temperatureChannels) : ICellVoltageSensor, ICurrentSensor, ITemperatureSensor
    {
        public int CellCount => plant.CellCount;

        public int ChannelCount => temperatureChannels;

        public bool TryRead(float[] cellVoltagesVolts)
        {
            for (int i = 0; i < plant.CellCount; i++)
            {
                cellVoltagesVolts[i] = (float)(Math.Round(plant.GetCellVolts(i) * 1000, MidpointRounding.AwayFromZero) / 1000);
            }

            return true;
        }

        public bool TryReadAmperes(out float currentAmperes)
        {
            currentAmperes = (float)plant.CurrentAmperes;
            return true;
        }

        public bool TryReadCelsius(int channel, out float temperatureCelsius)
        {
            int cell = channel * plant.CellCount / temperatureChannels;
            temperatureCelsius = (float)(Math.Round(plant.GetTemperatureCelsius(cell) * 10, MidpointRounding.AwayFromZero) / 10);
            return true;
        }
    }
}
