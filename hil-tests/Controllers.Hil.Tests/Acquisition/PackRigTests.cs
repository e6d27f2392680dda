using System.Linq;
using Controllers.Hil.Acquisition;
using Controllers.Hil.Running;
using Controllers.Simulation.Boards;
using Xunit;

namespace Controllers.Hil.Tests.Acquisition;

/// <summary>Short runs of the simulated pack through the runner, with the bundled 54S16P board.</summary>
public class PackRigTests
{
    private static readonly PackBoardDefinition Board = PackBoardDefinitionFile.Load(AcquisitionSuiteFileTests.BoardPath);

    private static AcquisitionScenarioResult Run(AcquisitionScenario scenario)
    {
        var suite = new AcquisitionSuite
        {
            Name = "test", Description = "", FilePath = "test.yaml", Board = Board, Scenarios = [scenario],
        };
        return AcquisitionSuiteRunner.RunScenario(suite, scenario);
    }

    [Fact]
    public void HealthyPackUnderLoad_MeetsAcquisitionLimits()
    {
        var result = Run(new AcquisitionScenario
        {
            Name = "healthy",
            DurationSeconds = 8,
            SettleSeconds = 3,
            CurrentAmplitudeAmperes = 120,
            CurrentPeriodSeconds = 4,
            Checks = ["B1", "B2", "B3", "B5", "B6", "B8", "B15"],
            ExpectedReaction = "none",
        });

        Assert.Null(result.ErrorMessage);
        Assert.All(result.Requirements, r => Assert.True(r.Passed, r.Requirement + ": " + r.Detail));
        Assert.Equal(ScenarioOutcome.Passed, result.Outcome);
    }

    [Fact]
    public void OpenWireWithExpectationNone_Fails()
    {
        // The open wire trips protection, so a scenario that expects no reaction must fail: the check can fail.
        var result = Run(new AcquisitionScenario
        {
            Name = "open-wire",
            DurationSeconds = 12,
            SettleSeconds = 2,
            Faults = [new InjectedFault { Kind = "open-wire", Slave = 3, Channel = 20, AtSeconds = 4 }],
            Checks = ["B15"],
            ExpectedReaction = "none",
        });

        Assert.Equal(ScenarioOutcome.Failed, result.Outcome);
        Assert.Contains(0x1A1200u, result.Metrics!.FailedDtcs);
    }

    [Fact]
    public void LostSlave_FailsChannelCheckAndReacts()
    {
        var result = Run(new AcquisitionScenario
        {
            Name = "slave-loss",
            DurationSeconds = 6,
            SettleSeconds = 1,
            Faults = [new InjectedFault { Kind = "slave-loss", Slave = 2, AtSeconds = 3 }],
            Checks = ["B8", "B15"],
            ExpectedDtcs = [0x1A1400],
            ExpectedReaction = "slave-lost",
        });

        // Slave 2's 18 cells are stale at the end, so B8 fails; the loss itself is the expected reaction.
        Assert.False(result.Requirements.Single(r => r.Requirement == "B8").Passed);
        Assert.Equal(new[] { 6, 0, 30 }, result.Metrics!.CellsReceivedPerSlave);
        Assert.True(result.Requirements.Single(r => r.Requirement == "B15").Passed);
    }

    [Fact]
    public void IvtAsPrimarySource_MeetsCurrentLimit()
    {
        var board = new PackBoardDefinition
        {
            Name = Board.Name, FilePath = Board.FilePath, Cell = Board.Cell, ParallelCells = Board.ParallelCells,
            Slaves = Board.Slaves, CurrentSource = "ivt", CurrentFullScaleAmperes = Board.CurrentFullScaleAmperes,
            ShuntOhms = Board.ShuntOhms,
        };
        var scenario = new AcquisitionScenario
        {
            Name = "ivt", DurationSeconds = 6, SettleSeconds = 2, CurrentAmplitudeAmperes = 100, CurrentPeriodSeconds = 2,
            Checks = ["B5", "B15"], ExpectedReaction = "none",
        };
        var suite = new AcquisitionSuite { Name = "t", Description = "", FilePath = "t.yaml", Board = board, Scenarios = [scenario] };

        var result = AcquisitionSuiteRunner.RunScenario(suite, scenario);

        Assert.All(result.Requirements, r => Assert.True(r.Passed, r.Requirement + ": " + r.Detail));
    }
}
