using System;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Simulation.Data;

namespace Controllers.Simulation.Boards;

/// <summary>
/// Reads board definition files (YAML): <c>name</c>, <c>kind: bms-master</c>, <c>cell</c> (path of a
/// cell definition, relative to the board file), <c>currentSensor.fullScaleAmperes</c>, optional
/// <c>tasks</c> periods in milliseconds and optional <c>estimator</c> noise settings.
/// </summary>
public static class BoardDefinitionFile
{
    /// <exception cref="DataFileException">The file or the cell file it names is missing or invalid.</exception>
    public static BmsBoardDefinition Load(string path)
    {
        var file = YamlFile.Load(path);
        var root = file.Root;
        file.RejectUnknownKeys(root, "name", "kind", "description", "cell", "currentSensor", "tasks", "estimator");

        string kind = file.RequireString(root, "kind");
        if (kind != "bms-master")
        {
            throw file.Error(file.Require(root, "kind"), "kind", Messages.Format("UnsupportedBoardKind", kind));
        }

        var cell = CellDefinitionFile.Load(file.ResolvePath(root, "cell"));

        var sensor = file.RequireMapping(root, "currentSensor");
        file.RejectUnknownKeys(sensor, "fullScaleAmperes");
        double fullScale = file.RequireNumber(sensor, "fullScaleAmperes", 0.1, 10000);

        var tasks = file.FindMapping(root, "tasks");
        int currentPeriod = 10, voltagePeriod = 100, temperaturePeriod = 1000, estimationPeriod = 100;
        if (tasks != null)
        {
            file.RejectUnknownKeys(tasks, "currentMilliseconds", "cellVoltageMilliseconds", "temperatureMilliseconds",
                "estimationMilliseconds");
            // The ranges are the firmware's (BmsTaskPeriods): the sampling requirements and the rule that
            // estimation runs at a multiple of the cell voltage period.
            currentPeriod = file.FindInteger(tasks, "currentMilliseconds", currentPeriod, 1, 30);
            voltagePeriod = file.FindInteger(tasks, "cellVoltageMilliseconds", voltagePeriod, 1, 100);
            temperaturePeriod = file.FindInteger(tasks, "temperatureMilliseconds", temperaturePeriod, 1, 1000);
            estimationPeriod = file.FindInteger(tasks, "estimationMilliseconds", estimationPeriod, voltagePeriod, 10000);
            if (estimationPeriod % voltagePeriod != 0)
            {
                throw file.Error(file.Require(tasks, "estimationMilliseconds"), "estimationMilliseconds",
                    Messages.Format("NotMultipleOfPeriod", estimationPeriod, voltagePeriod));
            }
        }

        var settings = new SocEstimatorSettings();
        var estimator = file.FindMapping(root, "estimator");
        if (estimator != null)
        {
            file.RejectUnknownKeys(estimator, "voltageNoiseVolts", "currentNoiseAmperes", "socRandomWalkPerSqrtSecond",
                "branchVoltageRandomWalkPerSqrtSecond", "initialSocStandardDeviation",
                "currentBiasRandomWalkAmperesPerSqrtSecond", "initialCurrentBiasStandardDeviationAmperes");
            settings.VoltageNoiseVolts = (float)file.FindNumber(estimator, "voltageNoiseVolts", settings.VoltageNoiseVolts, 0.0005, 0.5);
            settings.CurrentNoiseAmperes = (float)file.FindNumber(estimator, "currentNoiseAmperes", settings.CurrentNoiseAmperes, 0, 100);
            settings.SocRandomWalkPerSqrtSecond = (float)file.FindNumber(estimator, "socRandomWalkPerSqrtSecond", settings.SocRandomWalkPerSqrtSecond, 0, 0.01);
            settings.BranchVoltageRandomWalkPerSqrtSecond = (float)file.FindNumber(estimator, "branchVoltageRandomWalkPerSqrtSecond", settings.BranchVoltageRandomWalkPerSqrtSecond, 0, 0.5);
            settings.InitialSocStandardDeviation = (float)file.FindNumber(estimator, "initialSocStandardDeviation", settings.InitialSocStandardDeviation, 0.001, 1);
            settings.CurrentBiasRandomWalkAmperesPerSqrtSecond = (float)file.FindNumber(estimator, "currentBiasRandomWalkAmperesPerSqrtSecond", settings.CurrentBiasRandomWalkAmperesPerSqrtSecond, 0, 1);
            settings.InitialCurrentBiasStandardDeviationAmperes = (float)file.FindNumber(estimator, "initialCurrentBiasStandardDeviationAmperes", settings.InitialCurrentBiasStandardDeviationAmperes, 0, 100);
        }

        return new BmsBoardDefinition
        {
            Name = file.RequireString(root, "name"),
            FilePath = path,
            Cell = cell,
            CurrentSensorFullScaleAmperes = fullScale,
            CurrentPeriodMilliseconds = currentPeriod,
            CellVoltagePeriodMilliseconds = voltagePeriod,
            TemperaturePeriodMilliseconds = temperaturePeriod,
            EstimationPeriodMilliseconds = estimationPeriod,
            Estimator = settings,
        };
    }
}
