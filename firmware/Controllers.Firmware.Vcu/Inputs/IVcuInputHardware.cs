namespace Controllers.Firmware.Vcu.Inputs
{
    /// <summary>
    /// Raw analogue and digital inputs of the VCU board, read once per input cycle. Voltages are at the
    /// connector pin, after the board's divider has been scaled out.
    /// </summary>
    public interface IVcuInputHardware
    {
        /// <summary>Accelerator pedal track 1 voltage, V.</summary>
        float AcceleratorTrack1Volts { get; }

        /// <summary>Accelerator pedal track 2 voltage, V.</summary>
        float AcceleratorTrack2Volts { get; }

        /// <summary>Brake pedal position sensor voltage, V.</summary>
        float BrakeSensorVolts { get; }

        /// <summary>Brake light switch; true when closed (pedal pressed).</summary>
        bool BrakeSwitchClosed { get; }

        /// <summary>12 V supply voltage at the VCU's battery pin, V.</summary>
        float SupplyVolts { get; }

        /// <summary>Ignition key in the run position.</summary>
        bool KeyOn { get; }

        /// <summary>Raw direction selector: one of the <see cref="Controllers.Firmware.Vcu.Intention.DriveDirection"/> values.</summary>
        int DirectionSelector { get; }

        /// <summary>Raw drive-mode selector: one of the <see cref="Controllers.Firmware.Vcu.Intention.DriveMode"/> values.</summary>
        int DriveModeSelector { get; }

        /// <summary>Charge plug detected in the inlet (proximity pilot).</summary>
        bool ChargePlugConnected { get; }

        /// <summary>The high-voltage interlock loop (HVIL) is closed: every HV connector is mated.</summary>
        bool HvilClosed { get; }

        /// <summary>The crash sensor or the emergency shut-off switch has fired.</summary>
        bool CrashSignal { get; }
    }
}
