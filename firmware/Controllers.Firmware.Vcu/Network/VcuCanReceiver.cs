using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Vcu;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Vcu.Network
{
    /// <summary>
    /// Receive path of the VCU: decodes every message the VCU receives in boards/can/vcu.dbc into
    /// <see cref="VehicleSignals"/>. A frame whose alive counter repeats the previous value or skips
    /// ahead, or whose CRC-8/SAE-J1850 byte does not match, is dropped (docs/can-matrix.md). The periodic
    /// <see cref="Run"/> clears a message's Valid flag when no good frame arrived for
    /// <see cref="TimeoutCycles"/> cycle times and reports the lost-communication DTC of its node.
    /// Nothing is allocated per frame.
    /// </summary>
    public sealed class VcuCanReceiver : ICanFrameConsumer, IPeriodicTask
    {
        /// <summary>
        /// A message times out after this many cycle times without a good frame. Five cycles tolerate four
        /// frames in a row lost or dropped as stale, and keep the MCU_Feedback timeout (50 ms) within the
        /// 50 ms torque monitor debounce, so stale feedback is noticed before the monitor acts on it.
        /// </summary>
        public const int TimeoutCycles = 5;

        /// <summary>Message slots, in the order of the table in docs/vcu.md.</summary>
        public const int McuFeedbackSlot = 0;
        public const int McuStatusSlot = 1;
        public const int BmsPackStatusSlot = 2;
        public const int BmsPowerLimitsSlot = 3;
        public const int BmsContactorStatusSlot = 4;
        public const int BmsInsulationSlot = 5;
        public const int BmsFaultSummarySlot = 6;
        public const int BmsCellVoltageExtremesSlot = 7;
        public const int BmsCellTemperatureExtremesSlot = 8;
        public const int GcuStatusSlot = 9;
        public const int GcuEngineStatusSlot = 10;
        public const int ObcStatusSlot = 11;

        /// <summary>Number of received messages.</summary>
        public const int SlotCount = 12;

        private const float RadiansPerSecondPerRpm = 0.10471976f;

        private readonly VehicleSignals signals;
        private readonly DtcMemory dtcs;
        private readonly uint[] ids = new uint[SlotCount];
        private readonly long[] timeoutMicroseconds = new long[SlotCount];
        private readonly int[] counterMasks = new int[SlotCount];
        private readonly int[] crcLengths = new int[SlotCount];
        private readonly uint[] lostDtcs = new uint[SlotCount];
        private readonly long[] lastGoodMicroseconds = new long[SlotCount];
        private readonly int[] lastCounters = new int[SlotCount];
        private readonly bool[] fresh = new bool[SlotCount];
        private readonly bool[] monitored = new bool[SlotCount];
        private readonly bool[] lost = new bool[SlotCount];

        private readonly MCU_Feedback mcuFeedback = new MCU_Feedback();
        private readonly MCU_Status mcuStatus = new MCU_Status();
        private readonly BMS_PackStatus packStatus = new BMS_PackStatus();
        private readonly BMS_PowerLimits powerLimits = new BMS_PowerLimits();
        private readonly BMS_ContactorStatus contactorStatus = new BMS_ContactorStatus();
        private readonly BMS_Insulation insulation = new BMS_Insulation();
        private readonly BMS_FaultSummary faultSummary = new BMS_FaultSummary();
        private readonly BMS_CellVoltageExtremes cellVoltages = new BMS_CellVoltageExtremes();
        private readonly BMS_CellTemperatureExtremes cellTemperatures = new BMS_CellTemperatureExtremes();
        private readonly GCU_Status gcuStatus = new GCU_Status();
        private readonly GCU_EngineStatus engineStatus = new GCU_EngineStatus();
        private readonly OBC_Status obcStatus = new OBC_Status();

        private bool started;
        private long startMicroseconds;
        private long staleFrameCount;
        private long crcErrorCount;

        /// <summary>
        /// Creates the receiver. <paramref name="dtcs"/> must have the VCU DTCs registered. Lost-communication
        /// DTCs are reported for the MCU, BMS and GCU; the charger's only after <see cref="SetMonitored"/>,
        /// because the OBC sleeps while no charge plug is connected.
        /// </summary>
        public VcuCanReceiver(VehicleSignals signals, DtcMemory dtcs)
        {
            if (signals == null)
            {
                throw new ArgumentNullException("signals");
            }

            if (dtcs == null)
            {
                throw new ArgumentNullException("dtcs");
            }

            this.signals = signals;
            this.dtcs = dtcs;

            // Identifier, cycle time (GenMsgCycleTime), alive counter width, CRC and the node's DTC, from vcu.dbc.
            Define(McuFeedbackSlot, MCU_Feedback.Id, MCU_Feedback.CycleTimeMilliseconds, 0xF, 0, VcuDtc.McuCommunicationLost);
            Define(McuStatusSlot, MCU_Status.Id, MCU_Status.CycleTimeMilliseconds, 0, 0, 0);
            Define(BmsPackStatusSlot, BMS_PackStatus.Id, BMS_PackStatus.CycleTimeMilliseconds, 0xF, BMS_PackStatus.Length, VcuDtc.BmsCommunicationLost);
            Define(BmsPowerLimitsSlot, BMS_PowerLimits.Id, BMS_PowerLimits.CycleTimeMilliseconds, 0, 0, 0);
            Define(BmsContactorStatusSlot, BMS_ContactorStatus.Id, BMS_ContactorStatus.CycleTimeMilliseconds, 0, 0, 0);
            Define(BmsInsulationSlot, BMS_Insulation.Id, BMS_Insulation.CycleTimeMilliseconds, 0, 0, 0);
            Define(BmsFaultSummarySlot, BMS_FaultSummary.Id, BMS_FaultSummary.CycleTimeMilliseconds, 0, 0, 0);
            Define(BmsCellVoltageExtremesSlot, BMS_CellVoltageExtremes.Id, BMS_CellVoltageExtremes.CycleTimeMilliseconds, 0, 0, 0);
            Define(BmsCellTemperatureExtremesSlot, BMS_CellTemperatureExtremes.Id, BMS_CellTemperatureExtremes.CycleTimeMilliseconds, 0, 0, 0);
            Define(GcuStatusSlot, GCU_Status.Id, GCU_Status.CycleTimeMilliseconds, 0xF, 0, VcuDtc.GcuCommunicationLost);
            Define(GcuEngineStatusSlot, GCU_EngineStatus.Id, GCU_EngineStatus.CycleTimeMilliseconds, 0, 0, 0);
            Define(ObcStatusSlot, OBC_Status.Id, OBC_Status.CycleTimeMilliseconds, 0, 0, VcuDtc.ObcCommunicationLost);
            monitored[ObcStatusSlot] = false;
        }

        /// <summary>Frames dropped because their alive counter repeated or jumped.</summary>
        public long StaleFrameCount
        {
            get { return staleFrameCount; }
        }

        /// <summary>Frames dropped because their CRC did not match.</summary>
        public long CrcErrorCount
        {
            get { return crcErrorCount; }
        }

        /// <summary>Returns true while message <paramref name="slot"/> has had a good frame within its timeout.</summary>
        public bool IsFresh(int slot)
        {
            CheckSlot(slot);
            return fresh[slot];
        }

        /// <summary>
        /// Returns true when message <paramref name="slot"/> has timed out at the latest <see cref="Run"/>,
        /// including a node that never sent since the first check. Before the first check nothing is lost.
        /// </summary>
        public bool IsLost(int slot)
        {
            CheckSlot(slot);
            return lost[slot];
        }

        /// <summary>Returns the timeout of message <paramref name="slot"/>, µs.</summary>
        public long GetTimeoutMicroseconds(int slot)
        {
            CheckSlot(slot);
            return timeoutMicroseconds[slot];
        }

        /// <summary>
        /// Turns the lost-communication DTC of message <paramref name="slot"/> on or off. Off reports the DTC's
        /// test as passed once, so a failure that is no longer tested does not stay active.
        /// </summary>
        public void SetMonitored(int slot, bool enabled)
        {
            CheckSlot(slot);
            if (lostDtcs[slot] == 0)
            {
                throw new ArgumentException("Message slot " + slot.ToString() + " has no lost-communication DTC.", "slot");
            }

            if (monitored[slot] && !enabled)
            {
                dtcs.ReportTestResult(lostDtcs[slot], false);
            }

            monitored[slot] = enabled;
        }

        /// <inheritdoc/>
        public bool Consume(CanFrame frame, long nowMicroseconds)
        {
            if (frame == null || frame.IsExtended || frame.IsRemote)
            {
                return false;
            }

            int slot = FindSlot(frame.Id);
            if (slot < 0)
            {
                return false;
            }

            if (!Decode(slot, frame))
            {
                // The identifier is ours but the frame is too short for the message; it is taken and dropped.
                return true;
            }

            if (crcLengths[slot] > 0 && !CrcMatches(frame, crcLengths[slot]))
            {
                crcErrorCount++;
                return true;
            }

            if (counterMasks[slot] != 0 && !CounterAdvances(slot, ReadCounter(slot)))
            {
                staleFrameCount++;
                return true;
            }

            Apply(slot);
            lastGoodMicroseconds[slot] = nowMicroseconds;
            lost[slot] = false;
            if (!fresh[slot])
            {
                fresh[slot] = true;
                SetValid(slot, true);
                if (lostDtcs[slot] != 0 && monitored[slot])
                {
                    dtcs.ReportTestResult(lostDtcs[slot], false);
                }
            }

            return true;
        }

        /// <summary>Clears the Valid flag of each message that timed out and reports the lost-communication DTCs.</summary>
        public void Run(long nowMicroseconds)
        {
            if (!started)
            {
                // Timeouts count from the first check, so a node gets one timeout after power-up to start sending.
                started = true;
                startMicroseconds = nowMicroseconds;
            }

            for (int slot = 0; slot < SlotCount; slot++)
            {
                long since = fresh[slot] ? lastGoodMicroseconds[slot] : startMicroseconds;
                if (fresh[slot] && nowMicroseconds - since <= timeoutMicroseconds[slot])
                {
                    lost[slot] = false;
                    continue;
                }

                lost[slot] = nowMicroseconds - since > timeoutMicroseconds[slot];

                if (fresh[slot])
                {
                    fresh[slot] = false;
                    SetValid(slot, false);
                }

                // The counter reference stays: a restarted sender shows as a jump, which resynchronises, while a
                // sender with a stuck counter stays stale.
                if (lostDtcs[slot] != 0 && monitored[slot] && lost[slot])
                {
                    dtcs.ReportTestResult(lostDtcs[slot], true);
                }
            }
        }

        private void Define(int slot, uint id, int cycleMilliseconds, int counterMask, int crcLength, uint lostDtc)
        {
            ids[slot] = id;
            timeoutMicroseconds[slot] = (long)cycleMilliseconds * 1000 * TimeoutCycles;
            counterMasks[slot] = counterMask;
            crcLengths[slot] = crcLength;
            lostDtcs[slot] = lostDtc;
            lastCounters[slot] = -1;
            monitored[slot] = lostDtc != 0;
        }

        private int FindSlot(uint id)
        {
            for (int slot = 0; slot < SlotCount; slot++)
            {
                if (ids[slot] == id)
                {
                    return slot;
                }
            }

            return -1;
        }

        private static bool CrcMatches(CanFrame frame, int length)
        {
            // The CRC byte is the last byte of the message and covers every byte before it.
            byte[] data = frame.Data;
            return data[length - 1] == Crc8SaeJ1850.Compute(data, 0, length - 1);
        }

        private bool CounterAdvances(int slot, int counter)
        {
            int last = lastCounters[slot];
            lastCounters[slot] = counter;
            if (last < 0)
            {
                return true;
            }

            // A repeat keeps the reference; a jump resynchronises on the new value, so the next frame in
            // sequence is taken again.
            if (counter == last)
            {
                return false;
            }

            return counter == ((last + 1) & counterMasks[slot]);
        }

        private bool Decode(int slot, CanFrame frame)
        {
            switch (slot)
            {
                case McuFeedbackSlot: return mcuFeedback.TryDecode(frame);
                case McuStatusSlot: return mcuStatus.TryDecode(frame);
                case BmsPackStatusSlot: return packStatus.TryDecode(frame);
                case BmsPowerLimitsSlot: return powerLimits.TryDecode(frame);
                case BmsContactorStatusSlot: return contactorStatus.TryDecode(frame);
                case BmsInsulationSlot: return insulation.TryDecode(frame);
                case BmsFaultSummarySlot: return faultSummary.TryDecode(frame);
                case BmsCellVoltageExtremesSlot: return cellVoltages.TryDecode(frame);
                case BmsCellTemperatureExtremesSlot: return cellTemperatures.TryDecode(frame);
                case GcuStatusSlot: return gcuStatus.TryDecode(frame);
                case GcuEngineStatusSlot: return engineStatus.TryDecode(frame);
                default: return obcStatus.TryDecode(frame);
            }
        }

        private int ReadCounter(int slot)
        {
            switch (slot)
            {
                case McuFeedbackSlot: return (int)mcuFeedback.McuFeedbackAliveCounter;
                case BmsPackStatusSlot: return (int)packStatus.PackStatusAliveCounter;
                default: return (int)gcuStatus.GcuStatusAliveCounter;
            }
        }

        private void Apply(int slot)
        {
            switch (slot)
            {
                case McuFeedbackSlot:
                    signals.MotorSpeedRadiansPerSecond = mcuFeedback.MotorSpeed * RadiansPerSecondPerRpm;
                    signals.TorqueFeedbackNewtonMetres = mcuFeedback.ActualTorque;
                    signals.DcLinkVolts = mcuFeedback.DcLinkVoltage;
                    signals.DcLinkAmperes = mcuFeedback.DcLinkCurrent;
                    break;
                case McuStatusSlot:
                    signals.MotorState = (int)mcuStatus.MotorState;
                    signals.MotorDerating = mcuStatus.MotorDerating > 0.5f;
                    signals.MotorCelsius = mcuStatus.MotorTemperature;
                    signals.InverterCelsius = mcuStatus.InverterTemperature;
                    signals.McuFaultCode = (int)mcuStatus.McuFaultCode;
                    signals.AvailableMotoringNewtonMetres = mcuStatus.AvailableMotoringTorque;
                    signals.AvailableRegenNewtonMetres = mcuStatus.AvailableRegenTorque;
                    break;
                case BmsPackStatusSlot:
                    signals.PackVolts = packStatus.PackVoltage;
                    signals.PackAmperes = packStatus.PackCurrent;
                    signals.PackSoc = packStatus.PackSoc * 0.01f;
                    signals.PackSoh = packStatus.PackSoh * 0.01f;
                    signals.BmsState = (int)packStatus.BmsState;
                    break;
                case BmsPowerLimitsSlot:
                    // The matrix carries kilowatts.
                    signals.MaxChargePowerWatts = powerLimits.MaxChargePower * 1000f;
                    signals.MaxDischargePowerWatts = powerLimits.MaxDischargePower * 1000f;
                    signals.MaxChargeAmperes = powerLimits.MaxChargeCurrent;
                    signals.MaxDischargeAmperes = powerLimits.MaxDischargeCurrent;
                    break;
                case BmsContactorStatusSlot:
                    signals.MainPositiveContactor = (int)contactorStatus.MainPositiveContactor;
                    signals.MainNegativeContactor = (int)contactorStatus.MainNegativeContactor;
                    signals.PrechargeContactor = (int)contactorStatus.PrechargeContactor;
                    break;
                case BmsInsulationSlot:
                    signals.InsulationKiloohms = insulation.InsulationResistance;
                    signals.InsulationState = (int)insulation.InsulationState;
                    break;
                case BmsFaultSummarySlot:
                    ApplyFaultSummary();
                    break;
                case BmsCellVoltageExtremesSlot:
                    signals.MinCellVolts = cellVoltages.MinCellVoltage * 0.001f;
                    signals.MaxCellVolts = cellVoltages.MaxCellVoltage * 0.001f;
                    break;
                case BmsCellTemperatureExtremesSlot:
                    signals.MinCellCelsius = cellTemperatures.MinCellTemperature;
                    signals.MaxCellCelsius = cellTemperatures.MaxCellTemperature;
                    break;
                case GcuStatusSlot:
                    signals.GeneratorState = (int)gcuStatus.GeneratorState;
                    signals.GeneratorPowerWatts = gcuStatus.GeneratorPower * 1000f;
                    signals.GeneratorSpeedRpm = gcuStatus.GeneratorSpeed;
                    signals.GeneratorDcAmperes = gcuStatus.GeneratorDcCurrent;
                    break;
                case GcuEngineStatusSlot:
                    signals.FuelLevelPercent = engineStatus.FuelLevel;
                    signals.EngineCoolantCelsius = engineStatus.EngineCoolantTemperature;
                    signals.FuelLitresPerHour = engineStatus.FuelConsumptionRate;
                    signals.OilPressureLow = engineStatus.OilPressureLow > 0.5f;
                    signals.EngineFaultCode = (int)engineStatus.EngineFaultCode;
                    break;
                default:
                    signals.ChargerOutputVolts = obcStatus.ChargerOutputVoltage;
                    signals.ChargerOutputAmperes = obcStatus.ChargerOutputCurrent;
                    signals.ChargerState = (int)obcStatus.ChargerState;
                    signals.AcInputPresent = obcStatus.AcInputPresent > 0.5f;
                    signals.ChargerCelsius = obcStatus.ChargerTemperature;
                    signals.ChargerFaultCode = (int)obcStatus.ChargerFaultCode;
                    break;
            }
        }

        private void ApplyFaultSummary()
        {
            signals.BmsFaultLevel = (int)faultSummary.FaultLevel;

            // Bit 0 CellOvervoltageFlag to bit 10 PrechargeFailedFlag, in DBC order.
            int flags = 0;
            flags |= Bit(faultSummary.CellOvervoltageFlag, 0);
            flags |= Bit(faultSummary.CellUndervoltageFlag, 1);
            flags |= Bit(faultSummary.CellOvertemperatureFlag, 2);
            flags |= Bit(faultSummary.CellUndertemperatureFlag, 3);
            flags |= Bit(faultSummary.ChargeOvercurrentFlag, 4);
            flags |= Bit(faultSummary.DischargeOvercurrentFlag, 5);
            flags |= Bit(faultSummary.InsulationFaultFlag, 6);
            flags |= Bit(faultSummary.SlaveCommunicationLostFlag, 7);
            flags |= Bit(faultSummary.CurrentSensorFaultFlag, 8);
            flags |= Bit(faultSummary.ContactorFaultFlag, 9);
            flags |= Bit(faultSummary.PrechargeFailedFlag, 10);
            signals.BmsFaultFlags = flags;
        }

        private static int Bit(float flag, int position)
        {
            return flag > 0.5f ? 1 << position : 0;
        }

        private void SetValid(int slot, bool valid)
        {
            switch (slot)
            {
                case McuFeedbackSlot: signals.FeedbackValid = valid; break;
                case McuStatusSlot: signals.MotorStatusValid = valid; break;
                case BmsPackStatusSlot: signals.BmsValid = valid; break;
                case BmsPowerLimitsSlot: signals.PowerLimitsValid = valid; break;
                case BmsContactorStatusSlot: signals.ContactorStatusValid = valid; break;
                case BmsInsulationSlot: signals.InsulationValid = valid; break;
                case BmsFaultSummarySlot: signals.BmsFaultValid = valid; break;
                case GcuStatusSlot: signals.GeneratorValid = valid; break;
                case GcuEngineStatusSlot: signals.EngineStatusValid = valid; break;
                case ObcStatusSlot: signals.ChargerValid = valid; break;
                default:
                    // The cell extremes have no flag in VehicleSignals; IsFresh reports them.
                    break;
            }
        }

        private static void CheckSlot(int slot)
        {
            if (slot < 0 || slot >= SlotCount)
            {
                throw new ArgumentOutOfRangeException("slot", "Message slot must be 0 to " + (SlotCount - 1).ToString() + ".");
            }
        }
    }
}
