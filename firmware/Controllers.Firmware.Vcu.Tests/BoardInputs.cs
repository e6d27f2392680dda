using Controllers.Firmware.Vcu.Inputs;

namespace Controllers.Firmware.Vcu.Tests;

/// <summary>
/// Settable board inputs: the pin voltages and switch states that the VCU reads. The pedal helpers turn a
/// travel into the two track voltages of the default calibration (track 1 0.8–4.2 V, track 2 0.4–2.1 V).
/// </summary>
internal sealed class BoardInputs : IVcuInputHardware
{
    public float AcceleratorTrack1Volts { get; set; } = 0.8f;

    public float AcceleratorTrack2Volts { get; set; } = 0.4f;

    public float BrakeSensorVolts { get; set; } = 0.5f;

    public bool BrakeSwitchClosed { get; set; }

    public float SupplyVolts { get; set; } = 13.5f;

    public bool KeyOn { get; set; } = true;

    public int DirectionSelector { get; set; } = 1;

    public int DriveModeSelector { get; set; } = 1;

    public bool ChargePlugConnected { get; set; }

    public bool HvilClosed { get; set; } = true;

    public bool CrashSignal { get; set; }

    /// <summary>Sets both tracks to the voltages of a healthy pedal at <paramref name="travel"/> (0 to 1).</summary>
    public void SetPedal(float travel)
    {
        AcceleratorTrack1Volts = 0.8f + 3.4f * travel;
        AcceleratorTrack2Volts = 0.4f + 1.7f * travel;
    }

    /// <summary>Sets the brake sensor to <paramref name="travel"/> (0.5–4.5 V) and the switch to match.</summary>
    public void SetBrake(float travel)
    {
        BrakeSensorVolts = 0.5f + 4f * travel;
        BrakeSwitchClosed = travel >= 0.05f;
    }
}
