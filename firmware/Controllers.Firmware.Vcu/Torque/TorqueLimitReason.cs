using System;

namespace Controllers.Firmware.Vcu.Torque
{
    /// <summary>Reasons that reduced the torque target in a cycle; several can be active together.</summary>
    [Flags]
    public enum TorqueLimitReason
    {
        /// <summary>The driver's request passed unchanged.</summary>
        None = 0,

        /// <summary>BMS discharge power limit, converted to torque at the motor speed.</summary>
        BatteryDischarge = 1,

        /// <summary>BMS charge power limit, converted to torque at the motor speed.</summary>
        BatteryCharge = 2,

        /// <summary>Motor torque–speed envelope (peak torque, then peak power over speed).</summary>
        MotorEnvelope = 4,

        /// <summary>Motor winding temperature derate.</summary>
        MotorTemperature = 8,

        /// <summary>Inverter temperature derate.</summary>
        InverterTemperature = 16,

        /// <summary>Rate limiter held the command below the target this cycle.</summary>
        RateLimit = 32,

        /// <summary>12 V supply out of range: torque held at zero.</summary>
        SupplyVoltage = 64,

        /// <summary>A fault reaction or thermal management caps motoring torque (derate, limp-home, over-temperature).</summary>
        VehicleDerate = 128,

        /// <summary>The vehicle may not drive: HV not ready, charge plug in, or a zero-torque fault reaction.</summary>
        NotReady = 256
    }
}
