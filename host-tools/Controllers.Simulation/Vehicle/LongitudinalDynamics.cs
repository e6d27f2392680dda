using System;

namespace Controllers.Simulation.Vehicle;

/// <summary>
/// Straight-line motion of the vehicle as one lumped mass on a slope:
/// m_eff·dv/dt = F_traction − F_grade − F_aero − (F_rolling + F_brake)·sign(v), with
/// F_grade = m·g·sin θ, F_rolling = C_rr·m·g·cos θ, F_aero = ½·ρ·Cd·A·v·|v| and the traction force limited
/// to μ·(driven share of m·g·cos θ). The wheels do not slip: wheel speed is v / r.
/// </summary>
/// <remarks>
/// The step is explicit Euler in the forces (evaluated at the speed at the start of the step). Each force's
/// work is booked over the distance travelled, the mean of the speeds before and after the step times
/// the step, which matches the kinetic energy change of a constant-acceleration step, so the energy
/// ledger closes to rounding error.
/// Rolling resistance and brake act as Coulomb friction: at rest they hold the vehicle unless the other
/// forces exceed them, and a step that would reverse the motion stops the vehicle at zero instead.
/// </remarks>
public sealed class LongitudinalDynamics
{
    private readonly ChassisParameters parameters;

    public LongitudinalDynamics(ChassisParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        this.parameters = parameters;
    }

    public ChassisParameters Parameters => parameters;

    /// <summary>Speed along the road in m/s; negative when reversing.</summary>
    public double SpeedMetresPerSecond { get; private set; }

    /// <summary>Distance along the road from the start in metres (signed).</summary>
    public double PositionMetres { get; private set; }

    /// <summary>Acceleration over the last step in m/s².</summary>
    public double AccelerationMetresPerSecondSquared { get; private set; }

    /// <summary>Ground surface; set it before a step.</summary>
    public Terrain Terrain { get; set; } = Terrain.Asphalt;

    /// <summary>Road grade as rise over run (0.1 is a 10 % climb); set it before a step.</summary>
    public double Grade { get; set; }

    /// <summary>Motor shaft speed in rad/s that the road speed imposes through the wheels and the final drive.</summary>
    public double MotorSpeedRadiansPerSecond =>
        SpeedMetresPerSecond / parameters.WheelRadiusMetres * parameters.FinalDriveRatio;

    /// <summary>True when the last step limited the traction force to what the tyres can transmit.</summary>
    public bool TractionLimited { get; private set; }

    /// <summary>Tractive force at the road in the last step, after the friction limit, in newtons.</summary>
    public double TractionForceNewtons { get; private set; }

    /// <summary>Cumulative energy terms since construction or <see cref="ResetEnergy"/>.</summary>
    public VehicleEnergyLedger Energy { get; } = new();

    /// <summary>Places the vehicle at <paramref name="speedMetresPerSecond"/> without booking energy.</summary>
    public void SetSpeed(double speedMetresPerSecond)
    {
        if (!double.IsFinite(speedMetresPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(speedMetresPerSecond), "The speed must be a finite number.");
        }

        SpeedMetresPerSecond = speedMetresPerSecond;
    }

    /// <summary>Clears the energy ledger; kinetic and potential energy are counted from the current state.</summary>
    public void ResetEnergy() => Energy.Clear();

    /// <summary>Road-load force in newtons at <paramref name="speed"/> on the current grade and terrain, for v ≥ 0.</summary>
    public double GetRoadLoadNewtons(double speed)
    {
        GetSlope(out double sine, out double cosine);
        double weight = parameters.TotalMassKilograms * ChassisParameters.GravityMetresPerSecondSquared;
        return weight * sine + parameters.GetTerrain(Terrain).RollingResistanceCoefficient * weight * cosine +
               parameters.DragFactor * speed * Math.Abs(speed);
    }

