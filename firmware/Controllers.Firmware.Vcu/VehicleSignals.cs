namespace Controllers.Firmware.Vcu
{
    /// <summary>
    /// Latest values received from the other nodes on the vehicle bus (boards/can/vcu.dbc). The CAN receive
    /// path writes them and clears a source's Valid flag when its messages time out; the tasks only read
    /// them. Units are SI unless the name says otherwise: N·m, rad/s, V, A, W, °C; SOC and SOH from 0 to 1.
    /// Enumerated fields hold the raw DBC values (see the VAL_ tables).
    /// </summary>
    public sealed class VehicleSignals
    {
        // Motor controller, MCU_Feedback (10 ms).

        /// <summary>Motor shaft speed, rad/s, positive forward.</summary>
        public float MotorSpeedRadiansPerSecond;

        /// <summary>Torque that the motor controller reports delivering, N·m.</summary>
        public float TorqueFeedbackNewtonMetres;

        /// <summary>True while motor controller feedback is fresh.</summary>
        public bool FeedbackValid;

        /// <summary>DC-link voltage at the inverter, V.</summary>
        public float DcLinkVolts;

        /// <summary>DC-link current into the inverter, A, positive when motoring.</summary>
        public float DcLinkAmperes;

        // Motor controller, MCU_Status (100 ms).

        /// <summary>True while MCU_Status is fresh.</summary>
        public bool MotorStatusValid;

        /// <summary>MotorState: 0 Init, 1 Ready, 2 Running, 3 Derating, 4 Fault.</summary>
        public int MotorState;

        /// <summary>The motor controller derates on its own.</summary>
        public bool MotorDerating;

        /// <summary>Motor winding temperature, °C.</summary>
        public float MotorCelsius = 25f;

        /// <summary>Inverter temperature, °C.</summary>
        public float InverterCelsius = 25f;

        /// <summary>Motoring torque the motor controller can deliver now, N·m.</summary>
        public float AvailableMotoringNewtonMetres = 500f;

        /// <summary>Regenerative torque the motor controller can absorb now, N·m.</summary>
        public float AvailableRegenNewtonMetres = 500f;

        /// <summary>Motor controller fault code, 0 when none.</summary>
        public int McuFaultCode;

        // BMS master: BMS_PackStatus (20 ms), BMS_PowerLimits (100 ms).

        /// <summary>True while BMS_PackStatus is fresh.</summary>
        public bool BmsValid;

        /// <summary>Pack voltage, V.</summary>
        public float PackVolts;

        /// <summary>Pack current, A, positive when discharging.</summary>
        public float PackAmperes;

        /// <summary>Pack SOC, 0 to 1.</summary>
        public float PackSoc = 0.5f;

        /// <summary>Pack SOH, 0 to 1.</summary>
        public float PackSoh = 1f;

        /// <summary>BmsState: 0 Init, 1 Standby, 2 Precharge, 3 Connected, 4 Charging, 5 Fault, 6 Service.</summary>
        public int BmsState;

        /// <summary>True while BMS_PowerLimits is fresh.</summary>
        public bool PowerLimitsValid;

        /// <summary>BMS discharge power limit, W.</summary>
        public float MaxDischargePowerWatts = 20000f;

        /// <summary>BMS charge power limit, W.</summary>
        public float MaxChargePowerWatts = 10000f;

        /// <summary>BMS discharge current limit, A.</summary>
        public float MaxDischargeAmperes;

        /// <summary>BMS charge current limit, A.</summary>
        public float MaxChargeAmperes;

        // BMS master: BMS_ContactorStatus (100 ms), BMS_Insulation (1 s), BMS_FaultSummary (100 ms),
        // BMS_CellVoltageExtremes (100 ms), BMS_CellTemperatureExtremes (500 ms).

        /// <summary>True while BMS_ContactorStatus is fresh.</summary>
        public bool ContactorStatusValid;

        /// <summary>Main positive contactor feedback: 0 Open, 1 Closed, 2 Welded, 3 Error.</summary>
        public int MainPositiveContactor;

        /// <summary>Main negative contactor feedback: 0 Open, 1 Closed, 2 Welded, 3 Error.</summary>
        public int MainNegativeContactor;

        /// <summary>Precharge contactor feedback: 0 Open, 1 Closed, 2 Welded, 3 Error.</summary>
        public int PrechargeContactor;

        /// <summary>True while BMS_Insulation is fresh.</summary>
        public bool InsulationValid;

        /// <summary>Insulation resistance, kΩ (10 000 means 10 MΩ or more).</summary>
        public float InsulationKiloohms = 10000f;

        /// <summary>InsulationState: 0 NotMeasured, 1 Valid, 2 Measuring, 3 MonitorFault.</summary>
        public int InsulationState;

        /// <summary>True while BMS_FaultSummary is fresh.</summary>
        public bool BmsFaultValid;

        /// <summary>FaultLevel: 0 NoFault, 1 Warning, 2 PowerLimited, 3 ContactorsOpening.</summary>
        public int BmsFaultLevel;

        /// <summary>BMS_FaultSummary flags, bit 0 CellOvervoltageFlag to bit 10 PrechargeFailedFlag in DBC order.</summary>
        public int BmsFaultFlags;

        /// <summary>Lowest cell voltage, V.</summary>
        public float MinCellVolts;

        /// <summary>Highest cell voltage, V.</summary>
        public float MaxCellVolts;

        /// <summary>Lowest cell temperature, °C.</summary>
        public float MinCellCelsius = 25f;

        /// <summary>Highest cell temperature, °C.</summary>
        public float MaxCellCelsius = 25f;

        // Range-extender generator: GCU_Status (50 ms), GCU_EngineStatus (500 ms).

        /// <summary>True while GCU_Status is fresh.</summary>
        public bool GeneratorValid;

        /// <summary>GeneratorState: 0 Off, 1 Cranking, 2 Idle, 3 Generating, 4 ShuttingDown, 5 Fault.</summary>
        public int GeneratorState;

        /// <summary>Electrical power the generator delivers to the DC link, W.</summary>
        public float GeneratorPowerWatts;

        /// <summary>Generator shaft speed, rpm.</summary>
        public float GeneratorSpeedRpm;

        /// <summary>Generator DC current, A.</summary>
        public float GeneratorDcAmperes;

        /// <summary>True while GCU_EngineStatus is fresh.</summary>
        public bool EngineStatusValid;

        /// <summary>Fuel level, 0 to 100 %.</summary>
        public float FuelLevelPercent = 100f;

        /// <summary>Engine coolant temperature, °C.</summary>
        public float EngineCoolantCelsius = 25f;

        /// <summary>Fuel consumption rate, L/h.</summary>
        public float FuelLitresPerHour;

        /// <summary>Engine oil pressure below its limit.</summary>
        public bool OilPressureLow;

        /// <summary>Engine fault code, 0 when none.</summary>
        public int EngineFaultCode;

        // On-board charger: OBC_Status (100 ms).

        /// <summary>True while OBC_Status is fresh.</summary>
        public bool ChargerValid;

        /// <summary>ChargerState: 0 Idle, 1 Charging, 2 Derating, 3 Complete, 4 Fault.</summary>
        public int ChargerState;

        /// <summary>Charger output voltage, V.</summary>
        public float ChargerOutputVolts;

        /// <summary>Charger output current, A.</summary>
        public float ChargerOutputAmperes;

        /// <summary>Mains is present at the charger's input.</summary>
        public bool AcInputPresent;

        /// <summary>Charger temperature, °C.</summary>
        public float ChargerCelsius = 25f;

        /// <summary>Charger fault code, 0 when none.</summary>
        public int ChargerFaultCode;
    }
}
