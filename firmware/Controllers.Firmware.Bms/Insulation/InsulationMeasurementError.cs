namespace Controllers.Firmware.Bms.Insulation
{
    /// <summary>Why the latest measurement cycle gave no valid result.</summary>
    public enum InsulationMeasurementError
    {
        /// <summary>The latest cycle succeeded.</summary>
        None = 0,

        /// <summary>No cycle has finished yet.</summary>
        NotMeasured = 1,

        /// <summary>The pack voltage was below the configured minimum, so the bridge voltages carry no information.</summary>
        PackVoltageTooLow = 2,

        /// <summary>The pole voltages did not settle within the state timeout, or the bridge could not be read.</summary>
        SettleTimeout = 3,

        /// <summary>The two pole voltages do not add up to the pack voltage: a switch or a divider is faulty.</summary>
        InconsistentVoltages = 4,

        /// <summary>
        /// Switching the bridge did not move the pole voltages the way the circuit must (determinant not
        /// positive), for example because the pack voltage jumped between the two states.
        /// </summary>
        Indeterminate = 5,
    }
}
