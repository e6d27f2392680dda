using System;

namespace Controllers.Simulation.Vehicle;

/// <summary>
/// Traction motor with its inverter, seen from the vehicle: delivered torque follows the command through a
/// first-order lag inside the torque–speed envelope, electrical power comes from the efficiency maps, and the
/// losses heat a motor and an inverter thermal mass, each C·dT/dt = P_loss − (T − T_coolant) / R_th.
/// The torque feedback signal that the inverter reports carries a settable gain error and Gaussian noise.
/// </summary>
public sealed class TractionMotor
{
    private readonly TractionMotorParameters parameters;
    private readonly Random noise;

    public TractionMotor(TractionMotorParameters parameters, int noiseSeed = 1)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        this.parameters = parameters;
        noise = new Random(noiseSeed);
        MotorCelsius = parameters.CoolantCelsius;
        InverterCelsius = parameters.CoolantCelsius;
    }

    public TractionMotorParameters Parameters => parameters;

    /// <summary>Requested shaft torque in N·m, positive forward; set it before a step.</summary>
    public double TorqueCommandNewtonMetres { get; set; }

    /// <summary>Torque at the shaft in N·m after the lag and the envelope.</summary>
    public double TorqueNewtonMetres { get; private set; }

    /// <summary>Shaft speed of the last step in rad/s.</summary>
    public double SpeedRadiansPerSecond { get; private set; }

    /// <summary>Electrical power drawn from the DC link in W; negative while generating.</summary>
    public double ElectricalPowerWatts { get; private set; }

    /// <summary>Motor and inverter loss in the last step, W.</summary>
    public double LossWatts { get; private set; }

    public double MotorCelsius { get; private set; }

    public double InverterCelsius { get; private set; }

    /// <summary>Relative error of the feedback signal: 0.03 reports 3 % more torque than delivered.</summary>
    public double FeedbackGainError { get; set; }

    /// <summary>Standard deviation of the Gaussian noise on the feedback signal, N·m.</summary>
    public double FeedbackNoiseNewtonMetres { get; set; }

    /// <summary>Torque that the inverter reports, N·m: delivered torque × (1 + gain error) + noise, sampled each step.</summary>
    public double TorqueFeedbackNewtonMetres { get; private set; }

    /// <summary>
    /// Largest torque magnitude at <paramref name="speedRadiansPerSecond"/>: the peak torque up to the base speed,
    /// peak power over speed above it, and zero beyond the maximum speed. The same in both directions.
    /// </summary>
    public double GetMaxTorqueNewtonMetres(double speedRadiansPerSecond)
    {
        double speed = Math.Abs(speedRadiansPerSecond);
        if (speed > parameters.MaxSpeedRadiansPerSecond)
        {
            return 0;
        }

        return speed <= parameters.BaseSpeedRadiansPerSecond
            ? parameters.PeakTorqueNewtonMetres
            : parameters.PeakPowerWatts / speed;
    }

    /// <summary>Advances by <paramref name="dtSeconds"/> at the shaft speed <paramref name="speedRadiansPerSecond"/>.</summary>
    public void Step(double dtSeconds, double speedRadiansPerSecond)
    {
        if (!(dtSeconds > 0) || !double.IsFinite(speedRadiansPerSecond) || !double.IsFinite(TorqueCommandNewtonMetres))
        {
            throw new ArgumentOutOfRangeException(nameof(dtSeconds), "The step must be positive and the speed and torque command finite.");
        }

        SpeedRadiansPerSecond = speedRadiansPerSecond;
        double limit = GetMaxTorqueNewtonMetres(speedRadiansPerSecond);
        double target = Math.Clamp(TorqueCommandNewtonMetres, -limit, limit);

        // Exact step of the first-order lag for a command held over the step: 63.2 % of a step after one time constant.
        double decay = Math.Exp(-dtSeconds / parameters.TorqueTimeConstantSeconds);
        double torque = target + (TorqueNewtonMetres - target) * decay;
        TorqueNewtonMetres = Math.Clamp(torque, -limit, limit);

        UpdatePower(speedRadiansPerSecond);
        UpdateTemperatures(dtSeconds);
        TorqueFeedbackNewtonMetres = TorqueNewtonMetres * (1 + FeedbackGainError) + FeedbackNoiseNewtonMetres * Gaussian();
    }

    private void UpdatePower(double speed)
    {
        double torque = TorqueNewtonMetres;
        double mechanical = torque * speed;

        // The maps give no loss at zero speed, where P_mech is zero, yet a motor holding torque at standstill
        // has copper loss. Copper loss depends on torque, not speed, so below the map's lowest non-zero speed
        // the loss is taken at that speed.
        double mapSpeed = Math.Max(Math.Abs(speed), LowestPositiveSpeed(parameters.MotoringEfficiency));
        double mapSpeedRpm = mapSpeed * 30 / Math.PI;
        bool generating = mechanical < 0;
        double efficiency = generating
            ? parameters.GeneratingEfficiency.Lookup(mapSpeedRpm, Math.Abs(torque))
            : parameters.MotoringEfficiency.Lookup(mapSpeedRpm, Math.Abs(torque));
        double mapMechanical = Math.Abs(torque) * mapSpeed;
        double loss = generating ? mapMechanical * (1 - efficiency) : mapMechanical * (1 / efficiency - 1);

        LossWatts = loss;
        ElectricalPowerWatts = mechanical + loss;
    }

    private void UpdateTemperatures(double dt)
    {
        double inverterLoss = LossWatts * parameters.InverterLossFraction;
        double motorLoss = LossWatts - inverterLoss;
        MotorCelsius = StepThermal(MotorCelsius, motorLoss, parameters.MotorHeatCapacityJoulesPerKelvin,
            parameters.MotorThermalResistanceKelvinPerWatt, dt);
        InverterCelsius = StepThermal(InverterCelsius, inverterLoss, parameters.InverterHeatCapacityJoulesPerKelvin,
            parameters.InverterThermalResistanceKelvinPerWatt, dt);
    }

    // Exact step of C·dT/dt = P − (T − T_coolant)/R for P held over the step; it settles at T_coolant + P·R.
    private double StepThermal(double celsius, double lossWatts, double heatCapacity, double thermalResistance, double dt)
    {
        double settled = parameters.CoolantCelsius + lossWatts * thermalResistance;
        return settled + (celsius - settled) * Math.Exp(-dt / (heatCapacity * thermalResistance));
    }

    private static double LowestPositiveSpeed(Table2D map)
    {
        foreach (double rpm in map.RowBreakpoints)
        {
            if (rpm > 0)
            {
                return rpm * Math.PI / 30;
            }
        }

        return 1;
    }

    // Box–Muller transform of two uniform samples from the seeded generator.
    private double Gaussian()
    {
        double u1 = 1.0 - noise.NextDouble();
        double u2 = noise.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
