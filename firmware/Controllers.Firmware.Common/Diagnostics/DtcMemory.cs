using System;

namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>
    /// Diagnostic trouble codes (3-byte DTC numbers) with their ISO 14229-1 status byte and an occurrence
    /// counter, for ClearDiagnosticInformation (0x14) and ReadDTCInformation (0x19). The application
    /// registers every DTC at start-up, reports each test result and starts each operation cycle.
    /// A DTC is confirmed on its first failure, so the confirmation threshold is one failed cycle.
    /// Per DTC it also keeps a fault detection counter for debouncing (DtcMemory.Debounce.cs), freeze frames
    /// (DtcMemory.Snapshots.cs), an ageing counter, and the DTC severity and functional unit.
    /// Every array is allocated in the constructor or when the snapshot layout is set.
    /// </summary>
    public sealed partial class DtcMemory
    {
        /// <summary>Status bit 0: the latest test result was failed.</summary>
        public const byte TestFailed = 0x01;

        /// <summary>Status bit 1: the test failed at least once in this operation cycle.</summary>
        public const byte TestFailedThisOperationCycle = 0x02;

        /// <summary>Status bit 2: the test failed in this or the previous completed operation cycle.</summary>
        public const byte PendingDtc = 0x04;

        /// <summary>Status bit 3: the failure was confirmed and is stored.</summary>
        public const byte ConfirmedDtc = 0x08;

        /// <summary>Status bit 4: the test has not completed since the last clear.</summary>
        public const byte TestNotCompletedSinceLastClear = 0x10;

        /// <summary>Status bit 5: the test failed at least once since the last clear.</summary>
        public const byte TestFailedSinceLastClear = 0x20;

        /// <summary>Status bit 6: the test has not completed in this operation cycle.</summary>
        public const byte TestNotCompletedThisOperationCycle = 0x40;

        /// <summary>Status bit 7: the application requests the warning indicator for this DTC.</summary>
        public const byte WarningIndicatorRequested = 0x80;

        /// <summary>Status bits this memory maintains (DTCStatusAvailabilityMask): all eight.</summary>
        public const byte StatusAvailabilityMask = 0xFF;

        /// <summary>Status after registration and after a clear.</summary>
        public const byte ClearedStatus = TestNotCompletedSinceLastClear | TestNotCompletedThisOperationCycle;

        /// <summary>Group of all DTCs in ClearDiagnosticInformation.</summary>
        public const uint AllGroups = 0xFFFFFF;

        /// <summary>Extended data record number of the occurrence counter.</summary>
        public const int OccurrenceCounterRecord = 0x01;

        /// <summary>Extended data record number of the ageing counter; it exists while ageing is enabled.</summary>
        public const int AgeingCounterRecord = 0x02;

        /// <summary>DTCSeverity bit 5 (ISO 14229-1 DTCSeverityMask): maintenanceOnly.</summary>
        public const byte SeverityMaintenanceOnly = 0x20;

        /// <summary>DTCSeverity bit 6: checkAtNextHalt.</summary>
        public const byte SeverityCheckAtNextHalt = 0x40;

        /// <summary>DTCSeverity bit 7: checkImmediately.</summary>
        public const byte SeverityCheckImmediately = 0x80;

        // DTCSeverity bits 5 to 7 carry the severity class; bits 0 to 4 (the DTC class) are not used here.
        private const int SeverityBits = 0xE0;

        private readonly uint[] numbers;
        private readonly byte[] statuses;
        private readonly byte[] occurrenceCounters;
        private readonly byte[] ageingCounters;
        private readonly byte[] severities;
        private readonly byte[] functionalUnits;
        private int count;
        private bool updateEnabled = true;
        private int ageingThresholdCycles;

        /// <summary>Creates an empty memory with room for <paramref name="capacity"/> DTCs.</summary>
        public DtcMemory(int capacity)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException("capacity", "The DTC capacity must be at least 1.");
            }

            numbers = new uint[capacity];
            statuses = new byte[capacity];
            occurrenceCounters = new byte[capacity];
            ageingCounters = new byte[capacity];
            severities = new byte[capacity];
            functionalUnits = new byte[capacity];
            faultDetectionCounters = new sbyte[capacity];
            incrementSteps = new byte[capacity];
            decrementSteps = new byte[capacity];
            jumpsToZero = new bool[capacity];
            snapshotStoredFlags = new byte[capacity];
        }

        /// <summary>Number of registered DTCs.</summary>
        public int Count
        {
            get { return count; }
        }

        /// <summary>
        /// False while ControlDTCSetting (0x85) has switched DTC setting off. Test results reported meanwhile
        /// are ignored, so status bits and occurrence counters do not change.
        /// </summary>
        public bool IsUpdateEnabled
        {
            get { return updateEnabled; }
            set { updateEnabled = value; }
        }

        /// <summary>
        /// Operation cycles in a row that a confirmed DTC must pass before its confirmedDTC bit clears (the
        /// DTC ages out), from 1 to 255; 0, the default, disables ageing. While ageing is enabled the ageing
        /// counter is reported as extended data record 0x02.
        /// </summary>
        public int AgeingThresholdCycles
        {
            get
            {
                return ageingThresholdCycles;
            }

            set
            {
                if (value < 0 || value > 255)
                {
                    throw new ArgumentOutOfRangeException("value", "The ageing threshold must be 0 (no ageing) to 255 operation cycles.");
                }

                ageingThresholdCycles = value;
            }
        }

        /// <summary>Registers DTC <paramref name="number"/> (24 bits) with the cleared status, no severity and functional unit 0.</summary>
        public void Register(uint number)
        {
            Register(number, 0, 0);
        }

        /// <summary>
        /// Registers DTC <paramref name="number"/> (24 bits) with the cleared status, its DTCSeverity
        /// (<paramref name="severity"/>: 0 or a combination of <see cref="SeverityMaintenanceOnly"/>,
        /// <see cref="SeverityCheckAtNextHalt"/> and <see cref="SeverityCheckImmediately"/>) and its
        /// DTCFunctionalUnit (0 to 255, the application's grouping of DTCs by function).
        /// </summary>
        public void Register(uint number, int severity, int functionalUnit)
        {
            CheckSeverity(severity, functionalUnit);
            if (number > 0xFFFFFF)
            {
                throw new ArgumentOutOfRangeException("number", "A DTC number has 24 bits (0x000000 to 0xFFFFFF).");
            }

            if (number == AllGroups)
            {
                throw new ArgumentException("0xFFFFFF is the group of all DTCs and cannot be a DTC number.", "number");
            }

            if (count == numbers.Length)
            {
                throw new InvalidOperationException("The DTC memory is full; create it with a larger capacity.");
            }

            if (IndexOf(number) >= 0)
            {
                throw new ArgumentException("The DTC is already registered.", "number");
            }

            numbers[count] = number;
            severities[count] = (byte)severity;
            functionalUnits[count] = (byte)functionalUnit;
            incrementSteps[count] = ImmediateStep;
            decrementSteps[count] = ImmediateStep;
            ClearAt(count);
            count++;
        }

        /// <summary>
        /// Sets the DTCSeverity and DTCFunctionalUnit of registered DTC <paramref name="number"/>, with the
        /// same ranges as <see cref="Register(uint, int, int)"/>.
        /// </summary>
        public void ConfigureSeverity(uint number, int severity, int functionalUnit)
        {
            int index = IndexOf(number);
            if (index < 0)
            {
                throw new ArgumentException("The DTC is not registered; register it before setting its severity.", "number");
            }

            CheckSeverity(severity, functionalUnit);
            severities[index] = (byte)severity;
            functionalUnits[index] = (byte)functionalUnit;
        }

        /// <summary>Returns the index of DTC <paramref name="number"/>, or -1 when it is not registered.</summary>
        public int IndexOf(uint number)
        {
            for (int i = 0; i < count; i++)
            {
                if (numbers[i] == number)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Returns the DTC number at <paramref name="index"/>.</summary>
        public uint NumberAt(int index)
        {
            CheckIndex(index);
            return numbers[index];
        }

        /// <summary>Returns the status byte at <paramref name="index"/>.</summary>
        public byte StatusAt(int index)
        {
            CheckIndex(index);
            return statuses[index];
        }

        /// <summary>Returns how often the DTC at <paramref name="index"/> went from not failed to failed, up to 255.</summary>
        public int OccurrenceCounterAt(int index)
        {
            CheckIndex(index);
            return occurrenceCounters[index];
        }

        /// <summary>Returns the ageing counter at <paramref name="index"/>: operation cycles passed since the last failure while confirmed.</summary>
        public int AgeingCounterAt(int index)
        {
            CheckIndex(index);
            return ageingCounters[index];
        }

        /// <summary>Returns the DTCSeverity byte at <paramref name="index"/>.</summary>
        public byte SeverityAt(int index)
        {
            CheckIndex(index);
            return severities[index];
        }

        /// <summary>Returns the DTCFunctionalUnit byte at <paramref name="index"/>.</summary>
        public byte FunctionalUnitAt(int index)
        {
            CheckIndex(index);
            return functionalUnits[index];
        }

        /// <summary>
        /// Updates the status of DTC <paramref name="number"/> with a completed (matured) test, bypassing the
        /// debounce: the fault detection counter becomes +127 on failure and -128 on pass. Returns false when
        /// the DTC is not registered or DTC setting is off.
        /// </summary>
        public bool ReportTestResult(uint number, bool failed)
        {
            int index = IndexOf(number);
            if (index < 0 || !updateEnabled)
            {
                return false;
            }

            ApplyTestResult(index, failed);
            return true;
        }

        private void ApplyTestResult(int index, bool failed)
        {
            int previousStatus = statuses[index];
            int status = previousStatus;
            status &= ~(TestNotCompletedSinceLastClear | TestNotCompletedThisOperationCycle);
            if (failed)
            {
                bool newFailure = (status & TestFailed) == 0;
                if (newFailure && occurrenceCounters[index] < 255)
                {
                    occurrenceCounters[index]++;
                }

                status |= TestFailed | TestFailedThisOperationCycle | PendingDtc | ConfirmedDtc | TestFailedSinceLastClear;
                faultDetectionCounters[index] = FaultDetectionFailed;
                ageingCounters[index] = 0;
                statuses[index] = (byte)status;
                if (newFailure)
                {
                    CaptureSnapshots(index);
                    changeCount++;
                }
            }
            else
            {
                status &= ~TestFailed;
                faultDetectionCounters[index] = FaultDetectionPassed;
                statuses[index] = (byte)status;
            }

            NoteStatusChange(previousStatus, status);
        }

        /// <summary>
        /// Sets or clears warningIndicatorRequested of DTC <paramref name="number"/>. Returns false when the
        /// DTC is not registered.
        /// </summary>
        public bool SetWarningIndicator(uint number, bool requested)
        {
            int index = IndexOf(number);
            if (index < 0)
            {
                return false;
            }

            if (requested)
            {
                statuses[index] |= WarningIndicatorRequested;
            }
            else
            {
                statuses[index] &= unchecked((byte)~WarningIndicatorRequested);
            }

            return true;
        }

        /// <summary>
        /// Ends the current operation cycle and starts the next. pendingDTC is cleared for every DTC whose
        /// test completed and never failed in the cycle that ends. With ageing enabled, such a cycle also
        /// counts towards ageing a confirmed DTC, and at the threshold confirmedDTC clears. Every fault
        /// detection counter restarts at 0, so debouncing starts afresh in each cycle.
        /// </summary>
        public void StartOperationCycle()
        {
            for (int i = 0; i < count; i++)
            {
                int previousStatus = statuses[i];
                int status = previousStatus;
                bool passedWholeCycle = (status & (TestNotCompletedThisOperationCycle | TestFailedThisOperationCycle)) == 0;
                if (passedWholeCycle)
                {
                    status &= ~PendingDtc;
                    status = AgeAt(i, status);
                }

                status &= ~TestFailedThisOperationCycle;
                status |= TestNotCompletedThisOperationCycle;
                statuses[i] = (byte)status;
                faultDetectionCounters[i] = 0;
                NoteStatusChange(previousStatus, status);
            }
        }

        // Counts one passed cycle for a confirmed DTC and clears confirmedDTC at the threshold. The ageing
        // counter keeps its value after ageing out, so record 0x02 shows why the DTC is no longer confirmed.
        private int AgeAt(int index, int status)
        {
            if (ageingThresholdCycles == 0 || (status & ConfirmedDtc) == 0)
            {
                return status;
            }

            if (ageingCounters[index] < 255)
            {
                ageingCounters[index]++;
                changeCount++;
            }

            if (ageingCounters[index] >= ageingThresholdCycles)
            {
                status &= ~ConfirmedDtc;
            }

            return status;
        }

        /// <summary>
        /// Clears the status, counters and freeze frames of DTC <paramref name="group"/>, or of all DTCs for
        /// <see cref="AllGroups"/>. Returns false when the group is neither a registered DTC nor all groups.
        /// </summary>
        public bool Clear(uint group)
        {
            if (group == AllGroups)
            {
                for (int i = 0; i < count; i++)
                {
                    ClearAt(i);
                }

                return true;
            }

            int index = IndexOf(group);
            if (index < 0)
            {
                return false;
            }

            ClearAt(index);
            return true;
        }

        private void ClearAt(int index)
        {
            NoteStatusChange(statuses[index], ClearedStatus);
            if (occurrenceCounters[index] != 0 || snapshotStoredFlags[index] != 0)
            {
                changeCount++;
            }

            statuses[index] = ClearedStatus;
            occurrenceCounters[index] = 0;
            ageingCounters[index] = 0;
            faultDetectionCounters[index] = 0;
            snapshotStoredFlags[index] = 0;
        }

        private static void CheckSeverity(int severity, int functionalUnit)
        {
            if ((severity & ~SeverityBits) != 0)
            {
                throw new ArgumentOutOfRangeException("severity", "The DTC severity may only combine 0x20 (maintenanceOnly), 0x40 (checkAtNextHalt) and 0x80 (checkImmediately).");
            }

            if (functionalUnit < 0 || functionalUnit > 255)
            {
                throw new ArgumentOutOfRangeException("functionalUnit", "The DTC functional unit is one byte (0 to 255).");
            }
        }

        private void CheckIndex(int index)
        {
            if (index < 0 || index >= count)
            {
                throw new ArgumentOutOfRangeException("index", "The index must be less than Count.");
            }
        }
    }
}
