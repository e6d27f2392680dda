using System;
using System.CommandLine;
using System.IO;
using Controllers.Can.CodeGeneration;
using Controllers.Can.Dbc;

namespace Controllers.Cli;

/// <summary><c>ctl dbc generate DBC --namespace NS --output FILE [--class-prefix P] [--check]</c></summary>
internal static class DbcGenerateCommand
{
    public static Command Create()
    {
        var fileArgument = new Argument<string>("DBC") { Description = Messages.Get("DbcGenerateFileDescription") };
        var namespaceOption = new Option<string>("--namespace")
        {
            Description = Messages.Get("DbcGenerateNamespaceDescription"),
            HelpName = "NAMESPACE",
            Required = true,
        };
        var outputOption = new Option<string>("--output")
        {
            Description = Messages.Get("DbcGenerateOutputDescription"),
            HelpName = "PATH",
            Required = true,
        };
        var prefixOption = new Option<string>("--class-prefix")
        {
            Description = Messages.Get("DbcGeneratePrefixDescription"),
            HelpName = "PREFIX",
        };
        var checkOption = new Option<bool>("--check") { Description = Messages.Get("DbcGenerateCheckDescription") };

        var generate = new Command("generate", Messages.Get("DbcGenerateDescription"))
        {
            fileArgument, namespaceOption, outputOption, prefixOption, checkOption,
        };
        generate.SetAction(parseResult => Generate(
            parseResult.GetRequiredValue(fileArgument),
            parseResult.GetRequiredValue(namespaceOption),
            parseResult.GetRequiredValue(outputOption),
            parseResult.GetValue(prefixOption) ?? "",
            parseResult.GetValue(checkOption)));
        return generate;
    }

    private static int Generate(string dbcPath, string namespaceName, string outputPath, string classPrefix, bool check)
    {
        if (!IsDottedIdentifier(namespaceName))
        {
            return CliOutput.InvalidInput(Messages.Format("DbcGenerateInvalidNamespace", namespaceName));
        }

        if (classPrefix.Length > 0 && !IsDottedIdentifier(classPrefix) || classPrefix.Contains('.'))
        {
            return CliOutput.InvalidInput(Messages.Format("DbcGenerateInvalidPrefix", classPrefix));
        }

        if (OutputPaths.CheckFile("--output", outputPath) is { } pathError)
        {
            return CliOutput.InvalidInput(pathError);
        }

        // Parse first so a syntax error is reported with its line and column.
        if (DbcCommand.TryLoad(dbcPath, out string? loadError) == null)
        {
            return CliOutput.InvalidInput(loadError!);
        }

        var options = new CodeGenerationOptions
        {
            Namespace = namespaceName,
            ClassPrefix = classPrefix,
            SourceName = SourceNameOf(dbcPath),
        };
        string code;
        try
        {
            code = DbcCodeGenerator.GenerateFromFile(dbcPath, options);
        }
        catch (DbcParseException error)
        {
            return CliOutput.InvalidInput(Messages.Format("DbcFileInvalid", error.Message));
        }

        return check ? Check(outputPath, code, dbcPath) : Write(outputPath, code);
    }

    private static int Check(string outputPath, string code, string dbcPath)
    {
        if (!File.Exists(outputPath))
        {
            return CliOutput.Failure(Messages.Format("DbcGenerateMissing", outputPath, dbcPath));
        }

        string existing = File.ReadAllText(outputPath).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (existing != code)
        {
            return CliOutput.Failure(Messages.Format("DbcGenerateStale", outputPath, dbcPath));
        }

        Console.WriteLine(Messages.Format("DbcGenerateUpToDate", outputPath));
        return ExitCodes.Success;
    }

    // Writes through a temporary file and a rename, so a failed write leaves the previous codec intact.
    private static int Write(string outputPath, string code)
    {
        string fullPath = Path.GetFullPath(outputPath);
        string folder = OutputPaths.ParentFolder(outputPath);
        if (OutputPaths.PrepareFolder("--output", outputPath, folder) is { } folderError)
        {
            return CliOutput.InvalidInput(folderError);
        }

        string temporary = Path.Combine(folder, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            File.WriteAllText(temporary, code);
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            return CliOutput.InvalidInput(Messages.Format("DbcGenerateWriteFailed", outputPath,
                error.Message.Replace(temporary, fullPath, StringComparison.Ordinal)));
        }

        Console.WriteLine(Messages.Format("DbcGenerateWritten", outputPath));
        return ExitCodes.Success;
    }

    /// <summary>
    /// Returns the DBC path relative to the repository root (the folder with Controllers.sln) with '/'
    /// separators, so the generated header names the same source on every machine; outside a repository
    /// it returns the file name.
    /// </summary>
    private static string SourceNameOf(string dbcPath)
    {
        string fullPath = Path.GetFullPath(dbcPath);
        for (var folder = new DirectoryInfo(Path.GetDirectoryName(fullPath) ?? "."); folder != null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Controllers.sln")))
            {
                return Path.GetRelativePath(folder.FullName, fullPath).Replace('\\', '/');
            }
        }

        return Path.GetFileName(fullPath);
    }

    private static bool IsDottedIdentifier(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (string part in text.Split('.'))
        {
            if (part.Length == 0 || !(char.IsLetter(part[0]) || part[0] == '_'))
            {
                return false;
            }

            foreach (char c in part)
            {
                if (!(char.IsLetterOrDigit(c) || c == '_'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
