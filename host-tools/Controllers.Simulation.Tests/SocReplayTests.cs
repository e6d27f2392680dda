using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Controllers.Simulation.Boards;
using Controllers.Simulation.Data;
using Controllers.Simulation.Replay;
using Xunit;

namespace Controllers.Simulation.Tests;

public class SocReplayTests
{
    // C/20 capacity of the LG 18650HG2 cell at 25 °C, as in boards/cells/lg-18650hg2.yaml.
    private const double ReferenceCapacityAmpereHours = 2.78074;

    private const double ReplaySeconds = 15 * 60;

    /// <summary>Reads time (rebased to seconds from the first row) and the charge counter straight from the CSV.</summary>
    private static (List<double> Seconds, List<double> ChargeAmpereHours) ReadTimeAndCharge(string path)
    {
        using var reader = new StreamReader(path);
        string[] header = reader.ReadLine()!.Split(',');
        int timeColumn = Array.IndexOf(header, "Time [min]");
        int chargeColumn = Array.IndexOf(header, "Capacity [Ah]");
        var seconds = new List<double>();
        var charge = new List<double>();
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = line.Split(',');
            seconds.Add(double.Parse(fields[timeColumn], CultureInfo.InvariantCulture) * 60.0);
            charge.Add(double.Parse(fields[chargeColumn], CultureInfo.InvariantCulture));
        }

        double origin = seconds[0];
        for (int i = 0; i < seconds.Count; i++)
        {
            seconds[i] -= origin;
        }

        return (seconds, charge);
    }

    [Fact]
    public void Run_Us06TrueSocFollowsChargeCounter()
    {
        var board = BoardDefinitionFile.Load(RepositoryPaths.BmsMaster1sBoard);
        var scenario = new SocReplayScenario
        {
            Name = "US06 25 °C, first 15 minutes",
            Recording = CellRecordingCsv.Load(RepositoryPaths.Us06At25Celsius),
            ReferenceCapacityAmpereHours = ReferenceCapacityAmpereHours,
            EndSeconds = ReplaySeconds,
        };

        var trace = SocReplay.Run(board, scenario);
        var (seconds, charge) = ReadTimeAndCharge(RepositoryPaths.Us06At25Celsius);

        // Row 0 is the initial estimate, then one row per 100 ms estimation step from 0 to 900 s inclusive.
        Assert.Equal(1 + 9001, trace.Count);

        int sample = 0;
        double worstError = 0;
        int worstRow = 0;
        for (int row = 0; row < trace.Count; row++)
        {
            double time = trace.TimeSeconds[row];
            while (sample + 1 < seconds.Count && seconds[sample + 1] <= time)
            {
                sample++;
            }

            double expected = 1.0 + charge[sample] / ReferenceCapacityAmpereHours;
            double error = Math.Abs(trace.TrueSoc[row] - expected);
            if (error > worstError)
            {
                worstError = error;
                worstRow = row;
            }
        }

        // TrueSoc is stored as float: half an ulp at 1.0 is 6e-8.
        Assert.True(worstError < 1e-7, $"TrueSoc off by {worstError:E2} at {trace.TimeSeconds[worstRow]:F1} s");
    }

    [Fact]
    public void Run_StartOffsetsReplayTime()
    {
        var board = BoardDefinitionFile.Load(RepositoryPaths.BmsMaster1sBoard);
        var scenario = new SocReplayScenario
        {
            Name = "US06 25 °C, first minute, 10 points low",
            Recording = CellRecordingCsv.Load(RepositoryPaths.Us06At25Celsius),
            ReferenceCapacityAmpereHours = ReferenceCapacityAmpereHours,
            StartSeconds = 600,
            EndSeconds = 660,
            InitialSocError = -0.1,
        };

        var trace = SocReplay.Run(board, scenario);
        var (seconds, charge) = ReadTimeAndCharge(RepositoryPaths.Us06At25Celsius);
        int sample = seconds.FindLastIndex(t => t <= 600.0);
        double trueSocAtStart = 1.0 + charge[sample] / ReferenceCapacityAmpereHours;

        Assert.Equal(trueSocAtStart, trace.TrueSoc[0], 1e-7);
        Assert.Equal(0.0, trace.TimeSeconds[0]);
        // The initial row plus one row per 100 ms step from 0 to 60 s inclusive.
        Assert.Equal(1 + 601, trace.Count);
    }

    [Fact]
    public void Run_RejectsEndBeforeStart()
    {
        var board = BoardDefinitionFile.Load(RepositoryPaths.BmsMaster1sBoard);
        var scenario = new SocReplayScenario
        {
            Name = "reversed",
            Recording = CellRecordingCsv.Load(RepositoryPaths.Us06At25Celsius),
            ReferenceCapacityAmpereHours = ReferenceCapacityAmpereHours,
            StartSeconds = 100,
            EndSeconds = 50,
        };

        Assert.Throws<ArgumentException>(() => SocReplay.Run(board, scenario));
    }
}
