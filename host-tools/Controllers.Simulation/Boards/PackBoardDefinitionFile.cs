using System.Collections.Generic;
using Controllers.Simulation.Data;

namespace Controllers.Simulation.Boards;

/// <summary>
/// Reads pack board files (YAML): <c>name</c>, <c>kind: bms-pack</c>, <c>cell</c> (path of a cell definition,
/// relative to the board file), optional <c>parallelCells</c>, <c>slaves</c> (a list of {<c>cells</c>, optional <c>cellsPerDevice</c>,
/// <c>temperatures</c>}), <c>currentSensor</c> {<c>source</c>: shunt or ivt, <c>fullScaleAmperes</c>, optional
/// <c>shuntOhms</c>} and optional <c>highVoltage</c> {<c>yCapacitanceFarads</c>, <c>prechargeOhms</c>,
/// <c>linkCapacitanceFarads</c>} and optional <c>cellRatings</c> {<c>maxChargeAmperes</c>, <c>maxDischargeAmperes</c>}, the
/// continuous current ratings of one cell from its datasheet, which bound the power limits.
/// </summary>
public static class PackBoardDefinitionFile
{
    /// <summary>Cells one AFE device measures (LTC6813-1: 18 cell inputs).</summary>
    public const int MaxCellsPerDevice = 18;

    /// <summary>Fewest cells that one AFE device needs connected.</summary>
    public const int MinCellsPerDevice = 3;

    /// <summary>AFE devices on one slave: two LTC6813-1 cover the 30-cell maximum.</summary>
    public const int MaxDevicesPerSlave = 2;

    /// <summary>
    /// Differential input range of the shunt ADC at the firmware's gain: ±1.2 V reference over gain 32 (ADS131M02,
    /// docs/current-measurement.md), so the shunt voltage at full scale must stay within 37.5 mV.
    /// </summary>
    public const double ShuntInputRangeVolts = 1.2 / 32;

