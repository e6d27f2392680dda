using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Controllers.Simulation.Boards;
using Controllers.Simulation.Data;
using Controllers.Simulation.Identification;
using Spectre.Console;

namespace Controllers.Cli;

/// <summary><c>ctl cell fit --ocv PATH@TEMPC ... --drive PATH ... --name NAME --output PATH</c></summary>
internal static class CellFitCommand
{
    public static Command Create()
    {
        var ocvOption = new Option<string[]>("--ocv")
        {
            Description = Messages.Get("CellFitOcvDescription"),
            HelpName = "PATH@TEMPC",
            Required = true,
        };
        var driveOption = new Option<string[]>("--drive")
        {
            Description = Messages.Get("CellFitDriveDescription"),
            HelpName = "PATH",
            Required = true,
        };
        var nameOption = new Option<string>("--name")
        {
            Description = Messages.Get("CellFitNameDescription"),
            HelpName = "NAME",
            Required = true,
        };
        var outputOption = new Option<string>("--output")
        {
            Description = Messages.Get("CellFitOutputDescription"),
            HelpName = "PATH",
            Required = true,
        };

        var splitOption = new Option<bool>("--split-direction")
        {
            Description = Messages.Get("CellFitSplitDirectionDescription"),
        };

        var fit = new Command("fit", Messages.Get("CellFitDescription")) { ocvOption, driveOption, nameOption, outputOption, splitOption };
        fit.SetAction(parseResult => Fit(
            parseResult.GetRequiredValue(ocvOption),
            parseResult.GetRequiredValue(driveOption),
            parseResult.GetRequiredValue(nameOption),
            parseResult.GetRequiredValue(outputOption),
            parseResult.GetValue(splitOption)));

        return new Command("cell", Messages.Get("CellDescription")) { fit };
    }

    private static int Fit(string[] ocvArguments, string[] drivePaths, string name, string outputPath, bool splitDirection)
    {
        if (CheckName(name) is { } nameError)
        {
            return CliOutput.InvalidInput(nameError);
        }

        if (OutputPaths.CheckFile("--output", outputPath) is { } outputError)
        {
            return CliOutput.InvalidInput(outputError);
        }

        var ocvInputs = new List<OcvDischargeInput>();
        foreach (string argument in ocvArguments)
        {
            if (!TryParseOcvArgument(argument, out var input, out string? error))
            {
                return CliOutput.InvalidInput(error!);
            }

            ocvInputs.Add(input!);
        }

        foreach (string path in drivePaths)
        {
            if (!File.Exists(path))
            {
                return CliOutput.InvalidInput(Messages.Format("InputFileNotFound", "--drive", path));
            }
        }

        if (OutputPaths.PrepareFolder("--output", outputPath, OutputPaths.ParentFolder(outputPath)) is { } folderError)
        {
            return CliOutput.InvalidInput(folderError);
        }

        var options = new CellFitOptions
        {
            Name = name,
            OcvDischarges = ocvInputs,
            DriveCycles = drivePaths,
            SplitOhmicResistanceByDirection = splitDirection,
        };
        CellFitResult result;
        try
        {
            result = CellParameterFitter.Fit(options, line => Console.Out.WriteLine(line));
        }
        catch (DataFileException error)
        {
            return CliOutput.InvalidInput(error);
        }
        catch (ArgumentException error)
        {
            return CliOutput.InvalidInput(CliOutput.MessageOf(error));
        }
        catch (InvalidOperationException error)
        {
            return CliOutput.Failure(Messages.Format("CellFitFailed", error.Message));
        }

        PrintDriveCycleTable(result);

        // Saving only after a successful fit keeps an existing definition when the fit fails.
        if (FindNonFiniteFit(result) is { } badFit)
        {
            return CliOutput.Failure(Messages.Format("CellFitNotFinite", Path.GetFileName(badFit.Path),
                Millivolts(badFit.RmsVoltageErrorVolts), Millivolts(badFit.MaxVoltageErrorVolts)));
        }

        if (Save(result, outputPath) is { } saveError)
        {
            return CliOutput.InvalidInput(saveError);
        }

        AnsiConsole.MarkupLine(Markup.Escape(Messages.Format("CellWritten", Path.GetFullPath(outputPath))));
        return ExitCodes.Success;
    }

