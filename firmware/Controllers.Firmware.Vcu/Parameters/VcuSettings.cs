using System;
using Controllers.Firmware.Vcu.Energy;
using Controllers.Firmware.Vcu.Faults;
using Controllers.Firmware.Vcu.Inputs;
using Controllers.Firmware.Vcu.Intention;
using Controllers.Firmware.Vcu.Monitoring;
using Controllers.Firmware.Vcu.Thermal;
using Controllers.Firmware.Vcu.Torque;

namespace Controllers.Firmware.Vcu.Parameters
{
    /// <summary>Every settings object <see cref="VcuCore"/> builds its tasks from, at their defaults until changed.</summary>
    public sealed class VcuSettings
    {
        /// <summary>Creates the default settings.</summary>
        public VcuSettings()
            : this(new AcceleratorPedalSettings(), new BrakePedalSettings(), new DriverIntentionSettings(), PedalMap.CreateDefault(),
                new TorqueArbiterSettings(), new TorqueMonitorSettings())
        {
        }

        /// <summary>Creates settings with the given input and torque calibration and defaults for the rest.</summary>
        public VcuSettings(AcceleratorPedalSettings accelerator, BrakePedalSettings brake, DriverIntentionSettings intention, PedalMap map,
            TorqueArbiterSettings arbiter, TorqueMonitorSettings monitor)
        {
            if (accelerator == null || brake == null || intention == null || map == null || arbiter == null || monitor == null)
            {
                throw new ArgumentNullException(accelerator == null ? "accelerator" : (brake == null ? "brake" : (intention == null ? "intention"
                    : (map == null ? "map" : (arbiter == null ? "arbiter" : "monitor")))));
            }

            Accelerator = accelerator;
            Brake = brake;
            Intention = intention;
            Map = map;
            Arbiter = arbiter;
            Monitor = monitor;
            FaultReactions = new FaultReactionSettings();
            RangeExtender = new RangeExtenderSettings();
            Thermal = new ThermalSettings();
        }

        /// <summary>Accelerator pedal calibration.</summary>
        public AcceleratorPedalSettings Accelerator { get; private set; }

        /// <summary>Brake pedal calibration.</summary>
        public BrakePedalSettings Brake { get; private set; }

        /// <summary>Driver intention calibration.</summary>
        public DriverIntentionSettings Intention { get; private set; }

        /// <summary>Pedal map.</summary>
        public PedalMap Map { get; private set; }

        /// <summary>Torque arbitration: peak torque, regeneration limits, derating.</summary>
        public TorqueArbiterSettings Arbiter { get; private set; }

        /// <summary>Second-level torque monitor.</summary>
        public TorqueMonitorSettings Monitor { get; private set; }

        /// <summary>Fault reactions: derate and limp-home caps, DTC ageing.</summary>
        public FaultReactionSettings FaultReactions { get; private set; }

        /// <summary>Range-extender energy management.</summary>
        public RangeExtenderSettings RangeExtender { get; private set; }

        /// <summary>Thermal management, used by <see cref="VcuCore.AddThermalManagement"/>.</summary>
        public ThermalSettings Thermal { get; private set; }
    }
}
