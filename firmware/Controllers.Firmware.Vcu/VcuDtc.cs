namespace Controllers.Firmware.Vcu
{
    /// <summary>
    /// Diagnostic trouble codes of the VCU, as 3-byte UDS DTC numbers (ISO 14229-1 DTC format, the
    /// high byte using the SAE J2012 P-code layout). The numbers are this project's own assignment.
    /// </summary>
    public static class VcuDtc
    {
        /// <summary>Accelerator track 1 voltage below its valid range (short to ground or open).</summary>
        public const uint AcceleratorTrack1Low = 0x212200;

        /// <summary>Accelerator track 1 voltage above its valid range (short to supply).</summary>
        public const uint AcceleratorTrack1High = 0x212300;

        /// <summary>Accelerator track 2 voltage below its valid range.</summary>
        public const uint AcceleratorTrack2Low = 0x212700;

        /// <summary>Accelerator track 2 voltage above its valid range.</summary>
        public const uint AcceleratorTrack2High = 0x212800;

        /// <summary>Accelerator tracks disagree by more than the allowed difference.</summary>
        public const uint AcceleratorCorrelation = 0x213500;

        /// <summary>Brake pedal sensor voltage outside its valid range.</summary>
        public const uint BrakeSensorRange = 0x057100;

        /// <summary>Brake switch and brake pedal sensor disagree.</summary>
        public const uint BrakeSwitchCorrelation = 0x057200;

        /// <summary>12 V supply below the rated range.</summary>
        public const uint SupplyUndervoltage = 0x056200;

        /// <summary>12 V supply above the rated range.</summary>
        public const uint SupplyOvervoltage = 0x056300;

        /// <summary>The torque monitor found a torque command or feedback above the permitted torque.</summary>
        public const uint TorqueMonitorMismatch = 0x0A0F00;

        // CAN receive path (Network/VcuCanReceiver). U-codes: the top two bits of the high byte are 11.
        // NOTE: U0110 and U0111 follow the SAE J2012 lost-communication names for the drive motor and battery
        // energy control modules as remembered, not checked against a copy of J2012-DA; U0120 and U0131 are
        // this project's choice. Check them before they appear on a service tool.

        /// <summary>U0110: no good MCU_Feedback frame for 5 cycle times.</summary>
        public const uint McuCommunicationLost = 0xC11000;

        /// <summary>U0111: no good BMS_PackStatus frame for 5 cycle times.</summary>
        public const uint BmsCommunicationLost = 0xC11100;

        /// <summary>U0120: no good GCU_Status frame for 5 cycle times.</summary>
        public const uint GcuCommunicationLost = 0xC12000;

        /// <summary>U0131: no OBC_Status frame for 5 cycle times while the charger is monitored.</summary>
        public const uint ObcCommunicationLost = 0xC13100;

        /// <summary>Registers every VCU DTC in <paramref name="memory"/>.</summary>
        public static void RegisterAll(Controllers.Firmware.Common.Diagnostics.DtcMemory memory)
        {
            memory.Register(AcceleratorTrack1Low);
            memory.Register(AcceleratorTrack1High);
            memory.Register(AcceleratorTrack2Low);
            memory.Register(AcceleratorTrack2High);
            memory.Register(AcceleratorCorrelation);
            memory.Register(BrakeSensorRange);
            memory.Register(BrakeSwitchCorrelation);
            memory.Register(SupplyUndervoltage);
            memory.Register(SupplyOvervoltage);
            memory.Register(TorqueMonitorMismatch);

            // CAN receive path.
            memory.Register(McuCommunicationLost);
            memory.Register(BmsCommunicationLost);
            memory.Register(GcuCommunicationLost);
            memory.Register(ObcCommunicationLost);
        }
    }
}
