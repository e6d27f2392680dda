using System;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Vcu.Inputs;

namespace Controllers.Firmware.Vcu.Faults
{
    /// <summary>Periodic task that updates the fault reactions with the debounced key state.</summary>
    public sealed class FaultReactionTask : IPeriodicTask
    {
        private readonly VcuInputTask inputs;
        private readonly FaultReactionManager manager;

        /// <summary>Creates the task; register it after the tasks that report test results.</summary>
        public FaultReactionTask(VcuInputTask inputs, FaultReactionManager manager)
        {
            if (inputs == null)
            {
                throw new ArgumentNullException("inputs");
            }

            if (manager == null)
            {
                throw new ArgumentNullException("manager");
            }

            this.inputs = inputs;
            this.manager = manager;
        }

        /// <inheritdoc/>
        public void Run(long nowMicroseconds)
        {
            manager.Update(inputs.KeyOn);
        }
    }
}
