using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Controllers.Cli;

/// <summary>One value of a parameter file: the id, the name when the file gives one, and the value as written.</summary>
internal sealed record ParameterFileEntry(ushort Id, string? Name, JsonElement Value, int Position);

/// <summary>
/// The JSON file of <c>ctl params export</c> and <c>import</c>: an object with <c>format</c>
/// ("ctl-parameters/1") and <c>parameters</c>, an array of objects with id (hex text), name, value, unit, min
/// and max. Import reads id, name and value; unit and limits are for the reader, because the ECU's limits apply.
/// </summary>
internal static class ParameterFile
{
    public const string FormatName = "ctl-parameters/1";

    /// <summary>Writes the file through a temporary file in the same folder and a rename, so a reader never sees half a file.</summary>
    public static void Write(string path, IReadOnlyList<ParameterDescriptor> parameters, IReadOnlyList<uint> values)
    {
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath) ?? ".";
        string temporary = Path.Combine(folder, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStartObject();
                writer.WriteString("format", FormatName);
                writer.WriteStartArray("parameters");
                for (int i = 0; i < parameters.Count; i++)
                {
                    ParameterDescriptor parameter = parameters[i];
                    writer.WriteStartObject();
                    writer.WriteString("id", parameter.IdText);
                    writer.WriteString("name", parameter.Name);
                    WriteValue(writer, "value", parameter, values[i]);
                    writer.WriteString("unit", parameter.Unit);
                    WriteValue(writer, "min", parameter, parameter.MinimumBits);
                    WriteValue(writer, "max", parameter, parameter.MaximumBits);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Reads the entries of a parameter file; throws <see cref="InvalidDataException"/> naming the entry and field.</summary>
    public static IReadOnlyList<ParameterFileEntry> Read(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException error)
        {
            throw new InvalidDataException(Messages.Format("ParamsFileNotJson", error.Message), error);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out JsonElement format) || format.GetString() != FormatName)
            {
                throw new InvalidDataException(Messages.Format("ParamsFileFormat", FormatName));
            }

            if (!root.TryGetProperty("parameters", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException(Messages.Get("ParamsFileNoList"));
            }

            var entries = new List<ParameterFileEntry>();
            var seen = new HashSet<ushort>();
            int position = 0;
            foreach (JsonElement item in list.EnumerateArray())
            {
                position++;
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("id", out JsonElement idElement) || idElement.ValueKind != JsonValueKind.String
                    || !DtcCommand.TryParseHex(idElement.GetString()!, 0xFFFF, out uint id))
                {
                    throw new InvalidDataException(Messages.Format("ParamsFileEntryId", position));
                }

                if (!item.TryGetProperty("value", out JsonElement value))
                {
                    throw new InvalidDataException(Messages.Format("ParamsFileEntryValue", position, "0x" + id.ToString("X4", CultureInfo.InvariantCulture)));
                }

                if (!seen.Add((ushort)id))
                {
                    throw new InvalidDataException(Messages.Format("ParamsFileDuplicate", "0x" + id.ToString("X4", CultureInfo.InvariantCulture)));
                }

                string? name = item.TryGetProperty("name", out JsonElement nameElement) && nameElement.ValueKind == JsonValueKind.String ? nameElement.GetString() : null;
                entries.Add(new ParameterFileEntry((ushort)id, name, value.Clone(), position));
            }

            return entries;
        }
    }

    /// <summary>Converts a JSON value to the bits of <paramref name="parameter"/>; false when the JSON kind or number does not fit the type.</summary>
    public static bool TryConvert(ParameterDescriptor parameter, JsonElement value, out uint bits)
    {
        bits = 0;
        if (parameter.Type == ParameterDescriptor.BoolType)
        {
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                bits = value.ValueKind == JsonValueKind.True ? 1u : 0u;
                return true;
            }
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number) && parameter.TryFromPhysical(number, out bits);
    }

    private static void WriteValue(Utf8JsonWriter writer, string name, ParameterDescriptor parameter, uint bits)
    {
        if (parameter.Type == ParameterDescriptor.BoolType)
        {
            writer.WriteBoolean(name, bits != 0);
            return;
        }

        // The shortest text that reads back to the same float, so 0.45f is written as 0.45.
        writer.WritePropertyName(name);
        writer.WriteRawValue(parameter.Format(bits), skipInputValidation: false);
    }
}
