namespace Controllers.Simulation.Vehicle;

/// <summary>Ground surface under the wheels; each has its own rolling resistance and friction coefficient.</summary>
public enum Terrain
{
    Asphalt,
    Gravel,
    Grass,
    Sand,
    Mud,
}

/// <summary>Rolling resistance and tyre–ground friction of one <see cref="Terrain"/>, both dimensionless.</summary>
public sealed class TerrainProperties
{
    public TerrainProperties(double rollingResistanceCoefficient, double frictionCoefficient)
    {
        RollingResistanceCoefficient = rollingResistanceCoefficient;
        FrictionCoefficient = frictionCoefficient;
    }

    /// <summary>Rolling resistance force over normal load.</summary>
    public double RollingResistanceCoefficient { get; }

    /// <summary>Peak longitudinal force over normal load before the tyres slip.</summary>
    public double FrictionCoefficient { get; }
}
