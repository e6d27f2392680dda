using System;
using System.Globalization;
using System.IO;
using System.Text;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Simulation.Data;
using YamlDotNet.RepresentationModel;

namespace Controllers.Simulation.Boards;

/// <summary>
/// Reads and writes cell definition files (YAML). Layout: <c>name</c>, <c>source</c>,
/// <c>capacityAmpereHours</c>, <c>chargeEfficiency</c>, <c>minimumVoltageVolts</c>,
/// <c>maximumVoltageVolts</c>, <c>socBreakpoints</c>, a list <c>ocv</c> of
/// {<c>temperatureCelsius</c>, <c>volts</c>} rows and a list <c>impedance</c> of
/// {<c>temperatureCelsius</c>, <c>ohmicResistanceOhms</c>, <c>fastBranchResistanceOhms</c>,
/// <c>fastBranchTimeConstantSeconds</c>, <c>slowBranchResistanceOhms</c>,
/// <c>slowBranchTimeConstantSeconds</c>} rows, each list as long as <c>socBreakpoints</c>. Each impedance row
/// may add <c>chargeOhmicResistanceOhms</c>, the ohmic resistance while charging, if every row does; without
/// it charge and discharge share <c>ohmicResistanceOhms</c>. An optional list
/// <c>capacityByTemperature</c> of {<c>temperatureCelsius</c>, <c>capacityAmpereHours</c>} rows sets the SOC
/// scale per temperature; without it <c>capacityAmpereHours</c> applies at every temperature. An optional
/// list <c>hysteresis</c> of {<c>temperatureCelsius</c>, <c>magnitudeVolts</c>, <c>ratePerSoc</c>} rows
/// defines OCV hysteresis; without it the cell has none.
/// </summary>
public static class CellDefinitionFile
{
    /// <exception cref="DataFileException">The file is missing or a field is invalid.</exception>
    public static CellDefinition Load(string path)
    {
        var file = YamlFile.Load(path);
        var root = file.Root;
        file.RejectUnknownKeys(root, "name", "source", "capacityAmpereHours", "chargeEfficiency",
            "minimumVoltageVolts", "maximumVoltageVolts", "socBreakpoints", "ocv", "impedance", "capacityByTemperature", "hysteresis");

        var parameters = new CellParameters
        {
            CapacityAmpereHours = (float)file.RequireNumber(root, "capacityAmpereHours", 0.1, 2000),
            ChargeEfficiency = (float)file.FindNumber(root, "chargeEfficiency", 1.0, 0.9, 1.0),
            MinimumVoltageVolts = (float)file.RequireNumber(root, "minimumVoltageVolts", 0.5, 5.5),
            MaximumVoltageVolts = (float)file.RequireNumber(root, "maximumVoltageVolts", 0.5, 5.5),
            SocBreakpoints = file.RequireNumberList(root, "socBreakpoints", 0, 1),
        };
        int socCount = parameters.SocBreakpoints.Length;
        RequireAscending(file, file.Require(root, "socBreakpoints"), "socBreakpoints", parameters.SocBreakpoints, 0, socCount);
        if (!(parameters.MinimumVoltageVolts < parameters.MaximumVoltageVolts))
        {
            throw file.Error(file.Require(root, "maximumVoltageVolts"), "maximumVoltageVolts",
                Messages.Get("MaximumNotAboveMinimum"));
        }

        var ocvRows = file.RequireSequence(root, "ocv");
        parameters.OcvTemperaturesCelsius = new float[ocvRows.Children.Count];
        parameters.OcvVolts = new float[ocvRows.Children.Count * socCount];
        for (int row = 0; row < ocvRows.Children.Count; row++)
        {
            var mapping = file.AsMapping(ocvRows.Children[row], "ocv[" + row + "]");
            file.RejectUnknownKeys(mapping, "temperatureCelsius", "volts");
            parameters.OcvTemperaturesCelsius[row] = (float)file.RequireNumber(mapping, "temperatureCelsius", -60, 100);
            CopyRow(file, mapping, "volts", 0.5, 5.5, parameters.OcvVolts, row, socCount);
            RequireAscending(file, file.Require(mapping, "volts"), "volts", parameters.OcvVolts, row * socCount, socCount);
        }

        RequireAscending(file, ocvRows, "temperatureCelsius", parameters.OcvTemperaturesCelsius, 0, ocvRows.Children.Count);

        var impedanceRows = file.RequireSequence(root, "impedance");
        int impedanceCount = impedanceRows.Children.Count;
        parameters.ImpedanceTemperaturesCelsius = new float[impedanceCount];
        parameters.OhmicResistanceOhms = new float[impedanceCount * socCount];
        parameters.FastBranchResistanceOhms = new float[impedanceCount * socCount];
        parameters.FastBranchTimeConstantSeconds = new float[impedanceCount * socCount];
        parameters.SlowBranchResistanceOhms = new float[impedanceCount * socCount];
        parameters.SlowBranchTimeConstantSeconds = new float[impedanceCount * socCount];
        var chargeResistance = new float[impedanceCount * socCount];
        int chargeRows = 0;
        for (int row = 0; row < impedanceCount; row++)
        {
            var mapping = file.AsMapping(impedanceRows.Children[row], "impedance[" + row + "]");
            file.RejectUnknownKeys(mapping, "temperatureCelsius", "ohmicResistanceOhms", "chargeOhmicResistanceOhms",
                "fastBranchResistanceOhms", "fastBranchTimeConstantSeconds", "slowBranchResistanceOhms",
                "slowBranchTimeConstantSeconds");
            parameters.ImpedanceTemperaturesCelsius[row] = (float)file.RequireNumber(mapping, "temperatureCelsius", -60, 100);
            CopyRow(file, mapping, "ohmicResistanceOhms", 1e-6, 10, parameters.OhmicResistanceOhms, row, socCount);
            if (file.Find(mapping, "chargeOhmicResistanceOhms") != null)
            {
                CopyRow(file, mapping, "chargeOhmicResistanceOhms", 1e-6, 10, chargeResistance, row, socCount);
                chargeRows++;
            }

            if (chargeRows > 0 && chargeRows != row + 1)
            {
                throw file.Error(mapping, "chargeOhmicResistanceOhms", Messages.Get("ChargeResistanceRowsMixed"));
            }
            CopyRow(file, mapping, "fastBranchResistanceOhms", 0, 10, parameters.FastBranchResistanceOhms, row, socCount);
            CopyRow(file, mapping, "fastBranchTimeConstantSeconds", 0.01, 100000, parameters.FastBranchTimeConstantSeconds, row, socCount);
            CopyRow(file, mapping, "slowBranchResistanceOhms", 0, 10, parameters.SlowBranchResistanceOhms, row, socCount);
            CopyRow(file, mapping, "slowBranchTimeConstantSeconds", 0.01, 100000, parameters.SlowBranchTimeConstantSeconds, row, socCount);
        }

        RequireAscending(file, impedanceRows, "temperatureCelsius", parameters.ImpedanceTemperaturesCelsius, 0, impedanceCount);
        if (chargeRows > 0)
        {
            parameters.ChargeOhmicResistanceOhms = chargeResistance;
        }

        ReadCapacityTable(file, root, parameters);
        ReadHysteresisTable(file, root, parameters);

        try
        {
            parameters.Validate();
        }
        catch (ArgumentException error)
        {
            // The checks above catch what a file can get wrong; this maps what remains to the nearest key.
            string field = error.ParamName == null ? "-" : char.ToLowerInvariant(error.ParamName[0]) + error.ParamName[1..];
            throw new DataFileException(path, (int)root.Start.Line, field, error.Message, error);
        }

        return new CellDefinition(file.RequireString(root, "name"), file.FindString(root, "source") ?? "", parameters);
    }

