using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Controllers.Can.Dbc;

namespace Controllers.Can.CodeGeneration;

/// <summary>
/// Generates nanoFramework-compatible C# codecs from a DBC file: one class per message with a field per
/// signal in physical units, <c>Encode(CanFrame)</c> and <c>TryDecode(CanFrame)</c>. See docs/dbc-codegen.md.
/// </summary>
public static class DbcCodeGenerator
{
    /// <summary>Largest data length of a classic CAN frame, the only frame type <c>CanFrame</c> carries.</summary>
    private const int MaxClassicLength = 8;

    private const uint MaxExtendedId = 0x1FFFFFFF;

    /// <summary>
    /// Generates one C# file with a codec class for every message of <paramref name="file"/>. The output depends only on the
    /// file and the options, so the same input gives the same text, with '\n' line ends.
    /// </summary>
    public static string Generate(DbcFile file, CodeGenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Namespace))
        {
            throw new ArgumentException("The namespace of the generated code is missing. Set CodeGenerationOptions.Namespace.", nameof(options));
        }

        var writer = new CodeWriter();
        GeneratedFileHeader.Write(writer, new GeneratedFileHeader(
            string.IsNullOrEmpty(options.SourceName) ? file.FileName : options.SourceName,
            options.SourceHash,
            options.Namespace,
            options.ClassPrefix));
        writer.Line("using System;");
        writer.Line("using Controllers.Firmware.Common.Can;");
        writer.Line("using Controllers.Firmware.Common.Can.Generated;");
        writer.Line();
        writer.Line($"namespace {options.Namespace}");
        writer.Open();

        var classNames = new HashSet<string>(StringComparer.Ordinal);
        var first = true;
        foreach (var message in file.Messages)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            var skipReason = GetSkipReason(message);
            if (skipReason is not null)
            {
                writer.Line($"// NOTE: message {message.Name} (0x{message.Id:X}) is not generated: {skipReason}");
                continue;
            }

            var className = CSharpSyntax.ToIdentifier(options.ClassPrefix + message.Name).TrimStart('@');
            if (!classNames.Add(className))
            {
                className += "_" + message.Id.ToString("X", CultureInfo.InvariantCulture);
                classNames.Add(className);
            }

            MessageWriter.Write(writer, message, className);
        }

        writer.Close();
        return writer.ToString();
    }

    /// <summary>
    /// Reads a DBC file, parses it and generates its codecs, with the file's hash in the header. Where
    /// <see cref="CodeGenerationOptions.SourceName"/> is empty, the path as given is used.
    /// </summary>
    /// <exception cref="DbcParseException">The file is not valid DBC.</exception>
    public static string GenerateFromFile(string dbcPath, CodeGenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = ReadDbcText(dbcPath);
        var resolved = options.Clone();
        resolved.SourceHash = ComputeSourceHash(text);
        if (string.IsNullOrEmpty(resolved.SourceName))
        {
            resolved.SourceName = dbcPath.Replace('\\', '/');
        }

        return Generate(DbcParser.Parse(text, dbcPath), resolved);
    }

    /// <summary>
    /// Returns the lowercase hex SHA-256 of the DBC text, encoded as UTF-8 after "\r\n" is replaced by
    /// "\n", so that a checkout with Windows line ends gives the same hash.
    /// </summary>
    public static string ComputeSourceHash(string dbcText)
    {
        ArgumentNullException.ThrowIfNull(dbcText);
        var normalized = dbcText.Replace("\r\n", "\n", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }

    /// <summary>Reads a DBC file as <see cref="DbcParser.ParseFile"/> does: UTF-8, or Latin-1 where the bytes are not valid UTF-8.</summary>
    public static string ReadDbcText(string dbcPath)
    {
        var bytes = File.ReadAllBytes(dbcPath);
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    private static string? GetSkipReason(DbcMessage message)
    {
        if (message.Length > MaxClassicLength)
        {
            return $"its {message.Length} data bytes exceed the {MaxClassicLength} of a classic CAN frame.";
        }

        if (message.IsExtended && message.Id > MaxExtendedId)
        {
            return $"its identifier is above 0x{MaxExtendedId:X}, as in the placeholder message of Vector tools.";
        }

        return null;
    }
}
