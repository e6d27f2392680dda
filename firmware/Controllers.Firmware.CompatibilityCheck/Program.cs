using System;
using System.Collections.Generic;
using System.IO;

namespace Controllers.Firmware.CompatibilityCheck
{
    /// <summary>
    /// Command line: checks a compiled firmware assembly against the nanoFramework rules and prints each
    /// violation in the MSBuild error format, so that a build running it fails with readable errors.
    /// </summary>
    public static class Program
    {
        private const int ExitSuccess = 0;
        private const int ExitViolations = 1;
        private const int ExitUsage = 2;

        private const string Usage =
            "Usage: Controllers.Firmware.CompatibilityCheck --mscorlib <nanoFramework mscorlib.dll> <assembly.dll>\n"
            + "Checks that <assembly.dll> uses only what nanoFramework 1.x runs. Exit code 0: compatible, 1: violations, 2: invalid arguments or file.";

        /// <summary>Runs the check and returns 0 when the assembly passes, 1 on violations and 2 on invalid input.</summary>
        public static int Main(string[] args)
        {
            string? mscorlibPath = null;
            string? assemblyPath = null;
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] == "--mscorlib" && i + 1 < args.Length)
                {
                    mscorlibPath = args[++i];
                }
                else if (args[i] == "--help" || args[i] == "-h")
                {
                    Console.WriteLine(Usage);
                    return ExitSuccess;
                }
                else if (assemblyPath == null && !args[i].StartsWith("-", StringComparison.Ordinal))
                {
                    assemblyPath = args[i];
                }
                else
                {
                    Console.Error.WriteLine("error: invalid argument '" + args[i] + "'.\n" + Usage);
                    return ExitUsage;
                }
            }

            if (mscorlibPath == null || assemblyPath == null)
            {
                Console.Error.WriteLine("error: both --mscorlib and the assembly path are required.\n" + Usage);
                return ExitUsage;
            }

            IReadOnlyList<Violation> violations;
            try
            {
                NanoFrameworkCompatibilityChecker checker = new NanoFrameworkCompatibilityChecker(mscorlibPath);
                violations = checker.Check(assemblyPath);
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException || exception is BadImageFormatException)
            {
                Console.Error.WriteLine("error: failed to read the assemblies: " + exception.Message);
                return ExitUsage;
            }

            foreach (Violation violation in violations)
            {
                // "<file>: error <id>: <message>" is the canonical MSBuild format, so Exec logs each line as a build error.
                Console.WriteLine(assemblyPath + ": error " + violation.RuleId + ": " + violation.Message);
            }

            if (violations.Count > 0)
            {
                Console.WriteLine(violations.Count + " nanoFramework compatibility violation(s) in " + assemblyPath + ".");
                return ExitViolations;
            }

            Console.WriteLine(Path.GetFileName(assemblyPath) + ": no nanoFramework compatibility violations.");
            return ExitSuccess;
        }
    }
}
