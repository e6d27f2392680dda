using System;

namespace Controllers.Hil.Vehicle;

/// <summary>
/// Puts a <see cref="VcuFault"/> on the rig. Pin faults hold until the scenario ends, because nothing rewrites the pins
/// afterwards. A short to ground is 0 V and a short to supply 5 V, the pedal sensor supply. The track drift moves
/// track 2 by 0.34 V, which is 20 % of its 1.7 V span and twice the 10 % correlation limit. The 12 V supply goes to
/// 8 V and 17 V, 1 V outside the rated 9–16 V.
/// </summary>
public static class VcuFaultInjection
{
    /// <summary>Sensor supply that a short to supply connects a signal to, V.</summary>
    public const float SensorSupplyVolts = 5f;

    public static void Apply(VcuRig rig, VcuFault fault)
    {
        ArgumentNullException.ThrowIfNull(rig);
        var pins = rig.Inputs;
        switch (fault)
        {
            case VcuFault.Track1ShortToGround:
                pins.AcceleratorTrack1Volts = 0f;
                break;
            case VcuFault.Track1ShortToSupply:
                pins.AcceleratorTrack1Volts = SensorSupplyVolts;
                break;
            case VcuFault.Track2ShortToGround:
                pins.AcceleratorTrack2Volts = 0f;
                break;
            case VcuFault.Track2ShortToSupply:
                pins.AcceleratorTrack2Volts = SensorSupplyVolts;
                break;
            case VcuFault.TrackCorrelation:
                pins.AcceleratorTrack2Volts += 0.34f;
                break;
            case VcuFault.BrakeSensorRange:
                pins.BrakeSensorVolts = 0f;
                break;
            case VcuFault.BrakeSwitchStuckClosed:
                pins.BrakeSwitchClosed = true;
                break;
            case VcuFault.BrakeOverride:
                pins.SetBrake(0.5);
                break;
            case VcuFault.SupplyUndervoltage:
                pins.SupplyVolts = 8f;
                break;
            case VcuFault.SupplyOvervoltage:
                pins.SupplyVolts = 17f;
                break;
            case VcuFault.MotorOvertorque:
                // The inverter applies 80 N·m whatever the command: a motor that delivers more than commanded and
                // ignores the zero-torque request.
                rig.Mcu.StuckTorqueNewtonMetres = 80;
                break;
            case VcuFault.McuSilent:
                rig.Mcu.Silent = true;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, "Unknown fault.");
        }
    }
}
