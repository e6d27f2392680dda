namespace Controllers.Firmware.Vcu.Thermal
{
    /// <summary>
    /// Cooling actuators of the VCU board: PWM outputs for the pumps and the radiator fan, and a digital request
    /// line to the battery chiller. Duties are fractions from 0 (off) to 1 (full speed).
    /// </summary>
    public interface IThermalActuators
    {
        /// <summary>Sets the coolant pump of the motor and inverter loop.</summary>
        void SetMotorPumpDuty(float duty);

        /// <summary>Sets the radiator fan, which serves the motor loop and the engine radiator stacked behind it.</summary>
        void SetRadiatorFanDuty(float duty);

        /// <summary>Sets the coolant pump of the battery loop.</summary>
        void SetBatteryPumpDuty(float duty);

        /// <summary>Switches the request to the battery chiller on or off.</summary>
        void SetChillerRequest(bool requested);
    }
}
