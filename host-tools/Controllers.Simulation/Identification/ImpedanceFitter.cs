using System;
using System.Threading.Tasks;
using Controllers.Simulation.Data;

namespace Controllers.Simulation.Identification;

/// <summary>
/// Fits SOC-dependent ohmic resistance and two RC branches to a drive cycle whose true SOC and OCV are
/// known, by Levenberg–Marquardt least squares on the terminal voltage error. Parameters are the
/// logarithms of R0, R1, tau1, R2 and tau2 at every SOC breakpoint, so they stay positive. With the
/// direction split a sixth quantity, the charge R0, applies while the current charges the cell, with the
/// same C/100 dead band as <see cref="Controllers.Firmware.Bms.Estimation.CellModel"/>. A first-difference
/// penalty between neighbouring breakpoints keeps the tables smooth and carries values into SOC ranges
/// that the cycle never visits.
/// </summary>
internal sealed class ImpedanceFitter
{
    public const int ParametersPerBreakpoint = 5;

    /// <summary>Index of the charge R0 quantity in the parameter layout when the direction split is on.</summary>
    public const int ChargeResistanceQuantity = 5;

    // Half-width of the direction dead band as a C-rate, the same as the firmware cell model.
    private const double DeadBandCRate = 0.01;

    // Residual rows use every fifth sample (0.5 s at 10 Hz): plenty for time constants of a second and
    // more, and five times cheaper. The simulation itself runs on every sample.
    private const int ResidualStride = 5;

    private const double SmoothnessWeight = 0.03;
    private const double PriorWeight = 0.002;
    private const int MaxIterations = 30;

    // The sixth entry is the charge R0, used only with the direction split.
    private static readonly double[] InitialValues = [0.025, 0.01, 3.0, 0.015, 60.0, 0.025];
    private static readonly double[] LowerBounds = [1e-4, 1e-5, 0.3, 1e-5, 15.0, 1e-4];
    private static readonly double[] UpperBounds = [0.5, 0.5, 40.0, 0.5, 3000.0, 0.5];

    private readonly int quantityCount;
    private readonly double deadBandAmperes;

    private readonly double[] socBreakpoints;
    private readonly int sampleCount;
    private readonly double[] dt;
    private readonly double[] current;
    private readonly double[] voltage;
    private readonly double[] ocv;
    private readonly int[] segment;
    private readonly double[] fraction;
    private readonly int[] rows;

