using System;
using System.Collections.Generic;
using Controllers.Hil.Acquisition;

namespace Controllers.Hil.Vehicle;

/// <summary>Judges the figures of a <c>vcu-energy</c> run against the scenario's criteria, one row per requirement.</summary>
public static class VcuEnergyRequirements
{
    public static List<RequirementResult> Judge(VcuEnergyScenario scenario, VcuEnergyFigures figures)
    {
        var criteria = scenario.Criteria;
        var rows = new List<RequirementResult>
        {
            new()
            {
                Requirement = "speed trace", Quantity = "speed_error_rms_kmh", Measured = figures.SpeedErrorRmsKmh,
                Limit = criteria.SpeedErrorRmsKmh, Unit = "km/h", Passed = figures.SpeedErrorRmsKmh <= criteria.SpeedErrorRmsKmh,
                Detail = Messages.Format("VcuEnergySpeedDetail", figures.SpeedErrorRmsKmh, criteria.SpeedErrorRmsKmh, figures.DistanceMetres / 1000),
            },
            new()
            {
                Requirement = "SOC minimum", Quantity = "min_soc", Measured = figures.MinSoc, Limit = criteria.MinSoc, Unit = "",
                Passed = figures.MinSoc >= criteria.MinSoc,
                Detail = Messages.Format("VcuEnergyMinSocDetail", figures.MinSoc, criteria.MinSoc),
            },
            new()
            {
                Requirement = "SOC maximum", Quantity = "max_soc", Measured = figures.MaxSoc, Limit = criteria.MaxSoc, Unit = "",
                Passed = figures.MaxSoc <= criteria.MaxSoc,
                Detail = Messages.Format("VcuEnergyMaxSocDetail", figures.MaxSoc, criteria.MaxSoc),
            },
            new()
            {
                Requirement = "SOC at end", Quantity = "end_soc_change", Measured = figures.EndSoc - figures.StartSoc,
                Limit = criteria.EndSocTolerance, Unit = "", Passed = Math.Abs(figures.EndSoc - figures.StartSoc) <= criteria.EndSocTolerance,
                Detail = Messages.Format("VcuEnergyEndSocDetail", figures.StartSoc, figures.EndSoc, criteria.EndSocTolerance),
            },
            FuelRow(criteria, figures),
        };

        rows.AddRange(EngineRows(criteria, figures));
        rows.Add(new RequirementResult
        {
            Requirement = "pack charge current", Quantity = "charge_percent_of_limit", Measured = figures.MaxChargePercent,
            Limit = 100, Unit = "%", Passed = figures.MaxChargePercent <= 100,
            Detail = Messages.Format("VcuEnergyChargeDetail", figures.MaxChargePercent),
        });

        double regenPercent = figures.BrakingJoules > 0 ? figures.RegenJoules / figures.BrakingJoules * 100 : double.NaN;
        rows.Add(new RequirementResult
        {
            Requirement = "regeneration", Quantity = "regen_percent_of_braking", Measured = regenPercent, Limit = criteria.MinRegenPercent,
            Unit = "%", Passed = regenPercent >= criteria.MinRegenPercent,
            Detail = Messages.Format("VcuEnergyRegenDetail", figures.RegenJoules / 1e6, figures.BrakingJoules / 1e6, regenPercent, criteria.MinRegenPercent),
        });
        return rows;
    }

    // NOTE: on UDDS with ECMS this rig measured a 23.5 % saving where the firmware's fuel comparison rig
    // (FuelComparisonTests) measured 7.7 %. Both get 11.1 kJ per gram from the range extender, but the drive here takes
    // 3.49 MJ from the DC link against 4.20 MJ there. Until that is explained, the bundled suites only report the saving.
    private static RequirementResult FuelRow(VcuEnergyCriteria criteria, VcuEnergyFigures figures)
    {
        double saving = figures.FuelSavingPercent;
        bool reported = criteria.FuelSavingMode == FuelSavingMode.Reported;
        bool met = saving >= criteria.FuelSavingPercent;
        string detail = Messages.Format("VcuEnergyFuelDetail", figures.FuelGrams, figures.SocCorrectionGrams, figures.CorrectedFuelGrams,
            figures.BaselineFuelGrams, saving, criteria.FuelSavingPercent);
        if (reported)
        {
            detail += " " + Messages.Get(met ? "VcuEnergyFuelReportedMet" : "VcuEnergyFuelReportedNotMet");
        }

        return new RequirementResult
        {
            Requirement = reported ? "fuel saving (reported)" : "fuel saving",
            Quantity = "fuel_saving_percent",
            Measured = saving,
            Limit = criteria.FuelSavingPercent,
            Unit = "%",
            Passed = reported || met,
            Detail = detail,
        };
    }

    private static IEnumerable<RequirementResult> EngineRows(VcuEnergyCriteria criteria, VcuEnergyFigures figures)
    {
        int maxStarts = criteria.MaxEngineStartsPerHour is double perHour
            ? (int)Math.Floor(perHour * figures.DurationSeconds / 3600 + 1e-9)
            : 1 + (int)Math.Floor(figures.DurationSeconds / Math.Max(1, criteria.MinOnSeconds + criteria.MinOffSeconds));
        maxStarts = Math.Max(maxStarts, criteria.MinEngineStarts);
        string bound = criteria.MaxEngineStartsPerHour is double limit
            ? Messages.Format("VcuEnergyStartsPerHour", limit, figures.DurationSeconds)
            : Messages.Format("VcuEnergyStartsFromOnOff", criteria.MinOnSeconds, criteria.MinOffSeconds, figures.DurationSeconds);
        yield return new RequirementResult
        {
            Requirement = "engine starts", Quantity = "engine_starts", Measured = figures.EngineStarts, Limit = maxStarts, Unit = "",
            Passed = figures.EngineStarts >= criteria.MinEngineStarts && figures.EngineStarts <= maxStarts,
            Detail = Messages.Format("VcuEnergyStartsDetail", figures.EngineStarts, criteria.MinEngineStarts, maxStarts, bound),
        };

        yield return new RequirementResult
        {
            Requirement = "minimum on time", Quantity = "shortest_on_s", Measured = figures.ShortestOnSeconds, Limit = criteria.MinOnSeconds,
            Unit = "s", Passed = figures.ShortestOnSeconds is not double on || on >= criteria.MinOnSeconds,
            Detail = figures.ShortestOnSeconds is double shortestOn
                ? Messages.Format("VcuEnergyOnDetail", shortestOn, criteria.MinOnSeconds)
                : Messages.Get("VcuEnergyNoCompletedRun"),
        };

        yield return new RequirementResult
        {
            Requirement = "minimum off time", Quantity = "shortest_off_s", Measured = figures.ShortestOffSeconds, Limit = criteria.MinOffSeconds,
            Unit = "s", Passed = figures.ShortestOffSeconds is not double off || off >= criteria.MinOffSeconds,
            Detail = figures.ShortestOffSeconds is double shortestOff
                ? Messages.Format("VcuEnergyOffDetail", shortestOff, criteria.MinOffSeconds)
                : Messages.Get("VcuEnergyNoRestart"),
        };
    }
}