    /// <summary>
    /// Advances by <paramref name="dtSeconds"/> with the motor shaft torque <paramref name="motorTorqueNewtonMetres"/>
    /// and the brake pedal fraction <paramref name="brakeFraction"/> (0 to 1) held constant.
    /// </summary>
    public void Step(double dtSeconds, double motorTorqueNewtonMetres, double brakeFraction)
    {
        if (!(dtSeconds > 0) || !double.IsFinite(motorTorqueNewtonMetres) || !(brakeFraction >= 0 && brakeFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(dtSeconds),
                "The step must be positive, the torque finite and the brake fraction 0 to 1.");
        }

        double mass = parameters.TotalMassKilograms;
        double effectiveMass = mass * parameters.RotatingMassFactor;
        double weight = mass * ChassisParameters.GravityMetresPerSecondSquared;
        GetSlope(out double sine, out double cosine);
        double v0 = SpeedMetresPerSecond;

        // Motor torque to road force. Motoring loses the driveline share on the way to the wheel. Generating
        // loses it on the way back, so the wheel must push harder than the motor brakes.
        bool motoring = motorTorqueNewtonMetres * v0 >= 0;
        double gearing = parameters.FinalDriveRatio / parameters.WheelRadiusMetres;
        double wheelForce = motoring
            ? motorTorqueNewtonMetres * gearing * parameters.DrivelineEfficiency
            : motorTorqueNewtonMetres * gearing / parameters.DrivelineEfficiency;

        // Friction limit of the driven tyres.
        double tractionLimit = parameters.GetTerrain(Terrain).FrictionCoefficient * parameters.DrivenLoadFraction * weight * cosine;
        double traction = Math.Clamp(wheelForce, -tractionLimit, tractionLimit);
        TractionLimited = traction != wheelForce;
        TractionForceNewtons = traction;

        double gradeForce = weight * sine;
        double aeroForce = parameters.DragFactor * v0 * Math.Abs(v0);
        double rollingForce = parameters.GetTerrain(Terrain).RollingResistanceCoefficient * weight * cosine;
        double brakeForce = brakeFraction * parameters.MaxBrakeForceNewtons;
        double frictionForce = rollingForce + brakeForce;
        double drivingForce = traction - gradeForce - aeroForce;

        double v1;
        bool frictionSaturated = true;
        if (v0 == 0 && Math.Abs(drivingForce) <= frictionForce)
        {
            v1 = 0;
            frictionSaturated = false;
        }
        else
        {
            double direction = v0 != 0 ? Math.Sign(v0) : Math.Sign(drivingForce);
            v1 = v0 + (drivingForce - frictionForce * direction) / effectiveMass * dtSeconds;
            if (v0 != 0 && Math.Sign(v1) != Math.Sign(v0))
            {
                // Friction cannot reverse the motion: the vehicle stops within this step.
                v1 = 0;
                frictionSaturated = false;
            }
        }

        double meanSpeed = 0.5 * (v0 + v1);
        double distance = meanSpeed * dtSeconds;
        double meanMotorSpeed = meanSpeed / parameters.WheelRadiusMetres * parameters.FinalDriveRatio;
        double shaftWork = motorTorqueNewtonMetres * meanMotorSpeed * dtSeconds;
        double wheelWork = wheelForce * distance;
        double kineticGain = 0.5 * effectiveMass * (v1 * v1 - v0 * v0);

        var ledger = Energy;
        ledger.MotorShaftJoules += shaftWork;
        ledger.DrivelineLossJoules += motoring
            ? shaftWork * (1 - parameters.DrivelineEfficiency)
            : wheelWork * (parameters.DrivelineEfficiency - 1);
        ledger.SlipLossJoules += (wheelForce - traction) * distance;
        ledger.GradeJoules += gradeForce * distance;
        ledger.AerodynamicJoules += aeroForce * distance;
        ledger.KineticJoules += kineticGain;

        // Rolling resistance and brake do their full force times the distance while the vehicle keeps moving.
        // In a step where it stops or is held they do only the work that remains, shared in proportion.
        double frictionWork = frictionSaturated
            ? frictionForce * Math.Abs(distance)
            : (traction - gradeForce - aeroForce) * distance - kineticGain;
        if (frictionForce > 0)
        {
            ledger.RollingJoules += frictionWork * rollingForce / frictionForce;
            ledger.BrakeJoules += frictionWork * brakeForce / frictionForce;
        }

        SpeedMetresPerSecond = v1;
        PositionMetres += distance;
        AccelerationMetresPerSecondSquared = (v1 - v0) / dtSeconds;
    }

    private void GetSlope(out double sine, out double cosine)
    {
        double angle = Math.Atan(Grade);
        sine = Math.Sin(angle);
        cosine = Math.Cos(angle);
    }
}

/// <summary>
/// Cumulative energy terms of <see cref="LongitudinalDynamics"/> in joules. Losses are positive;
/// <see cref="KineticJoules"/> and <see cref="GradeJoules"/> are stored energy, signed.
/// </summary>
public sealed class VehicleEnergyLedger
{
    /// <summary>Work done by the motor shaft (negative while generating).</summary>
    public double MotorShaftJoules { get; set; }

    public double DrivelineLossJoules { get; set; }

    /// <summary>Wheel work above the friction limit: the wheels would spin, and the model drops it.</summary>
    public double SlipLossJoules { get; set; }

    public double RollingJoules { get; set; }

    public double AerodynamicJoules { get; set; }

    /// <summary>Gain in potential energy (m·g·height).</summary>
    public double GradeJoules { get; set; }

    public double BrakeJoules { get; set; }

    /// <summary>Gain in kinetic energy, including the rotating-mass share.</summary>
    public double KineticJoules { get; set; }

    /// <summary>Motor shaft work minus every loss and every stored gain; zero when the ledger closes.</summary>
    public double ResidualJoules =>
        MotorShaftJoules - DrivelineLossJoules - SlipLossJoules - RollingJoules - AerodynamicJoules - GradeJoules -
        BrakeJoules - KineticJoules;

    public void Clear()
    {
        MotorShaftJoules = 0;
        DrivelineLossJoules = 0;
        SlipLossJoules = 0;
        RollingJoules = 0;
        AerodynamicJoules = 0;
        GradeJoules = 0;
        BrakeJoules = 0;
        KineticJoules = 0;
    }
}
