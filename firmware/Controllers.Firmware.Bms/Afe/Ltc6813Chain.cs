using System;
using Controllers.Firmware.Common.Hal;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Afe
{
    /// <summary>
    /// Driver for LTC6813-1 battery monitors in an isoSPI daisy chain on one SPI bus. Device 0 is the device
    /// next to the host. Every command is a broadcast. A write sends the data of the last device first, and a
    /// read returns the data of device 0 first (LTC6804-1 datasheet Rev. C, "Network Layer", the same protocol
    /// as the LTC6813-1). Every received register group is checked against its PEC, and a failed read is
    /// retried up to <see cref="MaxReadAttempts"/> times. The driver allocates only in its constructor.
    /// </summary>
    /// <remarks>
    /// Methods of this class are split by concern: this file contains the bus protocol, wake-up and error
    /// accounting, and Ltc6813Chain.Measurements.cs contains conversions and register reads.
    /// </remarks>
    public sealed partial class Ltc6813Chain
    {
        /// <summary>Bytes of a command with its PEC.</summary>
        public const int CommandBytes = 4;

        /// <summary>Bytes each device sends or receives per register group: six data bytes and the PEC.</summary>
        public const int GroupWithPecBytes = 8;

        /// <summary>
        /// Idle time after which the driver sends wake-up pulses before a command. It stays below the smallest
        /// isoSPI idle timeout (4.3 ms) so that the time one transfer takes cannot carry it past the timeout.
        /// </summary>
        public const long WakeUpThresholdMicroseconds = 4000;

        /// <summary>
        /// Time without a valid command after which the driver treats the chain as possibly asleep: the
        /// watchdog (1.8 s minimum) may have reset the configuration, so it waits tWAKE and writes the
        /// configuration again.
        /// </summary>
        public const long SleepThresholdMicroseconds = 1700000;

        private const int MaxWakeUpWaitPulses = 100000;

        private readonly ISpiBus bus;
        private readonly IMonotonicClock clock;
        private readonly int deviceCount;
        private readonly Ltc6813Configuration configuration;
        private readonly byte[] transmit;
        private readonly byte[] receive;
        private readonly byte[] wakeUpPulse = { 0xFF };

        private bool hasCommunicated;
        private long lastTransferMicroseconds;
        private long lastCommandMicroseconds;
        private bool configurationWritten;
        private int maxReadAttempts = 3;
        private int communicationLossThreshold = 3;
        private int consecutiveFailedReads;
        private bool communicationLost;

        /// <summary>Creates the driver for <paramref name="deviceCount"/> devices on <paramref name="bus"/>.</summary>
        public Ltc6813Chain(ISpiBus bus, IMonotonicClock clock, int deviceCount)
        {
            if (bus == null)
            {
                throw new ArgumentNullException("bus");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (deviceCount < 1 || deviceCount > 32)
            {
                throw new ArgumentOutOfRangeException("deviceCount", "The chain must have 1..32 devices, got "
                    + deviceCount.ToString() + ".");
            }

            this.bus = bus;
            this.clock = clock;
            this.deviceCount = deviceCount;
            configuration = new Ltc6813Configuration(deviceCount);
            transmit = new byte[CommandBytes + deviceCount * GroupWithPecBytes];
            receive = new byte[transmit.Length];
            cellCodes = new ushort[deviceCount * Ltc6813Configuration.CellsPerDevice];
            pullUpCodes = new ushort[cellCodes.Length];
            gpioCodes = new ushort[deviceCount * Ltc6813Configuration.GpioCount];
            referenceCodes = new ushort[deviceCount];
            statusCodes = new ushort[deviceCount * 4];
            cellFlags = new byte[deviceCount * 5];
            revisionBits = new byte[deviceCount];
            configurationReadA = new byte[deviceCount * Ltc6813Configuration.GroupBytes];
            configurationReadB = new byte[deviceCount * Ltc6813Configuration.GroupBytes];
        }

        /// <summary>Number of devices in the chain.</summary>
        public int DeviceCount
        {
            get { return deviceCount; }
        }

        /// <summary>
        /// Configuration that <see cref="WriteConfiguration"/> sends. Changes reach the chip only with the next
        /// write.
        /// </summary>
        public Ltc6813Configuration Configuration
        {
            get { return configuration; }
        }

        /// <summary>Attempts per register-group read, 1 to 10 (default 3); the first attempt counts.</summary>
        public int MaxReadAttempts
        {
            get { return maxReadAttempts; }
            set
            {
                if (value < 1 || value > 10)
                {
                    throw new ArgumentOutOfRangeException("value", "MaxReadAttempts is " + value.ToString()
                        + " but must lie in 1..10.");
                }

                maxReadAttempts = value;
            }
        }

        /// <summary>
        /// Consecutive failed reads (after their retries) that set <see cref="IsCommunicationLost"/>, 1 to 100
        /// (default 3).
        /// </summary>
        public int CommunicationLossThreshold
        {
            get { return communicationLossThreshold; }
            set
            {
                if (value < 1 || value > 100)
                {
                    throw new ArgumentOutOfRangeException("value", "CommunicationLossThreshold is " + value.ToString()
                        + " but must lie in 1..100.");
                }

                communicationLossThreshold = value;
            }
        }

        /// <summary>Register groups received with a PEC that did not match, over all attempts.</summary>
        public int PecErrorCount { get; private set; }

        /// <summary>Reads repeated after a PEC failure.</summary>
        public int ReadRetryCount { get; private set; }

        /// <summary>Reads that failed on every attempt.</summary>
        public int FailedReadCount { get; private set; }

        /// <summary>Attempts in which every byte after the command was 0xFF, which is what an absent chain returns.</summary>
        public int NoResponseCount { get; private set; }

        /// <summary>Failed reads since the last successful one.</summary>
        public int ConsecutiveFailedReads
        {
            get { return consecutiveFailedReads; }
        }

        /// <summary>
        /// True once <see cref="CommunicationLossThreshold"/> reads in a row have failed; a successful read
        /// clears it.
        /// </summary>
        public bool IsCommunicationLost
        {
            get { return communicationLost; }
        }

        /// <summary>Times <see cref="IsCommunicationLost"/> went from false to true.</summary>
        public int CommunicationLossCount { get; private set; }

        /// <summary>Wake-up sequences sent because the isoSPI ports may have gone idle.</summary>
        public int WakeUpCount { get; private set; }

        /// <summary>Wake-ups after a pause long enough for the watchdog to put the chain to sleep.</summary>
        public int SleepWakeUpCount { get; private set; }

        /// <summary>
        /// Sends configuration register groups A and B to every device, with ADCOPT set for
        /// <see cref="AdcMode"/>. Writes return nothing, so use <see cref="TryVerifyConfiguration"/> to check them.
        /// </summary>
        public void WriteConfiguration()
        {
            PrepareForCommand();
            WriteConfigurationGroups();
        }

        /// <summary>Sends a command without data (a conversion start, clear or mute command).</summary>
        public void SendCommand(int command)
        {
            PrepareForCommand();
            Ltc6813Command.Encode(command, transmit, 0);
            Transfer(CommandBytes, false);
            lastCommandMicroseconds = lastTransferMicroseconds;
        }

        /// <summary>
        /// Sends wake-up pulses when the isoSPI ports may be idle: one pulse per device, because each pulse
        /// wakes the next port in the chain. After a pause long enough for the watchdog to expire it also waits
        /// tWAKE (400 µs) by clocking further pulses, then writes the configuration again if it was written
        /// before, because the watchdog resets it.
        /// </summary>
        public void WakeUp()
        {
            PrepareForCommand();
        }

        private void PrepareForCommand()
        {
            long now = clock.NowMicroseconds;
            if (hasCommunicated && now - lastTransferMicroseconds < WakeUpThresholdMicroseconds)
            {
                return;
            }

            bool mayBeAsleep = !hasCommunicated || now - lastCommandMicroseconds >= SleepThresholdMicroseconds;
            WakeUpCount++;
            for (int device = 0; device < deviceCount; device++)
            {
                bus.Transfer(wakeUpPulse, null, 1);
            }

            if (mayBeAsleep)
            {
                SleepWakeUpCount++;
                WaitClockingPulses(Ltc6813Timing.WakeUpMaximumMicroseconds);
            }

            hasCommunicated = true;
            lastTransferMicroseconds = clock.NowMicroseconds;
            if (mayBeAsleep)
            {
                // Count the wake-up as the last command so that the rewrite below does not recurse here.
                lastCommandMicroseconds = lastTransferMicroseconds;
                if (configurationWritten)
                {
                    WriteConfigurationGroups();
                }
            }
        }

        private void WaitClockingPulses(long durationMicroseconds)
        {
            // Single-threaded firmware waits by keeping the bus busy; each pulse also keeps the isoSPI ports awake.
            long start = clock.NowMicroseconds;
            for (int pulse = 0; pulse < MaxWakeUpWaitPulses; pulse++)
            {
                if (clock.NowMicroseconds - start >= durationMicroseconds)
                {
                    return;
                }

                bus.Transfer(wakeUpPulse, null, 1);
            }
        }

        private void WriteConfigurationGroups()
        {
            configuration.SetAdcOption(Ltc6813Command.RequiresAdcOption(adcMode));
            WriteGroups(Ltc6813Command.WriteConfigurationA, true);
            WriteGroups(Ltc6813Command.WriteConfigurationB, false);
            configurationWritten = true;
        }

        private void WriteGroups(int command, bool groupA)
        {
            Ltc6813Command.Encode(command, transmit, 0);

            // The first group shifted in travels furthest, so it belongs to the last device.
            for (int position = 0; position < deviceCount; position++)
            {
                int device = deviceCount - 1 - position;
                int offset = CommandBytes + position * GroupWithPecBytes;
                if (groupA)
                {
                    configuration.CopyGroupA(device, transmit, offset);
                }
                else
                {
                    configuration.CopyGroupB(device, transmit, offset);
                }

                Pec15.Append(transmit, offset, Ltc6813Configuration.GroupBytes);
            }

            Transfer(transmit.Length, false);
            lastCommandMicroseconds = lastTransferMicroseconds;
        }

        /// <summary>
        /// Reads one register group from every device into the receive buffer, retrying on PEC failures, and
        /// updates the error counters. Returns false when every attempt failed.
        /// </summary>
        private bool ReadGroups(int command)
        {
            PrepareForCommand();
            for (int attempt = 0; attempt < maxReadAttempts; attempt++)
            {
                if (attempt > 0)
                {
                    ReadRetryCount++;
                }

                Ltc6813Command.Encode(command, transmit, 0);
                for (int i = CommandBytes; i < transmit.Length; i++)
                {
                    transmit[i] = 0xFF;
                }

                Transfer(transmit.Length, true);
                lastCommandMicroseconds = lastTransferMicroseconds;

                int badGroups = CountBadGroups();
                if (badGroups == 0)
                {
                    consecutiveFailedReads = 0;
                    communicationLost = false;
                    return true;
                }

                PecErrorCount += badGroups;
                if (IsAllOnes())
                {
                    NoResponseCount++;
                }
            }

            FailedReadCount++;
            consecutiveFailedReads++;

            // The chain may have slept or lost power, so the next command starts with a full wake-up and
            // writes the configuration again.
            hasCommunicated = false;
            if (!communicationLost && consecutiveFailedReads >= communicationLossThreshold)
            {
                communicationLost = true;
                CommunicationLossCount++;
            }

            return false;
        }

        private int CountBadGroups()
        {
            int bad = 0;
            for (int device = 0; device < deviceCount; device++)
            {
                if (!Pec15.IsValid(receive, GroupOffset(device), Ltc6813Configuration.GroupBytes))
                {
                    bad++;
                }
            }

            return bad;
        }

        private bool IsAllOnes()
        {
            for (int i = CommandBytes; i < receive.Length; i++)
            {
                if (receive[i] != 0xFF)
                {
                    return false;
                }
            }

            return true;
        }

        private static int GroupOffset(int device)
        {
            return CommandBytes + device * GroupWithPecBytes;
        }

        private void Transfer(int length, bool read)
        {
            bus.Transfer(transmit, read ? receive : null, length);
            hasCommunicated = true;
            lastTransferMicroseconds = clock.NowMicroseconds;
        }
    }
}
