namespace Controllers.Firmware.Vcu
{
    /// <summary>
    /// Latest values received from the motor controller and the BMS. The CAN receive path writes them
    /// (MCU_Feedback every 10 ms, MCU_Status every 100 ms, BMS_PowerLimits in boards/can/vcu.dbc); the tasks
    /// only read them. Units are SI: N·m, rad/s, W, °C.
    /// </summary>
    public sealed class VehicleSignals
    {
        /// <summary>Motor shaft speed, rad/s, positive forward.</summary>
        public float MotorSpeedRadiansPerSecond;

        /// <summary>Torque that the motor controller reports delivering, N·m.</summary>
        public float TorqueFeedbackNewtonMetres;

        /// <summary>True while motor controller feedback is fresh.</summary>
        public bool FeedbackValid;

        /// <summary>BMS discharge power limit, W.</summary>
        public float MaxDischargePowerWatts = 20000f;

        /// <summary>BMS charge power limit, W.</summary>
        public float MaxChargePowerWatts = 10000f;

        /// <summary>Motor winding temperature, °C.</summary>
        public float MotorCelsius = 25f;

        /// <summary>Inverter temperature, °C.</summary>
        public float InverterCelsius = 25f;
    }
}
