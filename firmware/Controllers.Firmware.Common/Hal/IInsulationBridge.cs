namespace Controllers.Firmware.Common.Hal
{
    /// <summary>
    /// Switched unbalanced bridge between each high-voltage pole and chassis, with a permanently connected
    /// measurement divider from each pole to chassis. The board adapter scales the divider outputs to pole
    /// voltages in volts.
    /// </summary>
    public interface IInsulationBridge
    {
        /// <summary>
        /// Connects (true) or disconnects (false) the bridge resistor between the positive pole and chassis
        /// and the one between the negative pole and chassis.
        /// </summary>
        void SetSwitches(bool positiveBridgeClosed, bool negativeBridgeClosed);

        /// <summary>
        /// Reads the pack voltage, the positive pole to chassis voltage and the chassis to negative pole
        /// voltage, all in volts and positive in normal operation. Returns false when the conversion failed,
        /// and the outputs are then undefined.
        /// </summary>
        bool TryReadVoltages(out float packVolts, out float positiveToChassisVolts, out float chassisToNegativeVolts);
    }
}
