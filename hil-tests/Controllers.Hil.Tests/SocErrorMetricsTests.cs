using Controllers.Hil.Running;
using Controllers.Hil.Suites;
using Controllers.Simulation.Replay;
using Xunit;

namespace Controllers.Hil.Tests;

public sealed class SocErrorMetricsTests
{
    private static SocCriteria Criteria(double maxAbs, double? rms = null, double convergence = 1) => new()
    {
        ConvergenceMinutes = convergence,
        MaxAbsSocErrorPercent = maxAbs,
        RmsSocErrorPercent = rms,
    };

    [Fact]
    public void Compute_AfterConvergence_MatchesHandValues()
    {
        var metrics = SocErrorMetrics.Compute(SyntheticTraces.FiveSteps(), convergenceMinutes: 1);

        Assert.Equal(4, metrics.SampleCount);
        Assert.Equal(SyntheticTraces.FiveStepsMaxAbsPercent, metrics.MaxAbsSocErrorPercent, 4);
        Assert.Equal(SyntheticTraces.FiveStepsMaxAbsTimeSeconds, metrics.MaxAbsSocErrorTimeSeconds);
        Assert.Equal(SyntheticTraces.FiveStepsRmsPercent, metrics.RmsSocErrorPercent, 4);
    }

    [Fact]
    public void Compute_WithoutConvergenceWindow_IncludesInitialError()
    {
        // All five errors count. Max |−20| is at 0 s, and RMS = √((400 + 1 + 4 + 9 + 1) / 5) = √83 = 9.110434.
        var metrics = SocErrorMetrics.Compute(SyntheticTraces.FiveSteps(), convergenceMinutes: 0);

        Assert.Equal(5, metrics.SampleCount);
        Assert.Equal(20.0, metrics.MaxAbsSocErrorPercent, 4);
        Assert.Equal(0.0, metrics.MaxAbsSocErrorTimeSeconds);
        Assert.Equal(9.110434, metrics.RmsSocErrorPercent, 4);
    }

    [Fact]
    public void Evaluate_MaxAbsOverLimit_Fails()
    {
        var metrics = SocErrorMetrics.Compute(SyntheticTraces.FiveSteps(), 1);

        var failures = SocCriteriaCheck.Evaluate(metrics, Criteria(maxAbs: 2.5, rms: 2.0));

        var failure = Assert.Single(failures);
        Assert.Equal("maxAbsSocErrorPercent", failure.Criterion);
        Assert.Equal(2.5, failure.Limit);
        Assert.Equal(3.0, failure.Measured, 4);
    }

    [Fact]
    public void Evaluate_RmsOverLimit_Fails()
    {
        var metrics = SocErrorMetrics.Compute(SyntheticTraces.FiveSteps(), 1);

        var failures = SocCriteriaCheck.Evaluate(metrics, Criteria(maxAbs: 3.5, rms: 1.5));

        var failure = Assert.Single(failures);
        Assert.Equal("rmsSocErrorPercent", failure.Criterion);
        Assert.Equal(1.936492, failure.Measured, 4);
    }

    [Fact]
    public void Evaluate_WithinLimits_Passes()
    {
        var metrics = SocErrorMetrics.Compute(SyntheticTraces.FiveSteps(), 1);

        Assert.Empty(SocCriteriaCheck.Evaluate(metrics, Criteria(maxAbs: 3.5, rms: 2.0)));
    }

    [Fact]
    public void Evaluate_NoSamplesAfterConvergence_Fails()
    {
        var metrics = SocErrorMetrics.Compute(SyntheticTraces.FiveSteps(), convergenceMinutes: 5);

        var failure = Assert.Single(SocCriteriaCheck.Evaluate(metrics, Criteria(maxAbs: 100, convergence: 5)));
        Assert.Equal("convergenceMinutes", failure.Criterion);
        Assert.Equal(0, metrics.SampleCount);
    }

    [Fact]
    public void Evaluate_DivergedEstimate_Fails()
    {
        var trace = SyntheticTraces.FiveSteps();
        trace.EstimatedSoc[3] = float.NaN;

        var metrics = SocErrorMetrics.Compute(trace, 1);
        var failures = SocCriteriaCheck.Evaluate(metrics, Criteria(maxAbs: 100, rms: 100));

        Assert.Equal(180.0, metrics.MaxAbsSocErrorTimeSeconds);
        Assert.Equal(2, failures.Count);
    }
}