    public ImpedanceFitter(CellRecording recording, double[] socBreakpoints, double capacityAmpereHours,
        Func<double, double, double> openCircuitVoltage, bool splitDirection = false)
    {
        this.socBreakpoints = socBreakpoints;
        quantityCount = splitDirection ? ParametersPerBreakpoint + 1 : ParametersPerBreakpoint;
        deadBandAmperes = DeadBandCRate * capacityAmpereHours;
        sampleCount = recording.Count;
        dt = new double[sampleCount];
        current = new double[sampleCount];
        voltage = new double[sampleCount];
        ocv = new double[sampleCount];
        segment = new int[sampleCount];
        fraction = new double[sampleCount];
        for (int k = 0; k < sampleCount; k++)
        {
            dt[k] = k + 1 < sampleCount ? recording.TimeSeconds[k + 1] - recording.TimeSeconds[k] : 0;
            current[k] = recording.CurrentAmperes[k];
            voltage[k] = recording.VoltageVolts[k];
            double soc = Math.Clamp(1.0 + recording.ChargeAmpereHours[k] / capacityAmpereHours, 0.0, 1.0);
            ocv[k] = openCircuitVoltage(soc, recording.TemperatureCelsius[k]);
            segment[k] = FindSegment(soc, out fraction[k]);
        }

        rows = new int[(sampleCount + ResidualStride - 1) / ResidualStride];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = i * ResidualStride;
        }
    }

    private int BreakpointCount => socBreakpoints.Length;

    /// <summary>Number of quantities per breakpoint: 5, or 6 with the direction split.</summary>
    public int QuantityCount => quantityCount;

    /// <summary>Runs the fit and returns the parameters in linear units, laid out [quantity * breakpoints + index].</summary>
    public double[] Fit(Action<string>? log)
    {
        int n = BreakpointCount;
        int parameterCount = quantityCount * n;
        var theta = new double[parameterCount];
        var prior = new double[parameterCount];
        for (int q = 0; q < quantityCount; q++)
        {
            for (int j = 0; j < n; j++)
            {
                prior[q * n + j] = theta[q * n + j] = Math.Log(InitialValues[q]);
            }
        }

        var prediction = new double[sampleCount];
        double cost = Cost(theta, prior, prediction);
        double damping = 1e-3;
        var jacobian = new double[rows.Length * parameterCount];
        var normal = new double[parameterCount * parameterCount];
        var gradient = new double[parameterCount];
        var step = new double[parameterCount];
        var trial = new double[parameterCount];

        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            Simulate(theta, prediction);
            BuildJacobian(theta, prediction, jacobian);
            BuildNormalEquations(theta, prior, prediction, jacobian, normal, gradient);

            bool improved = false;
            for (int attempt = 0; attempt < 8 && !improved; attempt++)
            {
                if (!SolveDamped(normal, gradient, damping, step))
                {
                    damping *= 10;
                    continue;
                }

                for (int p = 0; p < parameterCount; p++)
                {
                    int q = p / n;
                    trial[p] = Math.Clamp(theta[p] - step[p], Math.Log(LowerBounds[q]), Math.Log(UpperBounds[q]));
                }

                double trialCost = Cost(trial, prior, prediction);
                if (trialCost < cost)
                {
                    double relativeGain = (cost - trialCost) / cost;
                    Array.Copy(trial, theta, parameterCount);
                    cost = trialCost;
                    damping = Math.Max(damping / 3, 1e-7);
                    improved = true;
                    log?.Invoke(Messages.Format("FitIteration", iteration + 1, cost, damping));
                    if (relativeGain < 1e-5)
                    {
                        iteration = MaxIterations;
                    }
                }
                else
                {
                    damping *= 10;
                }
            }

            if (!improved)
            {
                break;
            }
        }

        var result = new double[parameterCount];
        for (int p = 0; p < parameterCount; p++)
        {
            result[p] = Math.Exp(theta[p]);
        }

        return result;
    }

    /// <summary>Simulates the terminal voltage for linear-unit parameters and returns RMS and max |error| in volts.</summary>
    public (double Rms, double Max) Evaluate(double[] linearParameters)
    {
        var theta = new double[linearParameters.Length];
        for (int p = 0; p < theta.Length; p++)
        {
            theta[p] = Math.Log(linearParameters[p]);
        }

        var prediction = new double[sampleCount];
        Simulate(theta, prediction);
        double sum = 0, max = 0;
        for (int k = 0; k < sampleCount; k++)
        {
            double error = prediction[k] - voltage[k];
            sum += error * error;
            max = Math.Max(max, Math.Abs(error));
        }

        return (Math.Sqrt(sum / sampleCount), max);
    }

    private void Simulate(double[] theta, double[] prediction)
    {
        int n = BreakpointCount;
        var linear = new double[theta.Length];
        for (int p = 0; p < theta.Length; p++)
        {
            linear[p] = Math.Exp(theta[p]);
        }

        double fast = 0, slow = 0;
        for (int k = 0; k < sampleCount; k++)
        {
            int j = segment[k];
            double f = fraction[k];
            double r0 = Lerp(linear, 0 * n + j, f);
            if (quantityCount > ParametersPerBreakpoint)
            {
                r0 = DirectionalResistance(r0, Lerp(linear, ChargeResistanceQuantity * n + j, f), current[k]);
            }

            double r1 = Lerp(linear, 1 * n + j, f);
            double tau1 = Lerp(linear, 2 * n + j, f);
            double r2 = Lerp(linear, 3 * n + j, f);
            double tau2 = Lerp(linear, 4 * n + j, f);
            prediction[k] = ocv[k] + r0 * current[k] + fast + slow;

            double a1 = Math.Exp(-dt[k] / tau1);
            double a2 = Math.Exp(-dt[k] / tau2);
            fast = a1 * fast + r1 * (1 - a1) * current[k];
            slow = a2 * slow + r2 * (1 - a2) * current[k];
        }
    }

    // Discharge R0 below −deadBand, charge R0 above +deadBand and a linear blend between, as in the firmware.
    private double DirectionalResistance(double discharge, double charge, double amperes)
    {
        if (amperes >= deadBandAmperes)
        {
            return charge;
        }

        if (amperes <= -deadBandAmperes)
        {
            return discharge;
        }

        double chargeWeight = (amperes + deadBandAmperes) / (2 * deadBandAmperes);
        return discharge + chargeWeight * (charge - discharge);
    }

    private double Cost(double[] theta, double[] prior, double[] prediction)
    {
        Simulate(theta, prediction);
        double sum = 0;
        foreach (int k in rows)
        {
            double error = prediction[k] - voltage[k];
            sum += error * error;
        }

        int n = BreakpointCount;
        double scale = RegularizationScale;
        for (int q = 0; q < quantityCount; q++)
        {
            for (int j = 0; j < n; j++)
            {
                int p = q * n + j;
                if (j + 1 < n)
                {
                    double difference = SmoothnessWeight * scale * (theta[p + 1] - theta[p]);
                    sum += difference * difference;
                }

                double deviation = PriorWeight * scale * (theta[p] - prior[p]);
                sum += deviation * deviation;
            }
        }

        return sum;
    }

    // Regularization grows with the square root of the residual row count so its weight relative to the
    // data does not depend on the recording length.
    private double RegularizationScale => Math.Sqrt(rows.Length / 1000.0);

    private void BuildJacobian(double[] theta, double[] baseline, double[] jacobian)
    {
        int parameterCount = theta.Length;
        const double h = 1e-4;
        Parallel.For(0, parameterCount, () => (Theta: new double[parameterCount], Prediction: new double[sampleCount]),
            (p, _, buffers) =>
            {
                Array.Copy(theta, buffers.Theta, parameterCount);
                buffers.Theta[p] += h;
                Simulate(buffers.Theta, buffers.Prediction);
                for (int i = 0; i < rows.Length; i++)
                {
                    int k = rows[i];
                    jacobian[i * parameterCount + p] = (buffers.Prediction[k] - baseline[k]) / h;
                }

                return buffers;
            },
            _ => { });
    }

    private void BuildNormalEquations(double[] theta, double[] prior, double[] prediction, double[] jacobian,
        double[] normal, double[] gradient)
    {
        int parameterCount = theta.Length;
        Array.Clear(normal);
        Array.Clear(gradient);
        for (int i = 0; i < rows.Length; i++)
        {
            double residual = prediction[rows[i]] - voltage[rows[i]];
            int offset = i * parameterCount;
            for (int a = 0; a < parameterCount; a++)
            {
                double ja = jacobian[offset + a];
                if (ja == 0)
                {
                    continue;
                }

                gradient[a] += ja * residual;
                for (int b = a; b < parameterCount; b++)
                {
                    normal[a * parameterCount + b] += ja * jacobian[offset + b];
                }
            }
        }

        int n = BreakpointCount;
        double smooth = SmoothnessWeight * RegularizationScale;
        double priorWeight = PriorWeight * RegularizationScale;
        for (int q = 0; q < quantityCount; q++)
        {
            for (int j = 0; j < n; j++)
            {
                int p = q * n + j;
                if (j + 1 < n)
                {
                    // Residual smooth * (theta[p+1] - theta[p]) with gradient (-smooth, +smooth).
                    double residual = smooth * (theta[p + 1] - theta[p]);
                    normal[p * parameterCount + p] += smooth * smooth;
                    normal[(p + 1) * parameterCount + p + 1] += smooth * smooth;
                    normal[p * parameterCount + p + 1] -= smooth * smooth;
                    gradient[p] -= smooth * residual;
                    gradient[p + 1] += smooth * residual;
                }

                normal[p * parameterCount + p] += priorWeight * priorWeight;
                gradient[p] += priorWeight * priorWeight * (theta[p] - prior[p]);
            }
        }

        for (int a = 0; a < parameterCount; a++)
        {
            for (int b = 0; b < a; b++)
            {
                normal[a * parameterCount + b] = normal[b * parameterCount + a];
            }
        }
    }

    // Solves (N + damping * diag(N)) step = gradient by Cholesky decomposition; false when not positive definite.
    private static bool SolveDamped(double[] normal, double[] gradient, double damping, double[] step)
    {
        int size = gradient.Length;
        var factor = new double[size * size];
        for (int a = 0; a < size; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                double sum = normal[a * size + b];
                if (a == b)
                {
                    sum += damping * normal[a * size + a] + 1e-12;
                }

                for (int c = 0; c < b; c++)
                {
                    sum -= factor[a * size + c] * factor[b * size + c];
                }

                if (a == b)
                {
                    if (!(sum > 0))
                    {
                        return false;
                    }

                    factor[a * size + a] = Math.Sqrt(sum);
                }
                else
                {
                    factor[a * size + b] = sum / factor[b * size + b];
                }
            }
        }

        var y = new double[size];
        for (int a = 0; a < size; a++)
        {
            double sum = gradient[a];
            for (int c = 0; c < a; c++)
            {
                sum -= factor[a * size + c] * y[c];
            }

            y[a] = sum / factor[a * size + a];
        }

        for (int a = size - 1; a >= 0; a--)
        {
            double sum = y[a];
            for (int c = a + 1; c < size; c++)
            {
                sum -= factor[c * size + a] * step[c];
            }

            step[a] = sum / factor[a * size + a];
        }

        return true;
    }

    private int FindSegment(double soc, out double segmentFraction)
    {
        int last = socBreakpoints.Length - 1;
        if (last == 0 || soc <= socBreakpoints[0])
        {
            segmentFraction = 0;
            return 0;
        }

        for (int j = 0; j < last; j++)
        {
            if (soc <= socBreakpoints[j + 1])
            {
                segmentFraction = (soc - socBreakpoints[j]) / (socBreakpoints[j + 1] - socBreakpoints[j]);
                return j;
            }
        }

        segmentFraction = 1;
        return last - 1;
    }

    private static double Lerp(double[] values, int index, double f) =>
        f == 0 ? values[index] : values[index] + f * (values[index + 1] - values[index]);
}
