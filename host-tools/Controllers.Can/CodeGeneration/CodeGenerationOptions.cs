namespace Controllers.Can.CodeGeneration;

/// <summary>Settings for <see cref="DbcCodeGenerator"/>.</summary>
public sealed class CodeGenerationOptions
{
    /// <summary>Namespace of the generated classes. Use one namespace per DBC file, because two files may define messages with the same name.</summary>
    public string Namespace { get; set; } = "Controllers.Firmware.Common.Can.Generated";

    /// <summary>Text put in front of every generated class name, for example <c>Pt</c> for <c>PtBmsPackStatus</c>. Empty by default.</summary>
    public string ClassPrefix { get; set; } = string.Empty;

    /// <summary>Name of the DBC file written in the header, usually its path relative to the repository root with forward slashes.</summary>
    public string SourceName { get; set; } = string.Empty;

    /// <summary>
    /// SHA-256 of the DBC text from <see cref="DbcCodeGenerator.ComputeSourceHash"/>, written in the header.
    /// <see cref="DbcCodeGenerator.GenerateFromFile"/> sets it. Null leaves the hash line out.
    /// </summary>
    public string? SourceHash { get; set; }

    /// <summary>Returns a copy, so that callers can change one setting without touching the original.</summary>
    public CodeGenerationOptions Clone()
    {
        return new CodeGenerationOptions
        {
            Namespace = Namespace,
            ClassPrefix = ClassPrefix,
            SourceName = SourceName,
            SourceHash = SourceHash,
        };
    }
}