    private static void ReadCapacityTable(YamlFile file, YamlMappingNode root, CellParameters parameters)
    {
        if (file.Find(root, "capacityByTemperature") == null)
        {
            return;
        }

        var rows = file.RequireSequence(root, "capacityByTemperature");
        if (rows.Children.Count == 0)
        {
            throw file.Error(rows, "capacityByTemperature", Messages.Get("EmptyCapacityTable"));
        }

        int count = rows.Children.Count;
        parameters.CapacityTemperaturesCelsius = new float[count];
        parameters.CapacityByTemperatureAmpereHours = new float[count];
        for (int row = 0; row < count; row++)
        {
            var mapping = file.AsMapping(rows.Children[row], "capacityByTemperature[" + row + "]");
            file.RejectUnknownKeys(mapping, "temperatureCelsius", "capacityAmpereHours");
            parameters.CapacityTemperaturesCelsius[row] = (float)file.RequireNumber(mapping, "temperatureCelsius", -60, 100);
            parameters.CapacityByTemperatureAmpereHours[row] = (float)file.RequireNumber(mapping, "capacityAmpereHours", 0.1, 2000);
        }

        RequireAscending(file, rows, "temperatureCelsius", parameters.CapacityTemperaturesCelsius, 0, count);
    }

    private static void ReadHysteresisTable(YamlFile file, YamlMappingNode root, CellParameters parameters)
    {
        if (file.Find(root, "hysteresis") == null)
        {
            return;
        }

        var rows = file.RequireSequence(root, "hysteresis");
        if (rows.Children.Count == 0)
        {
            throw file.Error(rows, "hysteresis", Messages.Get("EmptyHysteresisTable"));
        }

        int count = rows.Children.Count;
        parameters.HysteresisTemperaturesCelsius = new float[count];
        parameters.HysteresisMagnitudeVolts = new float[count];
        parameters.HysteresisRatePerSoc = new float[count];
        for (int row = 0; row < count; row++)
        {
            var mapping = file.AsMapping(rows.Children[row], "hysteresis[" + row + "]");
            file.RejectUnknownKeys(mapping, "temperatureCelsius", "magnitudeVolts", "ratePerSoc");
            parameters.HysteresisTemperaturesCelsius[row] = (float)file.RequireNumber(mapping, "temperatureCelsius", -60, 100);
            parameters.HysteresisMagnitudeVolts[row] = (float)file.RequireNumber(mapping, "magnitudeVolts", 0, 0.5);
            parameters.HysteresisRatePerSoc[row] = (float)file.RequireNumber(mapping, "ratePerSoc", 0, 10000);
        }

        RequireAscending(file, rows, "temperatureCelsius", parameters.HysteresisTemperaturesCelsius, 0, count);
    }

