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

        // Thermal management (Thermal/ThermalManager).

        /// <summary>Motor winding temperature above the derating start; torque is capped.</summary>
        public const uint MotorOverTemperature = 0x1A1000;

        /// <summary>Inverter temperature above the derating start; torque is capped.</summary>
        public const uint InverterOverTemperature = 0x1A1100;

        /// <summary>Highest cell temperature above the derating start; torque is capped.</summary>
        public const uint BatteryOverTemperature = 0x1A1200;

        /// <summary>A temperature needed by a cooling loop is stale or implausible; the loop runs at full cooling.</summary>
        public const uint ThermalSensorFallback = 0x1A1300;

        // Network management and bus-off recovery (Network/NetworkManager, Network/BusOffRecovery).

        /// <summary>The CAN controller stayed bus-off through every fast recovery attempt.</summary>
        public const uint CanBusOff = 0xDA0000;

        /// <summary>The BMS sent no NM message for the NM timeout while the VCU needed it.</summary>
        public const uint NmLostBms = 0xDA0200;

        /// <summary>The motor controller sent no NM message for the NM timeout while the VCU needed it.</summary>
        public const uint NmLostMcu = 0xDA0300;

        /// <summary>The generator controller sent no NM message for the NM timeout while the VCU needed it.</summary>
        public const uint NmLostGcu = 0xDA0400;

        /// <summary>The on-board charger sent no NM message for the NM timeout while the VCU needed it.</summary>
        public const uint NmLostObc = 0xDA0500;

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

            // Thermal management.
            memory.Register(MotorOverTemperature);
            memory.Register(InverterOverTemperature);
            memory.Register(BatteryOverTemperature);
            memory.Register(ThermalSensorFallback);

            // Network management and bus-off recovery.
            memory.Register(CanBusOff);
            memory.Register(NmLostBms);
            memory.Register(NmLostMcu);
            memory.Register(NmLostGcu);
            memory.Register(NmLostObc);
        }
    }
}
