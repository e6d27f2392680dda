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

        // High-voltage power management (HighVoltage/HvPowerManager).

        /// <summary>The DC link did not reach the precharge target within the precharge timeout.</summary>
        public const uint HvPrechargeTimeout = 0x0C7800;

        /// <summary>The DC link reached the precharge target sooner than the link capacitance allows.</summary>
        public const uint HvPrechargeTooFast = 0x0C7700;

        /// <summary>The BMS reported a failed precharge (PrechargeFailedFlag).</summary>
        public const uint HvBmsPrechargeFailed = 0x0C7900;

        /// <summary>Main contactor feedback disagrees with the connect or disconnect request.</summary>
        public const uint HvContactorMismatch = 0x0AA100;

        /// <summary>A main contactor stayed closed after a disconnect.</summary>
        public const uint HvContactorWelded = 0x0AA200;

        /// <summary>The high-voltage interlock loop is open.</summary>
        public const uint HvInterlockOpen = 0x0A0A00;

        /// <summary>Insulation resistance below the warning threshold (500 Ω/V).</summary>
        public const uint HvInsulationWarning = 0x0AA700;

        /// <summary>Insulation resistance below the fault threshold (100 Ω/V).</summary>
        public const uint HvInsulationFault = 0x0AA600;

        /// <summary>The BMS reported fault level ContactorsOpening.</summary>
        public const uint HvBmsContactorsOpening = 0x0AA300;

        /// <summary>The DC link stayed above 60 V past the active discharge time limit.</summary>
        public const uint HvDischargeTimeout = 0x0C7A00;

        /// <summary>Crash sensor or emergency shut-off switch fired (a B code).</summary>
        public const uint HvCrashShutoff = 0x9A0100;
        // Charging management (P0Dxx is the charging system range of SAE J2012).

        /// <summary>The on-board charger reports a fault state or a fault code while charging.</summary>
        public const uint ChargerFault = 0x0D5100;

        /// <summary>OBC_Status stopped arriving while the charge plug was connected.</summary>
        public const uint ChargerTimeout = 0x0D5200;

        /// <summary>The on-board charger's temperature rose above the charging limit.</summary>
        public const uint ChargerOverTemperature = 0x0D5300;

        /// <summary>The highest cell temperature rose above the charging limit.</summary>
        public const uint ChargeCellOverTemperature = 0x0D5400;

        /// <summary>BMS messages stopped arriving while charging.</summary>
        public const uint ChargeBmsTimeout = 0x0D5500;

        /// <summary>The HV bus did not connect in charge mode within the allowed time.</summary>
        public const uint ChargeHvConnectTimeout = 0x0D5600;
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

        // Calibration record (Calibration/VcuCalibration, reported by CalibrationStatusTask).
        // NOTE: P062F is the SAE J2012 code for a control module's EEPROM error as remembered, not checked
        // against a copy of J2012-DA.

        /// <summary>P062F: the calibration record is missing, damaged or rejected, so the pedals use their factory end points.</summary>
        public const uint CalibrationInvalid = 0x062F00;

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

            memory.Register(HvPrechargeTimeout);
            memory.Register(HvPrechargeTooFast);
            memory.Register(HvBmsPrechargeFailed);
            memory.Register(HvContactorMismatch);
            memory.Register(HvContactorWelded);
            memory.Register(HvInterlockOpen);
            memory.Register(HvInsulationWarning);
            memory.Register(HvInsulationFault);
            memory.Register(HvBmsContactorsOpening);
            memory.Register(HvDischargeTimeout);
            memory.Register(HvCrashShutoff);
            // Charging management.
            memory.Register(ChargerFault);
            memory.Register(ChargerTimeout);
            memory.Register(ChargerOverTemperature);
            memory.Register(ChargeCellOverTemperature);
            memory.Register(ChargeBmsTimeout);
            memory.Register(ChargeHvConnectTimeout);
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
            // CAN receive path.
            memory.Register(McuCommunicationLost);
            memory.Register(BmsCommunicationLost);
            memory.Register(GcuCommunicationLost);
            memory.Register(ObcCommunicationLost);

            // Calibration record.
            memory.Register(CalibrationInvalid);
        }
    }
}