    /// <summary>Rejects an empty name and control characters, which the cell file loader rejects.</summary>
    private static string? CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Messages.Get("CellNameEmpty");
        }

        foreach (char character in name)
        {
            if (char.IsControl(character))
            {
                return Messages.Format("CellNameControlCharacter",
                    ((int)character).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return null;
    }

    /// <summary>Returns the first drive cycle whose RMS or maximum voltage error is NaN or infinite, or null.</summary>
    private static DriveCycleFit? FindNonFiniteFit(CellFitResult result)
    {
        foreach (var fit in result.DriveCycleFits)
        {
            if (!double.IsFinite(fit.RmsVoltageErrorVolts) || !double.IsFinite(fit.MaxVoltageErrorVolts))
            {
                return fit;
            }
        }

        return null;
    }

    /// <summary>Writes the definition and returns an error that names <paramref name="outputPath"/>, or null.</summary>
    private static string? Save(CellFitResult result, string outputPath)
    {
        string fullPath = Path.GetFullPath(outputPath);

        // CellDefinitionFile.Save writes PATH.tmp and renames it. Its errors name that file, which the user
        // never gave, so the message names the output path instead.
        string temporary = fullPath + ".tmp";
        try
        {
            CellDefinitionFile.Save(result.Definition, outputPath, result.Method);
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            string reason = error.Message.Replace(temporary, fullPath, StringComparison.Ordinal);
            return Messages.Format("CellSaveFailed", fullPath, reason);
        }
    }

    private static string Millivolts(double volts) => (volts * 1000).ToString("0.0", CultureInfo.CurrentCulture);

    /// <summary>Parses <c>PATH@TEMPC</c>. The last '@' separates the temperature, so paths may contain '@'.</summary>
    private static bool TryParseOcvArgument(string argument, out OcvDischargeInput? input, out string? error)
    {
        input = null;
        error = null;
        int separator = argument.LastIndexOf('@');
        if (separator <= 0 ||
            !double.TryParse(argument[(separator + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture,
                out double temperature) ||
            !(temperature >= -60 && temperature <= 100))
        {
            error = Messages.Format("OcvArgumentInvalid", argument);
            return false;
        }

        string path = argument[..separator];
        if (!File.Exists(path))
        {
            error = Messages.Format("InputFileNotFound", "--ocv", path);
            return false;
        }

        input = new OcvDischargeInput(path, temperature);
        return true;
    }

    private static void PrintDriveCycleTable(CellFitResult result)
    {
        var table = new Table();
        table.AddColumn(Markup.Escape(Messages.Get("ColumnDriveCycle")));
        table.AddColumn(new TableColumn(Markup.Escape(Messages.Get("ColumnMeanTemperature"))).RightAligned());
        table.AddColumn(new TableColumn(Markup.Escape(Messages.Get("ColumnSamples"))).RightAligned());
        table.AddColumn(new TableColumn(Markup.Escape(Messages.Get("ColumnRmsVoltageError"))).RightAligned());
        table.AddColumn(new TableColumn(Markup.Escape(Messages.Get("ColumnMaxVoltageError"))).RightAligned());
        bool split = result.DriveCycleFits.Any(fit => fit.SharedResistanceRmsVoltageErrorVolts.HasValue);
        if (split)
        {
            table.AddColumn(new TableColumn(Markup.Escape(Messages.Get("ColumnSharedRmsVoltageError"))).RightAligned());
            table.AddColumn(new TableColumn(Markup.Escape(Messages.Get("ColumnSharedMaxVoltageError"))).RightAligned());
        }

        foreach (var fit in result.DriveCycleFits)
        {
            var cells = new List<string>
            {
                Markup.Escape(Path.GetFileName(fit.Path)),
                fit.TemperatureCelsius.ToString("0.0", CultureInfo.CurrentCulture),
                fit.SampleCount.ToString(CultureInfo.CurrentCulture),
                Millivolts(fit.RmsVoltageErrorVolts),
                Millivolts(fit.MaxVoltageErrorVolts),
            };
            if (split)
            {
                cells.Add(Millivolts(fit.SharedResistanceRmsVoltageErrorVolts ?? double.NaN));
                cells.Add(Millivolts(fit.SharedResistanceMaxVoltageErrorVolts ?? double.NaN));
            }

            table.AddRow(cells.ToArray());
        }

        AnsiConsole.Write(table);
    }
}