    /// <exception cref="DataFileException">The file or the cell file it names is missing or invalid.</exception>
    public static PackBoardDefinition Load(string path)
    {
        var file = YamlFile.Load(path);
        var root = file.Root;
        file.RejectUnknownKeys(root, "name", "kind", "description", "cell", "parallelCells", "slaves", "currentSensor",
            "highVoltage", "cellRatings");
        string kind = file.RequireString(root, "kind");
        if (kind != "bms-pack")
        {
            throw file.Error(file.Require(root, "kind"), "kind", Messages.Format("UnsupportedPackBoardKind", kind));
        }

        var cell = CellDefinitionFile.Load(file.ResolvePath(root, "cell"));
        int parallel = file.FindInteger(root, "parallelCells", 1, 1, 100);
        var slaveNodes = file.RequireSequence(root, "slaves");
        if (slaveNodes.Children.Count < 1 || slaveNodes.Children.Count > 8)
        {
            throw file.Error(slaveNodes, "slaves", Messages.Format("SlaveCountOutOfRange", slaveNodes.Children.Count));
        }

        var slaves = new List<SlaveBoardDefinition>();
        foreach (var node in slaveNodes.Children)
        {
            var slave = file.AsMapping(node, "slaves");
            file.RejectUnknownKeys(slave, "cells", "cellsPerDevice", "temperatures");
            int cells = file.FindInteger(slave, "cells", 0, 6, 30);
            if (file.Find(slave, "cells") == null)
            {
                file.Require(slave, "cells");
            }

            var devices = new List<int>();
            if (file.Find(slave, "cellsPerDevice") != null)
            {
                var split = file.RequireNumberList(slave, "cellsPerDevice", MinCellsPerDevice, MaxCellsPerDevice);
                int sum = 0;
                foreach (float count in split)
                {
                    if (count != (int)count)
                    {
                        throw file.Error(file.Require(slave, "cellsPerDevice"), "cellsPerDevice",
                            Messages.Format("CellsPerDeviceNotWhole", count));
                    }

                    devices.Add((int)count);
                    sum += (int)count;
                }

                if (sum != cells)
                {
                    throw file.Error(file.Require(slave, "cellsPerDevice"), "cellsPerDevice",
                        Messages.Format("CellsPerDeviceSum", sum, cells));
                }
            }
            else
            {
                // One device up to 18 cells; beyond that the cells are split as evenly as the chip allows.
                int deviceCount = (cells + MaxCellsPerDevice - 1) / MaxCellsPerDevice;
                for (int i = 0; i < deviceCount; i++)
                {
                    devices.Add(cells / deviceCount + (i < cells % deviceCount ? 1 : 0));
                }
            }

            if (devices.Count > MaxDevicesPerSlave)
            {
                throw file.Error(file.Require(slave, "cellsPerDevice"), "cellsPerDevice",
                    Messages.Format("TooManyDevices", devices.Count, MaxDevicesPerSlave));
            }

            int temperatures = file.FindInteger(slave, "temperatures", 0, 1, 14);
            if (file.Find(slave, "temperatures") == null)
            {
                file.Require(slave, "temperatures");
            }

            slaves.Add(new SlaveBoardDefinition { CellCount = cells, CellsPerDevice = devices, TemperatureCount = temperatures });
        }

        var sensor = file.RequireMapping(root, "currentSensor");
        file.RejectUnknownKeys(sensor, "source", "fullScaleAmperes", "shuntOhms");
        string source = file.RequireString(sensor, "source");
        if (source != "shunt" && source != "ivt")
        {
            throw file.Error(file.Require(sensor, "source"), "source", Messages.Format("UnknownCurrentSource", source));
        }

        double fullScale = file.RequireNumber(sensor, "fullScaleAmperes", 1, 2500);
        double shunt = file.FindNumber(sensor, "shuntOhms", 100e-6, 1e-6, 0.1);
        if (fullScale * shunt > ShuntInputRangeVolts * 1.000001)
        {
            throw file.Error(file.Require(sensor, "fullScaleAmperes"), "fullScaleAmperes",
                Messages.Format("ShuntRangeExceeded", fullScale, shunt * 1e6, ShuntInputRangeVolts / shunt));
        }

        double yCapacitance = 470e-9, precharge = 100, link = 1e-3;
        var highVoltage = file.FindMapping(root, "highVoltage");
        if (highVoltage != null)
        {
            file.RejectUnknownKeys(highVoltage, "yCapacitanceFarads", "prechargeOhms", "linkCapacitanceFarads");
            yCapacitance = file.FindNumber(highVoltage, "yCapacitanceFarads", yCapacitance, 0, 10e-6);
            precharge = file.FindNumber(highVoltage, "prechargeOhms", precharge, 1, 10000);
            link = file.FindNumber(highVoltage, "linkCapacitanceFarads", link, 1e-6, 0.1);
        }

        double maxCharge = 0, maxDischarge = 0;
        var ratings = file.FindMapping(root, "cellRatings");
        if (ratings != null)
        {
            file.RejectUnknownKeys(ratings, "maxChargeAmperes", "maxDischargeAmperes");
            maxCharge = file.RequireNumber(ratings, "maxChargeAmperes", 0, 2000);
            maxDischarge = file.RequireNumber(ratings, "maxDischargeAmperes", 0, 2000);
        }

        return new PackBoardDefinition
        {
            Name = file.RequireString(root, "name"),
            FilePath = path,
            Cell = cell,
            ParallelCells = parallel,
            Slaves = slaves,
            CurrentSource = source,
            CurrentFullScaleAmperes = fullScale,
            ShuntOhms = shunt,
            YCapacitanceFarads = yCapacitance,
            PrechargeOhms = precharge,
            LinkCapacitanceFarads = link,
            CellMaxChargeAmperes = maxCharge,
            CellMaxDischargeAmperes = maxDischarge,
        };
    }
}
