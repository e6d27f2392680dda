using Controllers.Firmware.Vcu.Inputs;

namespace Controllers.Simulation.Boards;

/// <summary>
/// The VCU's pedal inputs on a calibration rig, with the end points of one pedal sample that differ from the
/// VCU's default calibration (track 1 0.8–4.2 V, track 2 0.4–2.1 V, brake 0.5–4.5 V) as a real pedal does.
/// The other inputs stay at a healthy idle: 13.5 V supply, key on, HVIL closed.
/// </summary>
public sealed class PedalRigInputs : IVcuInputHardware
{
    /// <summary>Track 1 voltage of this sample released, V.</summary>
    public double Track1ReleasedVolts { get; init; } = 0.72;

    /// <summary>Track 1 voltage of this sample at full travel, V.</summary>
    public double Track1FullVolts { get; init; } = 4.31;

    /// <summary>Track 2 voltage of this sample released, V.</summary>
    public double Track2ReleasedVolts { get; init; } = 0.37;

    /// <summary>Track 2 voltage of this sample at full travel, V.</summary>
    public double Track2FullVolts { get; init; } = 2.14;

    /// <summary>Brake sensor voltage of this sample released, V.</summary>
    public double BrakeReleasedVolts { get; init; } = 0.61;

    /// <summary>Brake sensor voltage of this sample at full travel, V.</summary>
    public double BrakeFullVolts { get; init; } = 4.38;

    /// <summary>Accelerator travel, 0 released to 1 full.</summary>
    public double AcceleratorTravel { get; set; }

    /// <summary>Brake travel, 0 released to 1 full.</summary>
    public double BrakeTravel { get; set; }

    public float AcceleratorTrack1Volts => (float)(Track1ReleasedVolts + (Track1FullVolts - Track1ReleasedVolts) * AcceleratorTravel);

    public float AcceleratorTrack2Volts => (float)(Track2ReleasedVolts + (Track2FullVolts - Track2ReleasedVolts) * AcceleratorTravel);

    public float BrakeSensorVolts => (float)(BrakeReleasedVolts + (BrakeFullVolts - BrakeReleasedVolts) * BrakeTravel);

    /// <summary>The brake light switch closes at 5 % travel.</summary>
    public bool BrakeSwitchClosed => BrakeTravel >= 0.05;

    public float SupplyVolts => 13.5f;

    public bool KeyOn => true;

    public int DirectionSelector => 1;

    public int DriveModeSelector => 1;

    public bool ChargePlugConnected => false;

    public bool HvilClosed => true;

    public bool CrashSignal => false;
}
