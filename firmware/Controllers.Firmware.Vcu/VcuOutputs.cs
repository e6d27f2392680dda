namespace Controllers.Firmware.Vcu
{
    /// <summary>
    /// Requests the VCU's tasks make of the other nodes. Each task writes its own fields; the CAN transmit
    /// path reads them and sends VCU_TorqueCommand, VCU_HvRequest, VCU_GeneratorCommand and
    /// VCU_ChargerRequest (boards/can/vcu.dbc). Units are SI; enumerated fields hold the raw DBC values.
    /// </summary>
    public sealed class VcuOutputs
    {
        // VCU_TorqueCommand (10 ms): written by the torque output stage.

        /// <summary>Torque request for the motor controller, N·m; positive drives, negative regenerates.</summary>
        public float TorqueRequestNewtonMetres;

        /// <summary>MotorMode: 0 Standby, 1 TorqueControl, 2 SpeedControl, 3 ActiveDischarge.</summary>
        public int MotorMode;

        /// <summary>Direction: 0 Neutral, 1 Forward, 2 Reverse.</summary>
        public int Direction;

        /// <summary>Motoring torque limit the motor controller enforces on its side, N·m.</summary>
        public float MotoringTorqueLimitNewtonMetres;

        /// <summary>Regenerative torque limit the motor controller enforces on its side, N·m.</summary>
        public float RegenTorqueLimitNewtonMetres;

        // VCU_HvRequest (20 ms): written by high-voltage power management.

        /// <summary>HvConnectRequest: 0 Disconnect, 1 Connect, 2 EmergencyOpen.</summary>
        public int HvConnectRequest;

        /// <summary>The HV bus is wanted for charging rather than driving.</summary>
        public bool ChargeModeRequest;

        /// <summary>A crash or emergency shut-off was detected.</summary>
        public bool CrashDetected;

        /// <summary>The high-voltage interlock loop is closed.</summary>
        public bool HvilClosed;

        // VCU_GeneratorCommand (50 ms): written by range-extender energy management.

        /// <summary>GeneratorMode: 0 Off, 1 Crank, 2 Idle, 3 Generate, 4 Shutdown.</summary>
        public int GeneratorMode;

        /// <summary>Electrical power requested from the generator, W.</summary>
        public float GeneratorPowerRequestWatts;

        /// <summary>Generator speed request, rpm (0 lets the GCU choose).</summary>
        public float GeneratorSpeedRequestRpm;

        /// <summary>Largest DC current the generator may deliver, A.</summary>
        public float GeneratorMaxDcAmperes;

        // VCU_ChargerRequest (100 ms): written by charging management.

        /// <summary>The charger may deliver current.</summary>
        public bool ChargerEnable;

        /// <summary>Charger output voltage request, V.</summary>
        public float ChargeVoltageRequestVolts;

        /// <summary>Charger output current request, A.</summary>
        public float ChargeCurrentRequestAmperes;
    }
}
