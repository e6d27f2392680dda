using Controllers.Firmware.Vcu.Inputs;

namespace Controllers.Hil.Vehicle;

/// <summary>
/// The VCU board's pins as the rig drives them. Healthy voltages follow the VCU's default calibration: accelerator
/// track 1 0.8–4.2 V, track 2 0.4–2.1 V (half slope), brake sensor 0.5–4.5 V on a 5 V sensor supply.
/// </summary>
public sealed class VcuRigInputs : IVcuInputHardware
{
    /// <summary>Brake travel at which the brake light switch closes, fraction.</summary>
    public const float BrakeSwitchTravel = 0.05f;

    public float AcceleratorTrack1Volts { get; set; } = 0.8f;

    public float AcceleratorTrack2Volts { get; set; } = 0.4f;

    public float BrakeSensorVolts { get; set; } = 0.5f;

    public bool BrakeSwitchClosed { get; set; }

    public float SupplyVolts { get; set; } = 13.5f;

    public bool KeyOn { get; set; } = true;

    /// <summary>Raw direction selector; 1 is forward.</summary>
    public int DirectionSelector { get; set; } = 1;

    /// <summary>Raw drive-mode selector; 1 is normal.</summary>
    public int DriveModeSelector { get; set; } = 1;

    public bool ChargePlugConnected { get; set; }

    public bool HvilClosed { get; set; } = true;

    public bool CrashSignal { get; set; }

    /// <summary>Sets both accelerator tracks to a healthy pedal at <paramref name="travel"/> (0 to 1).</summary>
    public void SetPedal(double travel)
    {
        AcceleratorTrack1Volts = (float)(0.8 + 3.4 * travel);
        AcceleratorTrack2Volts = (float)(0.4 + 1.7 * travel);
    }

    /// <summary>Sets the brake sensor to <paramref name="travel"/> (0 to 1) and the switch to match.</summary>
    public void SetBrake(double travel)
    {
        BrakeSensorVolts = (float)(0.5 + 4 * travel);
        BrakeSwitchClosed = travel >= BrakeSwitchTravel;
    }
}
