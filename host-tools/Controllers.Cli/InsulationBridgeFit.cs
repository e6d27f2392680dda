using System;

namespace Controllers.Cli;

/// <summary>Settled, uncorrected bridge voltages of one insulation cycle or the mean of several (DID 0x4240), V.</summary>
internal sealed record BridgeReading(double State1Pack, double State1Positive, double State1Negative,
    double State2Pack, double State2Positive, double State2Negative)
{
    /// <summary>Up/Un with the positive bridge closed.</summary>
    public double State1Ratio => State1Positive / State1Negative;

    /// <summary>Up/Un with the negative bridge closed.</summary>
    public double State2Ratio => State2Positive / State2Negative;
}

/// <summary>Effective insulation circuit: bridge and divider resistances in Ω and the gains of the pole voltage readings.</summary>
internal sealed record InsulationCircuit(double PositiveBridgeOhms, double NegativeBridgeOhms, double PositiveDividerOhms,
    double NegativeDividerOhms, double PositiveGain, double NegativeGain)
{
    /// <summary>Upper end of the reported range, Ω: the 10 MΩ of the firmware's default settings.</summary>
    public const double RangeMaximumOhms = 10e6;

    /// <summary>
    /// Solves both poles' insulation from <paramref name="reading"/> with the firmware's equations
    /// (<c>InsulationBridgeSolver</c>). A pole above range is <see cref="double.PositiveInfinity"/>, and both are NaN
    /// when the voltages admit no solution.
    /// </summary>
    public (double PositiveOhms, double NegativeOhms) Solve(BridgeReading reading)
    {
        double u1p = PositiveGain * reading.State1Positive;
        double u1n = NegativeGain * reading.State1Negative;
        double u2p = PositiveGain * reading.State2Positive;
        double u2n = NegativeGain * reading.State2Negative;
        double determinant = u1n * u2p - u1p * u2n;
        if (!(determinant > 0))
        {
            return (double.NaN, double.NaN);
        }

        double positiveSiemens = u2n * (u1p / PositiveBridgeOhms + u1n / NegativeBridgeOhms) / determinant - 1 / PositiveDividerOhms;
        double negativeSiemens = u1p * (u2p / PositiveBridgeOhms + u2n / NegativeBridgeOhms) / determinant - 1 / NegativeDividerOhms;
        return (ToOhms(positiveSiemens), ToOhms(negativeSiemens));
    }

    private static double ToOhms(double siemens) => siemens * RangeMaximumOhms > 1 ? 1 / siemens : double.PositiveInfinity;
}

/// <summary>
/// Fits the effective insulation circuit from three points: no test resistor, a known resistor Rt+ from the positive
/// pole to chassis, and a known resistor Rt− from chassis to the negative pole, each measured in both bridge states.
/// </summary>
/// <remarks>
/// With gp = 1/Rmp + 1/Rp, gn = 1/Rmn + 1/Rn, g0p = 1/R0p, g0n = 1/R0n and the measured ratio r = Up/Un, the settled
/// bridge gives x·r1·(gp + g0p) = gn in state 1 and x·r2·gp = gn + g0n in state 2, where x is the factor that turns a
/// measured ratio into the true one (the positive channel gain over the negative one).
/// Open circuit (ratios r1, r2), Rt+ (r3, r4) and Rt− (r5, r6) give six such equations in the five unknowns x, g0p, g0n,
/// 1/Rmp, 1/Rmn. Subtracting the Rt+ equations from the open ones removes x and gn:
///   A = 1/Rmp + g0p = r3·gt+ / (r1 − r3),     1/Rmp = r4·gt+ / (r2 − r4).
/// The Rt− state 1 equation less the open one gives x = gt− / (A·(r5 − r1)), then 1/Rmn = x·r1·A and
/// g0n = x·r2/Rmp − 1/Rmn. The Rt− state 2 equation gives a second x = gt− / ((r6 − r2)/Rmp), which checks the fit.
/// The ratio fixes only the quotient of the two gains, so their scale comes from the pack voltage: at the open point
/// the corrected pole voltages add up to the pack voltage in each state.
/// </remarks>
internal static class InsulationBridgeFit
{
    /// <summary>
    /// Fits the circuit; returns null when a test resistor did not move the ratios in the direction it must (not
    /// connected, or on the other pole), so no positive solution exists. <paramref name="gainCheck"/> is the second
    /// estimate of x divided by the first.
    /// </summary>
    public static InsulationCircuit? Fit(BridgeReading open, BridgeReading positiveTest, BridgeReading negativeTest,
        double positiveTestOhms, double negativeTestOhms, out double gainCheck)
    {
        gainCheck = double.NaN;
        double r1 = open.State1Ratio;
        double r2 = open.State2Ratio;
        double r3 = positiveTest.State1Ratio;
        double r4 = positiveTest.State2Ratio;
        double r5 = negativeTest.State1Ratio;
        double r6 = negativeTest.State2Ratio;

        // A resistor on the positive pole lowers Up/Un in both states, and one on the negative pole raises it.
        if (!(r1 > r3 && r2 > r4 && r5 > r1 && r6 > r2 && r3 > 0 && r4 > 0))
        {
            return null;
        }

        double positiveTestSiemens = 1 / positiveTestOhms;
        double negativeTestSiemens = 1 / negativeTestOhms;
        double positiveLeg = r3 * positiveTestSiemens / (r1 - r3);
        double positiveDividerSiemens = r4 * positiveTestSiemens / (r2 - r4);
        double positiveBridgeSiemens = positiveLeg - positiveDividerSiemens;

        double ratioCorrection = negativeTestSiemens / (positiveLeg * (r5 - r1));
        double negativeDividerSiemens = ratioCorrection * r1 * positiveLeg;
        double negativeBridgeSiemens = ratioCorrection * r2 * positiveDividerSiemens - negativeDividerSiemens;
        gainCheck = negativeTestSiemens / (positiveDividerSiemens * (r6 - r2)) / ratioCorrection;
        if (!(positiveBridgeSiemens > 0 && negativeBridgeSiemens > 0 && negativeDividerSiemens > 0))
        {
            return null;
        }

        double negativeGain = (open.State1Pack + open.State2Pack)
            / (ratioCorrection * (open.State1Positive + open.State2Positive) + open.State1Negative + open.State2Negative);
        return new InsulationCircuit(1 / positiveBridgeSiemens, 1 / negativeBridgeSiemens, 1 / positiveDividerSiemens,
            1 / negativeDividerSiemens, ratioCorrection * negativeGain, negativeGain);
    }
}
