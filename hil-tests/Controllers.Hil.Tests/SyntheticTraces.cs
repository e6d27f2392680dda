using Controllers.Simulation.Replay;

namespace Controllers.Hil.Tests;

/// <summary>Hand-written traces whose error statistics are worked out in the test comments.</summary>
internal static class SyntheticTraces
{
    /// <summary>
    /// Five steps one minute apart. Errors (estimated − true) in percentage points: −20, +1, −2, +3, −1.
    /// With a 1-minute convergence window the checked errors are +1, −2, +3, −1, so
    /// max |error| = 3 at 180 s and RMS = √((1 + 4 + 9 + 1) / 4) = √3.75 = 1.936492.
    /// </summary>
    public static SocTrace FiveSteps() => new()
    {
        TimeSeconds = [0, 60, 120, 180, 240],
        TrueSoc = [0.90f, 0.80f, 0.70f, 0.60f, 0.50f],
        EstimatedSoc = [0.70f, 0.81f, 0.68f, 0.63f, 0.49f],
        EstimatedSocStandardDeviation = [0.20f, 0.05f, 0.03f, 0.02f, 0.02f],
        MeasuredVoltageVolts = [4.10f, 4.00f, 3.90f, 3.80f, 3.70f],
        ModelVoltageVolts = [4.05f, 4.01f, 3.91f, 3.79f, 3.71f],
        MeasuredCurrentAmperes = [-1f, -1f, -1f, -1f, -1f],
        TemperatureCelsius = [25f, 25f, 25.5f, 26f, 26f],
    };

    public const double FiveStepsRmsPercent = 1.936492;
    public const double FiveStepsMaxAbsPercent = 3.0;
    public const double FiveStepsMaxAbsTimeSeconds = 180.0;
}
