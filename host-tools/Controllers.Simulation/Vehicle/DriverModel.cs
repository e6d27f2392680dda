using System;

namespace Controllers.Simulation.Vehicle;

/// <summary>Gains and pedal sensor layout of the <see cref="DriverModel"/>.</summary>
public sealed class DriverParameters
{
    /// <summary>Force per speed error, N/(m/s).</summary>
    public double ProportionalGain { get; init; } = 800;

    /// <summary>Force per integrated speed error, N/m.</summary>
    public double IntegralGain { get; init; } = 100;

    /// <summary>How far ahead the driver reads the trace to anticipate acceleration, s.</summary>
    public double PreviewSeconds { get; init; } = 1.0;

    /// <summary>Accelerator track 1 output at rest and fully pressed, V.</summary>
    public double Track1RestVolts { get; init; } = 0.8;

    /// <inheritdoc cref="Track1RestVolts"/>
    public double Track1FullVolts { get; init; } = 4.2;

    /// <summary>Track 2 output over track 1 output; a redundant track at a different slope lets the VCU detect a short between them.</summary>
    public double Track2Ratio { get; init; } = 0.5;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        ParameterCheck.Range(ProportionalGain, 0, 1e6, nameof(ProportionalGain));
        ParameterCheck.Range(IntegralGain, 0, 1e6, nameof(IntegralGain));
        ParameterCheck.Range(PreviewSeconds, 0.01, 10, nameof(PreviewSeconds));
        ParameterCheck.Range(Track1RestVolts, 0, 5, nameof(Track1RestVolts));
        ParameterCheck.Range(Track1FullVolts, 0, 5, nameof(Track1FullVolts));
        ParameterCheck.Below(Track1RestVolts, Track1FullVolts, nameof(Track1RestVolts), nameof(Track1FullVolts));
        ParameterCheck.Range(Track2Ratio, 0.1, 1, nameof(Track2Ratio));
    }
}

/// <summary>
/// A driver that follows a speed trace. The requested road force is a feedforward, effective mass times the
/// trace's acceleration over the preview plus the road load at the trace speed, plus a PI term on the speed
/// error. A positive force becomes accelerator travel as a share of the motor's envelope force at the current
/// speed, a negative force becomes brake travel as a share of the full brake force. The integrator stops
/// while a pedal is at its end stop, so it does not wind up.
/// </summary>
public sealed class DriverModel
{
    private readonly DriverParameters parameters;
    private readonly LongitudinalDynamics chassis;
    private readonly TractionMotor motor;
    private double integralMetres;

    public DriverModel(DriverParameters parameters, LongitudinalDynamics chassis, TractionMotor motor)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(chassis);
        ArgumentNullException.ThrowIfNull(motor);
        parameters.Validate();
        this.parameters = parameters;
        this.chassis = chassis;
        this.motor = motor;
    }

    /// <summary>Accelerator travel, 0 (released) to 1 (floored).</summary>
    public double AcceleratorPosition { get; private set; }

    public double BrakePosition { get; private set; }

    /// <summary>Accelerator sensor track 1 output, V.</summary>
    public double AcceleratorTrack1Volts =>
        parameters.Track1RestVolts + AcceleratorPosition * (parameters.Track1FullVolts - parameters.Track1RestVolts);

    /// <summary>Accelerator sensor track 2 output, V.</summary>
    public double AcceleratorTrack2Volts => AcceleratorTrack1Volts * parameters.Track2Ratio;

    /// <summary>Road force the driver asked for in the last update, N.</summary>
    public double DemandNewtons { get; private set; }

    /// <summary>Sets the pedals for time <paramref name="timeSeconds"/> of <paramref name="cycle"/> from the chassis' current speed.</summary>
    public void Update(double dtSeconds, double timeSeconds, DriveCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var chassisParameters = chassis.Parameters;
        double reference = cycle.GetSpeed(timeSeconds);
        double ahead = cycle.GetSpeed(timeSeconds + parameters.PreviewSeconds);
        double acceleration = (ahead - reference) / parameters.PreviewSeconds;
        double effectiveMass = chassisParameters.TotalMassKilograms * chassisParameters.RotatingMassFactor;
        double feedforward = effectiveMass * acceleration + chassis.GetRoadLoadNewtons(reference);

        double error = reference - chassis.SpeedMetresPerSecond;
        double demand = feedforward + parameters.ProportionalGain * error + parameters.IntegralGain * integralMetres;
        DemandNewtons = demand;

        double maxTraction = motor.GetMaxTorqueNewtonMetres(chassis.MotorSpeedRadiansPerSecond) *
                             chassisParameters.FinalDriveRatio * chassisParameters.DrivelineEfficiency /
                             chassisParameters.WheelRadiusMetres;
        double accelerator = demand > 0 && maxTraction > 0 ? demand / maxTraction : 0;
        double brake = demand < 0 && chassisParameters.MaxBrakeForceNewtons > 0 ? -demand / chassisParameters.MaxBrakeForceNewtons : 0;

        // While the trace is at rest the driver keeps a firm brake on, as at a traffic light.
        if (reference == 0 && ahead == 0)
        {
            accelerator = 0;
            brake = Math.Max(brake, 0.3);
        }

        bool saturated = accelerator >= 1 || brake >= 1;
        if (!saturated || Math.Sign(error) != Math.Sign(integralMetres))
        {
            integralMetres += error * dtSeconds;
        }

        AcceleratorPosition = Math.Clamp(accelerator, 0, 1);
        BrakePosition = Math.Clamp(brake, 0, 1);
    }
}
