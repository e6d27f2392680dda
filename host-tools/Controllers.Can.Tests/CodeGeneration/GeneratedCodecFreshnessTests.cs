using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Controllers.Can.CodeGeneration;
using Xunit;

namespace Controllers.Can.Tests.CodeGeneration;

/// <summary>
/// Regenerates every checked-in codec under firmware/Controllers.Firmware.Common/Can/Generated from the DBC
/// named in its header and fails when the text differs. With DBC_CODEGEN_UPDATE=1 in the environment,
/// the test writes the new text instead, which is how the files are created and refreshed.
/// </summary>
public sealed class GeneratedCodecFreshnessTests
{
    private const string GeneratedFolder = "firmware/Controllers.Firmware.Common/Can/Generated";

    private const string NamespaceRoot = "Controllers.Firmware.Common.Can.Generated";

    /// <summary>Codecs that must exist. Any other *.g.cs file in the folder is checked as well.</summary>
    public static readonly TheoryData<string, string, string> RequiredCodecs = new()
    {
        { "host-tools/Controllers.Can.Tests/Dbc/Data/powertrain.dbc", "Powertrain.g.cs", NamespaceRoot + ".Powertrain" },
        { "host-tools/Controllers.Can.Tests/Dbc/Data/multiplexed.dbc", "Multiplexed.g.cs", NamespaceRoot + ".Multiplexed" },
        { "host-tools/Controllers.Can.Tests/Dbc/Data/numeric.dbc", "Numeric.g.cs", NamespaceRoot + ".Numeric" },
        { "host-tools/Controllers.Can.Tests/CodeGeneration/Data/codegen_edges.dbc", "CodegenEdges.g.cs", NamespaceRoot + ".CodegenEdges" },
        { "boards/can/bms.dbc", "Bms.g.cs", NamespaceRoot + ".Bms" },
        { "boards/can/vcu.dbc", "Vcu.g.cs", NamespaceRoot + ".Vcu" },
    };

    private static bool UpdateRequested => Environment.GetEnvironmentVariable("DBC_CODEGEN_UPDATE") == "1";

    [Theory]
    [MemberData(nameof(RequiredCodecs))]
    public void RequiredCodecExists(string dbcPath, string generatedFile, string namespaceName)
    {
        var root = RepositoryRoot.Find();
        var generatedPath = Path.Combine(root, GeneratedFolder, generatedFile);
        if (!File.Exists(generatedPath) && UpdateRequested)
        {
            var options = new CodeGenerationOptions { Namespace = namespaceName, SourceName = dbcPath };
            File.WriteAllText(generatedPath, DbcCodeGenerator.GenerateFromFile(Path.Combine(root, dbcPath), options));
        }

        Assert.True(File.Exists(generatedPath),
            $"{GeneratedFolder}/{generatedFile} is missing: run ctl dbc generate {dbcPath} --namespace {namespaceName} "
            + $"--output {GeneratedFolder}/{generatedFile}, or this test with DBC_CODEGEN_UPDATE=1.");
    }

    [Fact]
    public void GeneratedCodecsMatchTheirDbc()
    {
        var root = RepositoryRoot.Find();
        var files = Directory.GetFiles(Path.Combine(root, GeneratedFolder), "*.g.cs").OrderBy(path => path, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);

        var stale = new List<string>();
        foreach (var path in files)
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            var checkedIn = File.ReadAllText(path);
            var header = GeneratedFileHeader.Read(checkedIn);
            Assert.True(header is not null, $"{relative} has no generated-file header with a Source and a Namespace line.");

            var dbcPath = Path.Combine(root, header.SourceName);
            Assert.True(File.Exists(dbcPath), $"{relative} names the DBC file {header.SourceName}, which does not exist.");

            var options = header.ToOptions();
            options.SourceHash = null;
            var regenerated = DbcCodeGenerator.GenerateFromFile(dbcPath, options);
            if (regenerated == checkedIn.Replace("\r\n", "\n", StringComparison.Ordinal))
            {
                continue;
            }

            if (UpdateRequested)
            {
                File.WriteAllText(path, regenerated);
                continue;
            }

            stale.Add($"stale: {relative} does not match {header.SourceName}; run ctl dbc generate {header.SourceName} "
                + $"--namespace {header.Namespace} --output {relative}, or this test with DBC_CODEGEN_UPDATE=1.");
        }

        Assert.True(stale.Count == 0, string.Join(Environment.NewLine, stale));
    }

    [Fact]
    public void HeaderHashMatchesDbcText()
    {
        var root = RepositoryRoot.Find();
        foreach (var path in Directory.GetFiles(Path.Combine(root, GeneratedFolder), "*.g.cs"))
        {
            var header = GeneratedFileHeader.Read(File.ReadAllText(path));
            Assert.NotNull(header);
            var expected = DbcCodeGenerator.ComputeSourceHash(DbcCodeGenerator.ReadDbcText(Path.Combine(root, header.SourceName)));
            Assert.Equal(expected, header.SourceHash);
        }
    }
}
