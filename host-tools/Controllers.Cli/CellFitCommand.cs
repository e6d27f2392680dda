using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
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

        var fit = new Command("fit", Messages.Get("CellFitDescription")) { ocvOption, driveOption, nameOption, outputOption };
        fit.SetAction(parseResult => Fit(
            parseResult.GetRequiredValue(ocvOption),
            parseResult.GetRequiredValue(driveOption),
            parseResult.GetRequiredValue(nameOption),
            parseResult.GetRequiredValue(outputOption)));

        return new Command("cell", Messages.Get("CellDescription")) { fit };
    }

    private static int Fit(string[] ocvArguments, string[] drivePaths, string name, string outputPath)
    {
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

        if (string.IsNullOrWhiteSpace(name))
        {
            return CliOutput.InvalidInput(Messages.Get("CellNameEmpty"));
        }

        string outputFolder = Path.GetDirectoryName(Path.GetFullPath(outputPath)) ?? ".";
        if (Directory.Exists(outputPath) || !Directory.Exists(outputFolder))
        {
            return CliOutput.InvalidInput(Messages.Format("OutputPathInvalid", outputPath));
        }

        var options = new CellFitOptions { Name = name, OcvDischarges = ocvInputs, DriveCycles = drivePaths };
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
            Console.Error.WriteLine(Messages.Format("CellFitFailed", error.Message));
            return ExitCodes.Failure;
        }

        // Saving only after a successful fit keeps an existing definition when the fit fails.
        try
        {
            CellDefinitionFile.Save(result.Definition, outputPath, result.Method);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return CliOutput.InvalidInput(Messages.Format("CellSaveFailed", outputPath, error.Message));
        }

        PrintDriveCycleTable(result);
        AnsiConsole.MarkupLine(Markup.Escape(Messages.Format("CellWritten", Path.GetFullPath(outputPath))));
        return ExitCodes.Success;
    }

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
        table.AddColumn(new TableColumn(Markup.Escape(Messages.Get("ColumnSamples"))).RightAligned());
        table.AddColumn(new TableColumn(Markup.Escape(Messages.Get("ColumnRmsVoltageError"))).RightAligned());
        table.AddColumn(new TableColumn(Markup.Escape(Messages.Get("ColumnMaxVoltageError"))).RightAligned());
        foreach (var fit in result.DriveCycleFits)
        {
            table.AddRow(
                Markup.Escape(Path.GetFileName(fit.Path)),
                fit.SampleCount.ToString(CultureInfo.CurrentCulture),
                (fit.RmsVoltageErrorVolts * 1000).ToString("0.0", CultureInfo.CurrentCulture),
                (fit.MaxVoltageErrorVolts * 1000).ToString("0.0", CultureInfo.CurrentCulture));
        }

        AnsiConsole.Write(table);
    }
}
