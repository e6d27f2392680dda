using System;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Vcu.Energy
{
    /// <summary>
    /// Periodic task of range-extender energy management: runs <see cref="RangeExtenderManager.Update"/> on
    /// the shared <see cref="VehicleSignals"/> and writes the generator fields of <see cref="VcuOutputs"/>,
    /// which the transmit path sends as VCU_GeneratorCommand every 50 ms. Allocates nothing per run.
    /// </summary>
    public sealed class EnergyManagementTask : IPeriodicTask
    {
        /// <summary>Default period, µs: twice the VCU_GeneratorCommand cycle, well below the engine's power time constant.</summary>
        public const long DefaultPeriodMicroseconds = 100000;

        private readonly RangeExtenderManager manager;
        private readonly VehicleSignals signals;
        private readonly VcuOutputs outputs;

        /// <summary>Builds the task over the manager and the shared signal and output records.</summary>
        public EnergyManagementTask(RangeExtenderManager manager, VehicleSignals signals, VcuOutputs outputs)
        {
            if (manager == null)
            {
                throw new ArgumentNullException("manager");
            }

            if (signals == null)
            {
                throw new ArgumentNullException("signals");
            }

            if (outputs == null)
            {
                throw new ArgumentNullException("outputs");
            }

            this.manager = manager;
            this.signals = signals;
            this.outputs = outputs;
        }

        /// <summary>The range-extender manager the task runs.</summary>
        public RangeExtenderManager Manager
        {
            get { return manager; }
        }

        /// <summary>
        /// Torque arbitration whose request before limits caps the generator (see
        /// <see cref="RangeExtenderManager.SetDriveRequest"/>). Null leaves the cap on the measured demand.
        /// </summary>
        public Torque.TorqueArbiter? Arbiter { get; set; }

        /// <inheritdoc />
        public void Run(long nowMicroseconds)
        {
            if (Arbiter != null)
            {
                manager.SetDriveRequest(Arbiter.RequestedElectricalWatts);
            }

            manager.Update(nowMicroseconds, signals, outputs);
        }
    }
}
