namespace Controllers.Firmware.Vcu.Power
{
    /// <summary>
    /// Power control of the VCU board. On the ESP32 board it wraps the CAN transceiver's mode pins, the MCP2515's
    /// Sleep mode and the output enable line. Deep sleep uses nanoFramework.Hardware.Esp32's Sleep class with
    /// EXT0 on the key input, EXT1 on the charge plug input and the transceiver's wake line, and the RTC timer.
    /// </summary>
    public interface IBoardPower
    {
        /// <summary>
        /// Returns why the board started: one of the <see cref="Controllers.Firmware.Vcu.Network.NmWakeupReason"/>
        /// values, <see cref="Controllers.Firmware.Vcu.Network.NmWakeupReason.None"/> after a power-on reset.
        /// </summary>
        int ReadWakeCause();

        /// <summary>Switches the PWM and relay outputs and the sensor supplies on or off.</summary>
        void SetOutputsEnabled(bool enabled);

        /// <summary>
        /// Puts the CAN transceiver into Sleep mode, with wake-up on a bus wake-up pattern, or back into Normal mode.
        /// In Sleep mode its INH output switches the 5 V rail off.
        /// </summary>
        void SetCanTransceiverSleep(bool sleep);

        /// <summary>Puts the CAN controller into its Sleep mode or back into Normal mode.</summary>
        void SetCanControllerSleep(bool sleep);

        /// <summary>
        /// Arms the wake sources (key, charge plug, CAN transceiver wake line, and the RTC timer after
        /// <paramref name="timerWakeMicroseconds"/>) and enters deep sleep. On the ESP32 this does not return: the
        /// wake-up is a reset, and start-up code calls <see cref="SleepController.Start"/> again.
        /// </summary>
        void EnterDeepSleep(long timerWakeMicroseconds);
    }
}
