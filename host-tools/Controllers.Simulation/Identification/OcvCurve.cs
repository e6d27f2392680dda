using System;
using Controllers.Simulation.Data;

namespace Controllers.Simulation.Identification;

/// <summary>
/// Quasi-OCV curve from a low-rate discharge that starts at full charge: SOC = 1 + charge / Q, where Q is
/// the charge delivered down to the cut-off, and the terminal voltage resampled on an SOC grid.
/// </summary>
internal sealed class OcvCurve
{
    /// <summary>How far above the minimum voltage a full discharge may end (the cycler's cut-off).</summary>
    public const double CutOffMarginVolts = 0.5;

    private OcvCurve(double temperatureCelsius, double capacityAmpereHours, double averageCurrentAmperes, double[] volts)
    {
        TemperatureCelsius = temperatureCelsius;
        CapacityAmpereHours = capacityAmpereHours;
        AverageDischargeCurrentAmperes = averageCurrentAmperes;
        Volts = volts;
    }

    public double TemperatureCelsius { get; }

    /// <summary>Charge delivered from full to the cut-off voltage.</summary>
    public double CapacityAmpereHours { get; }

    /// <summary>Mean discharge current (positive number), used to remove the IR drop.</summary>
    public double AverageDischargeCurrentAmperes { get; }

    /// <summary>Terminal voltage during the discharge at each SOC breakpoint (not yet corrected for IR drop).</summary>
    public double[] Volts { get; }

    /// <summary>
    /// Builds the curve; the discharge must come within <see cref="CutOffMarginVolts"/> of
    /// <paramref name="minimumVoltageVolts"/>, because a partial discharge would set a wrong SOC scale.
    /// </summary>
    public static OcvCurve FromDischarge(CellRecording recording, double temperatureCelsius, double[] socBreakpoints,
        double minimumVoltageVolts)
    {
        // The discharge ends where the charge counter is lowest; a recharge may follow in the file.
        int end = 0;
        for (int i = 1; i < recording.Count; i++)
        {
            if (recording.ChargeAmpereHours[i] < recording.ChargeAmpereHours[end])
            {
                end = i;
            }
        }

        double capacity = -recording.ChargeAmpereHours[end];
        if (end < 10 || capacity <= 0)
        {
            throw new DataFileException(recording.SourcePath, 0, CellRecordingCsv.ChargeColumn,
                Messages.Get("NotADischarge"));
        }

        double endVoltage = recording.VoltageVolts[end];
        if (endVoltage > minimumVoltageVolts + CutOffMarginVolts)
        {
            throw new DataFileException(recording.SourcePath, 0, CellRecordingCsv.VoltageColumn,
                Messages.Format("DischargeNotComplete", endVoltage.ToString("F3", System.Globalization.CultureInfo.InvariantCulture),
                    minimumVoltageVolts.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        double currentSum = 0;
        int currentCount = 0;
        for (int i = 0; i <= end; i++)
        {
            if (recording.CurrentAmperes[i] < 0)
            {
                currentSum -= recording.CurrentAmperes[i];
                currentCount++;
            }
        }

        // SOC falls along the file; walk it once while the breakpoints are visited from 1 down to 0.
        var volts = new double[socBreakpoints.Length];
        int k = 0;
        for (int b = socBreakpoints.Length - 1; b >= 0; b--)
        {
            double target = socBreakpoints[b];
            while (k < end && Soc(recording, k + 1, capacity) > target)
            {
                k++;
            }

            double socHere = Soc(recording, k, capacity);
            if (k >= end || socHere <= target)
            {
                volts[b] = recording.VoltageVolts[Math.Min(k, end)];
                continue;
            }

            double socNext = Soc(recording, k + 1, capacity);
            double fraction = socHere == socNext ? 0 : (socHere - target) / (socHere - socNext);
            volts[b] = recording.VoltageVolts[k] + fraction * (recording.VoltageVolts[k + 1] - recording.VoltageVolts[k]);
        }

        return new OcvCurve(temperatureCelsius, capacity, currentCount == 0 ? 0 : currentSum / currentCount, volts);
    }

    private static double Soc(CellRecording recording, int index, double capacity) =>
        1.0 + recording.ChargeAmpereHours[index] / capacity;
}
