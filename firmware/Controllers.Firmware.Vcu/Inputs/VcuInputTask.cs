using System;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Vcu.Intention;

namespace Controllers.Firmware.Vcu.Inputs
{
    /// <summary>
    /// Input task: samples the board's inputs and runs the pedal, brake, supply and switch checks. A key
    /// off-to-on edge starts a new operation cycle, which clears latched pedal faults.
    /// </summary>
    public sealed class VcuInputTask : IPeriodicTask
    {
        /// <summary>Debounce time of the key, direction and mode switches, µs.</summary>
        public const long SwitchDebounceMicroseconds = 30000;

        private readonly IVcuInputHardware hardware;
        private readonly AcceleratorPedal accelerator;
        private readonly BrakePedal brake;
        private readonly SupplyMonitor supply;
        private readonly SwitchDebouncer key;
        private readonly SwitchDebouncer direction;
        private readonly SwitchDebouncer mode;
        private bool keyWasOn;

        /// <summary>Creates the task over the board's inputs.</summary>
        public VcuInputTask(IVcuInputHardware hardware, AcceleratorPedalSettings acceleratorSettings, BrakePedalSettings brakeSettings, DtcMemory dtcs)
        {
            if (hardware == null)
            {
                throw new ArgumentNullException("hardware");
            }

            this.hardware = hardware;
            accelerator = new AcceleratorPedal(acceleratorSettings, dtcs);
            brake = new BrakePedal(brakeSettings, dtcs);

            // Rated supply 9–16 V; 0.5 V hysteresis and 100 ms debounce are this project's choice.
            supply = new SupplyMonitor(9f, 16f, 0.5f, 100000, dtcs);
            key = new SwitchDebouncer(SwitchDebounceMicroseconds, 0);
            direction = new SwitchDebouncer(SwitchDebounceMicroseconds, (int)DriveDirection.Neutral);
            mode = new SwitchDebouncer(SwitchDebounceMicroseconds, (int)DriveMode.Normal);
        }

        /// <summary>Accelerator pedal after plausibility.</summary>
        public AcceleratorPedal Accelerator
        {
            get { return accelerator; }
        }

        /// <summary>Brake pedal after plausibility.</summary>
        public BrakePedal Brake
        {
            get { return brake; }
        }

        /// <summary>12 V supply monitor.</summary>
        public SupplyMonitor Supply
        {
            get { return supply; }
        }

        /// <summary>Debounced key state.</summary>
        public bool KeyOn
        {
            get { return key.Position != 0; }
        }

        /// <summary>Debounced direction selector; an unknown raw value reads as neutral.</summary>
        public DriveDirection Direction
        {
            get
            {
                int position = direction.Position;
                return position == 1 ? DriveDirection.Forward : (position == 2 ? DriveDirection.Reverse : DriveDirection.Neutral);
            }
        }

        /// <summary>Debounced drive mode; an unknown raw value reads as normal.</summary>
        public DriveMode Mode
        {
            get
            {
                int position = mode.Position;
                return position >= 0 && position <= 3 ? (DriveMode)position : DriveMode.Normal;
            }
        }

        /// <inheritdoc/>
        public void Run(long nowMicroseconds)
        {
            key.Update(hardware.KeyOn ? 1 : 0, nowMicroseconds);
            bool keyOn = KeyOn;
            if (keyOn && !keyWasOn)
            {
                accelerator.StartOperationCycle();
                brake.StartOperationCycle();
            }

            keyWasOn = keyOn;
            direction.Update(hardware.DirectionSelector, nowMicroseconds);
            mode.Update(hardware.DriveModeSelector, nowMicroseconds);
            accelerator.Update(hardware.AcceleratorTrack1Volts, hardware.AcceleratorTrack2Volts, nowMicroseconds);
            brake.Update(hardware.BrakeSensorVolts, hardware.BrakeSwitchClosed, nowMicroseconds);
            supply.Update(hardware.SupplyVolts, nowMicroseconds);
        }
    }
}
