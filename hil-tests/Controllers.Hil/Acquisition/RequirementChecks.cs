using System;
using System.Collections.Generic;
using System.Globalization;

namespace Controllers.Hil.Acquisition;

/// <summary>
/// The customer's acquisition and protection requirements and their pass limits, from the BMS requirement table
/// of the specification: B1 cell voltage within 0.2 %, B2 cell voltage period at most 100 ms, B3 temperature
/// within 0.5 °C at 0.1 °C resolution, B4 temperature period at most 1 s, B5 current within 0.1 %, B6 current
/// period at most 30 ms, B8 6 to 30 cells per slave, B9 insulation range 0 to 10 MΩ, B10 insulation within
/// 10 % above 600 kΩ, B15 protection (the expected DTCs and reaction).
/// </summary>
public static class RequirementChecks
{
    public static readonly string[] Identifiers = ["B1", "B2", "B3", "B4", "B5", "B6", "B8", "B9", "B10", "B15"];

    public const double CellVoltageErrorPercent = 0.2;
    public const double CellVoltagePeriodMilliseconds = 100;
    public const double TemperatureErrorCelsius = 0.5;
    public const double TemperaturePeriodMilliseconds = 1000;
    public const double CurrentErrorPercent = 0.1;

    /// <summary>
    /// Below this current the 0.1 % applies to 20 A, i.e. 20 mA absolute, the low-current floor of the current
    /// channel's error budget (docs/current-measurement.md).
    /// </summary>
    public const double CurrentFloorAmperes = 20;
    public const double CurrentPeriodMilliseconds = 30;
    public const int MinCellsPerSlave = 6;
    public const int MaxCellsPerSlave = 30;
    public const double InsulationRangeOhms = 10e6;
    public const double InsulationAccuracyPercent = 10;
    public const double InsulationAccuracyFloorOhms = 600e3;

    /// <summary>Evaluates every requirement the scenario lists against what the run measured.</summary>
    public static List<RequirementResult> Evaluate(AcquisitionScenario scenario, PackRunMetrics metrics)
    {
        var results = new List<RequirementResult>();
        foreach (string id in scenario.Checks)
        {
            results.Add(id switch
            {
                "B1" => AtMost(id, "maxCellVoltageErrorPercent", metrics.CellVoltageSampleCount > 0 ? metrics.MaxCellVoltageErrorPercent : null,
                    CellVoltageErrorPercent, "%", metrics.MaxCellVoltageErrorSlave > 0
                        ? Messages.Format("CellLocation", metrics.MaxCellVoltageErrorSlave, metrics.MaxCellVoltageErrorCell)
                        : ""),
                "B2" => AtMost(id, "cellVoltagePeriodMilliseconds", metrics.CellVoltagePeriodMilliseconds, CellVoltagePeriodMilliseconds, "ms", ""),
                "B3" => AtMost(id, "maxTemperatureErrorCelsius", metrics.TemperatureSampleCount > 0 ? metrics.MaxTemperatureErrorCelsius : null,
                    TemperatureErrorCelsius, "°C", ""),
                "B4" => AtMost(id, "temperaturePeriodMilliseconds", metrics.TemperaturePeriodMilliseconds, TemperaturePeriodMilliseconds, "ms", ""),
                // A run whose current never reached the proportional range has not shown the 0.1 % of reading.
                "B5" => AtMost(id, "maxCurrentErrorPercent",
                    metrics.CurrentSampleCount > 0 && metrics.MaxComparedCurrentAmperes >= CurrentFloorAmperes ? metrics.MaxCurrentErrorPercent : null,
                    CurrentErrorPercent, "%", ""),
                "B6" => AtMost(id, "currentPeriodMilliseconds", metrics.CurrentPeriodMilliseconds, CurrentPeriodMilliseconds, "ms", ""),
                "B8" => Channels(metrics),
                "B9" => InsulationRange(metrics),
                "B10" => InsulationAccuracy(metrics),
                "B15" => Protection(scenario, metrics),
                _ => throw new ArgumentException($"Unknown requirement {id}.", nameof(scenario)),
            });
        }

        return results;
    }

    private static RequirementResult AtMost(string id, string quantity, double? measured, double limit, string unit, string where)
    {
        bool passed = measured is double value && value <= limit;
        string detail = measured is double shown
            ? Messages.Format("RequirementAtMost", Number(shown), Number(limit), unit) + (where.Length > 0 ? " (" + where + ")" : "")
            : Messages.Get("RequirementNotMeasured");
        return new RequirementResult
        {
            Requirement = id, Quantity = quantity, Measured = measured, Limit = limit, Unit = unit, Passed = passed, Detail = detail,
        };
    }

    private static RequirementResult Channels(PackRunMetrics metrics)
    {
        bool passed = metrics.CellsConfiguredPerSlave.Count > 0;
        for (int i = 0; i < metrics.CellsConfiguredPerSlave.Count; i++)
        {
            int configured = metrics.CellsConfiguredPerSlave[i];
            int received = i < metrics.CellsReceivedPerSlave.Count ? metrics.CellsReceivedPerSlave[i] : 0;
            passed &= configured >= MinCellsPerSlave && configured <= MaxCellsPerSlave && received == configured;
        }

        return new RequirementResult
        {
            Requirement = "B8", Quantity = "cellsReceivedPerSlave", Measured = null, Limit = MaxCellsPerSlave, Unit = "",
            Passed = passed,
            Detail = Messages.Format("RequirementChannels", string.Join("/", metrics.CellsReceivedPerSlave),
                string.Join("/", metrics.CellsConfiguredPerSlave)),
        };
    }

