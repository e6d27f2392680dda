using System;
using Controllers.Firmware.Common.Diagnostics;

namespace Controllers.Firmware.Vcu.Faults
{
    /// <summary>
    /// Turns the DTC memory into one vehicle reaction: each failed DTC latches its reaction from the
    /// <see cref="FaultReactionTable"/>, and the strongest latched reaction is active. A reaction below
    /// limp-home releases as soon as its DTC's test passes. Limp-home, zero torque and HV shutdown release
    /// only at a key-on whose DTC test no longer fails. The key-on edge also starts the DTC memory's operation
    /// cycle. The torque path reads <see cref="TorqueCapFraction"/> and <see cref="SpeedCapActive"/>, and HV
    /// power management reads <see cref="RequestHvShutdown"/>.
    /// </summary>
    public sealed class FaultReactionManager
    {
        private readonly FaultReactionSettings settings;
        private readonly FaultReactionTable table;
        private readonly DtcMemory dtcs;
        private readonly FaultReaction[] reactions;
        private readonly bool[] latched;
        private bool keyWasOn;
        private FaultReaction active;
        private uint activeDtc;

        /// <summary>
        /// Creates the manager over <paramref name="dtcs"/>, whose DTCs must all be registered already. It sets
        /// each DTC's severity and functional unit from <paramref name="table"/> and the memory's ageing threshold.
        /// </summary>
        public FaultReactionManager(FaultReactionSettings settings, FaultReactionTable table, DtcMemory dtcs)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            if (table == null)
            {
                throw new ArgumentNullException("table");
            }

            if (dtcs == null)
            {
                throw new ArgumentNullException("dtcs");
            }

            settings.Validate();
            this.settings = settings;
            this.table = table;
            this.dtcs = dtcs;
            reactions = new FaultReaction[dtcs.Count];
            latched = new bool[dtcs.Count];
            for (int i = 0; i < dtcs.Count; i++)
            {
                uint number = dtcs.NumberAt(i);
                reactions[i] = table.ReactionOf(number);
                dtcs.ConfigureSeverity(number, FaultReactionTable.SeverityOf(reactions[i]), table.FunctionalUnitOf(number));
            }

            dtcs.AgeingThresholdCycles = settings.AgeingThresholdCycles;
        }

        /// <summary>Strongest latched reaction.</summary>
        public FaultReaction ActiveReaction
        {
            get { return active; }
        }

        /// <summary>DTC whose reaction is active (the first in registration order among equals); 0 when none.</summary>
        public uint ActiveDtc
        {
            get { return activeDtc; }
        }

        /// <summary>True while any reaction is latched: the driver's warning lamp is on.</summary>
        public bool WarningLampOn
        {
            get { return active != FaultReaction.None; }
        }

        /// <summary>Cap on the torque command as a fraction of the available torque: 1, the derate or limp-home fraction, or 0.</summary>
        public float TorqueCapFraction
        {
            get
            {
                switch (active)
                {
                    case FaultReaction.PowerDerate:
                        return settings.DerateTorqueFraction;
                    case FaultReaction.LimpHome:
                        return settings.LimpHomeTorqueFraction;
                    case FaultReaction.ZeroTorque:
                    case FaultReaction.HvShutdown:
                        return 0f;
                    default:
                        return 1f;
                }
            }
        }

        /// <summary>True while the limp-home reaction is active.</summary>
        public bool LimpHome
        {
            get { return active == FaultReaction.LimpHome; }
        }

        /// <summary>True while the vehicle speed is capped at <see cref="SpeedCapKilometresPerHour"/>.</summary>
        public bool SpeedCapActive
        {
            get { return active == FaultReaction.LimpHome; }
        }

        /// <summary>Vehicle speed cap while <see cref="SpeedCapActive"/>, km/h.</summary>
        public float SpeedCapKilometresPerHour
        {
            get { return settings.LimpHomeSpeedKilometresPerHour; }
        }

        /// <summary>True while the torque command must be zero.</summary>
        public bool ZeroTorque
        {
            get { return active >= FaultReaction.ZeroTorque; }
        }

        /// <summary>True while HV power management must open the contactors.</summary>
        public bool RequestHvShutdown
        {
            get { return active == FaultReaction.HvShutdown; }
        }

        /// <summary>Returns the reaction table.</summary>
        public FaultReactionTable Table
        {
            get { return table; }
        }

        /// <summary>
        /// Reads the DTC statuses and updates the latched reactions. <paramref name="keyOn"/> is the debounced
        /// key; its off-to-on edge starts an operation cycle. Does not allocate.
        /// </summary>
        public void Update(bool keyOn)
        {
            if (dtcs.Count != latched.Length)
            {
                throw new InvalidOperationException("DTCs were registered after the fault reaction manager was built; register every DTC first.");
            }

            bool keyCycle = keyOn && !keyWasOn;
            keyWasOn = keyOn;
            if (keyCycle)
            {
                dtcs.StartOperationCycle();
            }

            FaultReaction strongest = FaultReaction.None;
            uint strongestDtc = 0;
            for (int i = 0; i < latched.Length; i++)
            {
                bool failed = (dtcs.StatusAt(i) & DtcMemory.TestFailed) != 0;
                FaultReaction reaction = reactions[i];
                if (failed)
                {
                    latched[i] = reaction != FaultReaction.None;
                }
                else if (latched[i] && (keyCycle || !FaultReactionTable.NeedsKeyCycle(reaction)))
                {
                    latched[i] = false;
                }

                uint number = dtcs.NumberAt(i);
                dtcs.SetWarningIndicator(number, latched[i]);
                if (latched[i] && reaction > strongest)
                {
                    strongest = reaction;
                    strongestDtc = number;
                }
            }

            active = strongest;
            activeDtc = strongestDtc;
        }
    }
}