    // Rejects a list that does not rise strictly, naming the first offending entry (1-based, as people count).
    private static void RequireAscending(YamlFile file, YamlNode node, string field, float[] values, int start, int count)
    {
        for (int i = 1; i < count; i++)
        {
            if (!(values[start + i] > values[start + i - 1]))
            {
                throw file.Error(node, field, Messages.Format("NotAscending", i + 1,
                    values[start + i].ToString(CultureInfo.InvariantCulture),
                    values[start + i - 1].ToString(CultureInfo.InvariantCulture)));
            }
        }
    }

    private static void CopyRow(YamlFile file, YamlMappingNode mapping, string key, double minimum, double maximum,
        float[] table, int row, int socCount)
    {
        float[] values = file.RequireNumberList(mapping, key, minimum, maximum);
        if (values.Length != socCount)
        {
            throw file.Error(file.Require(mapping, key), key,
                Messages.Format("RowLengthMismatch", values.Length, socCount));
        }

        Array.Copy(values, 0, table, row * socCount, socCount);
    }

    /// <summary>Writes <paramref name="definition"/> to <paramref name="path"/> through a temporary file, so
    /// an interrupted write never leaves a half-written definition.</summary>
    public static void Save(CellDefinition definition, string path, string headerComment)
    {
        definition.Parameters.Validate();
        var p = definition.Parameters;
        int socCount = p.SocBreakpoints.Length;
        var text = new StringBuilder();
        foreach (string line in headerComment.Split('\n'))
        {
            text.Append("# ").AppendLine(line.TrimEnd());
        }

        text.Append("name: ").AppendLine(Quote(definition.Name));
        text.Append("source: ").AppendLine(Quote(definition.Source));
        text.Append("capacityAmpereHours: ").AppendLine(Number(p.CapacityAmpereHours));
        text.Append("chargeEfficiency: ").AppendLine(Number(p.ChargeEfficiency));
        if (p.CapacityTemperaturesCelsius.Length > 0)
        {
            text.AppendLine("capacityByTemperature:");
            for (int row = 0; row < p.CapacityTemperaturesCelsius.Length; row++)
            {
                text.Append("  - { temperatureCelsius: ").Append(Number(p.CapacityTemperaturesCelsius[row]))
                    .Append(", capacityAmpereHours: ").Append(Number(p.CapacityByTemperatureAmpereHours[row])).AppendLine(" }");
            }
        }

        text.Append("minimumVoltageVolts: ").AppendLine(Number(p.MinimumVoltageVolts));
        text.Append("maximumVoltageVolts: ").AppendLine(Number(p.MaximumVoltageVolts));
        text.Append("socBreakpoints: ").AppendLine(List(p.SocBreakpoints, 0, socCount));
        text.AppendLine("ocv:");
        for (int row = 0; row < p.OcvTemperaturesCelsius.Length; row++)
        {
            text.Append("  - temperatureCelsius: ").AppendLine(Number(p.OcvTemperaturesCelsius[row]));
            text.Append("    volts: ").AppendLine(List(p.OcvVolts, row * socCount, socCount));
        }

        text.AppendLine("impedance:");
        for (int row = 0; row < p.ImpedanceTemperaturesCelsius.Length; row++)
        {
            text.Append("  - temperatureCelsius: ").AppendLine(Number(p.ImpedanceTemperaturesCelsius[row]));
            text.Append("    ohmicResistanceOhms: ").AppendLine(List(p.OhmicResistanceOhms, row * socCount, socCount));
            if (p.ChargeOhmicResistanceOhms.Length > 0)
            {
                text.Append("    chargeOhmicResistanceOhms: ").AppendLine(List(p.ChargeOhmicResistanceOhms, row * socCount, socCount));
            }

            text.Append("    fastBranchResistanceOhms: ").AppendLine(List(p.FastBranchResistanceOhms, row * socCount, socCount));
            text.Append("    fastBranchTimeConstantSeconds: ").AppendLine(List(p.FastBranchTimeConstantSeconds, row * socCount, socCount));
            text.Append("    slowBranchResistanceOhms: ").AppendLine(List(p.SlowBranchResistanceOhms, row * socCount, socCount));
            text.Append("    slowBranchTimeConstantSeconds: ").AppendLine(List(p.SlowBranchTimeConstantSeconds, row * socCount, socCount));
        }

        if (p.HysteresisTemperaturesCelsius.Length > 0)
        {
            text.AppendLine("hysteresis:");
            for (int row = 0; row < p.HysteresisTemperaturesCelsius.Length; row++)
            {
                text.Append("  - { temperatureCelsius: ").Append(Number(p.HysteresisTemperaturesCelsius[row]))
                    .Append(", magnitudeVolts: ").Append(Number(p.HysteresisMagnitudeVolts[row]))
                    .Append(", ratePerSoc: ").Append(Number(p.HysteresisRatePerSoc[row])).AppendLine(" }");
            }
        }

        string fullPath = Path.GetFullPath(path);
        string temporary = fullPath + ".tmp";
        File.WriteAllText(temporary, text.ToString());
        File.Move(temporary, fullPath, overwrite: true);
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string List(float[] values, int start, int count)
    {
        var parts = new string[count];
        for (int i = 0; i < count; i++)
        {
            parts[i] = Number(values[start + i]);
        }

        return "[" + string.Join(", ", parts) + "]";
    }
}
