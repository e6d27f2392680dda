using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Controllers.Firmware.CompatibilityCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Controllers.Firmware.Compatibility.Tests
{
    /// <summary>Compiles test sources against the nanoFramework mscorlib and checks the result.</summary>
    internal static class NanoFrameworkCompiler
    {
        /// <summary>Folder under the test output that the project file fills after each build.</summary>
        public static readonly string AssemblyFolder = Path.Combine(AppContext.BaseDirectory, "NanoFramework");

        public static readonly string MscorlibPath = Path.Combine(AssemblyFolder, "mscorlib.dll");

        public static readonly string FirmwareAssemblyPath = Path.Combine(AssemblyFolder, "Controllers.Firmware.NanoFramework.dll");

        private static readonly Lazy<NanoFrameworkCompatibilityChecker> SharedChecker =
            new Lazy<NanoFrameworkCompatibilityChecker>(() => new NanoFrameworkCompatibilityChecker(MscorlibPath));

        public static NanoFrameworkCompatibilityChecker Checker
        {
            get { return SharedChecker.Value; }
        }

        /// <summary>Compiles <paramref name="source"/> into a library; returns the emit result and the image.</summary>
        public static (EmitOutcome Outcome, byte[] Image) Compile(string assemblyName, string source, params MetadataReference[] extraReferences)
        {
            CSharpCompilation compilation = CSharpCompilation.Create(
                assemblyName,
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
                extraReferences.Prepend(MetadataReference.CreateFromFile(MscorlibPath)),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));

            using MemoryStream stream = new MemoryStream();
            Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(stream);
            List<Diagnostic> errors = result.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
            return (new EmitOutcome(result.Success, errors), stream.ToArray());
        }

        /// <summary>Compiles <paramref name="source"/>, fails the test on a compile error and returns the violations.</summary>
        public static IReadOnlyList<Violation> CompileAndCheck(string source, params MetadataReference[] extraReferences)
        {
            (EmitOutcome outcome, byte[] image) = Compile("Planted", source, extraReferences);
            Xunit.Assert.True(outcome.Success, "The test source failed to compile: " + string.Join(Environment.NewLine, outcome.Errors));
            using MemoryStream stream = new MemoryStream(image);
            return Checker.Check(stream);
        }
    }

    internal sealed record EmitOutcome(bool Success, IReadOnlyList<Diagnostic> Errors);
}