    private static RequirementResult InsulationRange(PackRunMetrics metrics)
    {
        // Within range the monitor must report a value. Above 10 MΩ it must report "above range" or a value
        // of at least 10 MΩ less the accuracy allowance.
        double truth = metrics.InsulationTrueOhms;
        bool passed = truth <= InsulationRangeOhms
            ? metrics.InsulationMeasuredOhms != null && !metrics.InsulationAboveRange
            : metrics.InsulationAboveRange || metrics.InsulationMeasuredOhms >= InsulationRangeOhms * (1 - InsulationAccuracyPercent / 100);
        return new RequirementResult
        {
            Requirement = "B9", Quantity = "insulationMeasuredOhms", Measured = metrics.InsulationMeasuredOhms,
            Limit = InsulationRangeOhms, Unit = "Ω", Passed = passed,
            Detail = Messages.Format("RequirementInsulation", Ohms(metrics.InsulationMeasuredOhms, metrics.InsulationAboveRange), Ohms(truth, false)),
        };
    }

    private static RequirementResult InsulationAccuracy(PackRunMetrics metrics)
    {
        double truth = metrics.InsulationTrueOhms;
        double? errorPercent = metrics.InsulationMeasuredOhms is double measured && double.IsFinite(truth) && truth > 0
            ? Math.Abs(measured - truth) / truth * 100
            : null;
        // The 10 % applies from 600 kΩ to 10 MΩ; a scenario outside that band has not shown it, so it fails.
        bool applies = truth >= InsulationAccuracyFloorOhms && truth <= InsulationRangeOhms;
        bool passed = applies && errorPercent <= InsulationAccuracyPercent;
        string measuredText = Messages.Format("RequirementInsulation", Ohms(metrics.InsulationMeasuredOhms, metrics.InsulationAboveRange), Ohms(truth, false));
        string detail = !applies
            ? measuredText + "; " + Messages.Get("InsulationAccuracyNotApplicable")
            : errorPercent is double e
                ? measuredText + "; " + Messages.Format("RequirementAtMost", Number(e), Number(InsulationAccuracyPercent), "%")
                : measuredText + "; " + Messages.Get("RequirementNotMeasured");
        return new RequirementResult
        {
            Requirement = "B10", Quantity = "insulationErrorPercent", Measured = errorPercent,
            Limit = InsulationAccuracyPercent, Unit = "%", Passed = passed, Detail = detail,
        };
    }

    private static RequirementResult Protection(AcquisitionScenario scenario, PackRunMetrics metrics)
    {
        var missing = new List<string>();
        foreach (uint dtc in scenario.ExpectedDtcs)
        {
            if (!metrics.FailedDtcs.Contains(dtc))
            {
                missing.Add(Dtc(dtc));
            }
        }

        // "none" means nothing at all: no reaction and no DTC beyond the expected ones.
        bool unexpectedDtc = false;
        foreach (uint dtc in metrics.FailedDtcs)
        {
            unexpectedDtc |= !System.Linq.Enumerable.Contains(scenario.ExpectedDtcs, dtc);
        }

        bool reactionSeen = scenario.ExpectedReaction is null ||
                            (scenario.ExpectedReaction == "none"
                                ? metrics.Reactions.Count == 0 && !unexpectedDtc
                                : metrics.Reactions.Contains(scenario.ExpectedReaction));
        var seen = new List<string>();
        foreach (uint dtc in metrics.FailedDtcs)
        {
            seen.Add(Dtc(dtc));
        }

        seen.Sort(StringComparer.Ordinal);
        var reactions = new List<string>(metrics.Reactions);
        reactions.Sort(StringComparer.Ordinal);
        return new RequirementResult
        {
            Requirement = "B15", Quantity = "expectedDtcsAndReaction", Measured = null, Limit = 0, Unit = "",
            Passed = missing.Count == 0 && reactionSeen,
            Detail = Messages.Format("RequirementProtection", ListText(seen), ListText(reactions), ListText(missing),
                scenario.ExpectedReaction ?? "-"),
        };
    }

    private static string ListText(List<string> items) => items.Count == 0 ? "-" : string.Join(" ", items);

    private static string Dtc(uint dtc) => "0x" + dtc.ToString("X6", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.####", CultureInfo.CurrentCulture);

    private static string Ohms(double? value, bool aboveRange)
    {
        if (aboveRange)
        {
            return "> 10 MΩ";
        }

        if (value is not double ohms)
        {
            return "-";
        }

        if (double.IsPositiveInfinity(ohms))
        {
            return "∞";
        }

        return ohms >= 1e6 ? Number(ohms / 1e6) + " MΩ" : Number(ohms / 1e3) + " kΩ";
    }
}
