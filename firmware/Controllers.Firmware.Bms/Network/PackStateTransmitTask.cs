using System;
using Controllers.Firmware.Bms.Contactors;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Firmware.Bms.Tasks;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Bms;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Network
{
    /// <summary>
    /// Sends the pack state to the PCS or VCU, run every 20 ms: <c>BMS_PackStatus</c> with pack voltage,
    /// current, SOC and SOH on every run, and every fifth run (100 ms) the 2 s, 10 s and 30 s limits in
    /// <c>BMS_PowerLimits</c>, <c>BMS_PowerLimits10s</c> and <c>BMS_PowerLimits30s</c>. Nothing is allocated.
    /// </summary>
    public sealed class PackStateTransmitTask : IPeriodicTask
    {
        /// <summary>Period this task expects to be registered with, the cycle time of <c>BMS_PackStatus</c>.</summary>
        public const long PeriodMicroseconds = 20000;

        // BMS_PowerLimits* have a 100 ms cycle time, five periods of this task.
        private const int LimitRunDivider = 5;

        private readonly PackEstimationTask estimation;
        private readonly PowerLimitTask limits;
        private readonly CurrentSamplingTask current;
        private readonly CellVoltageSamplingTask voltages;
        private readonly ICanTransmitter transmitter;
        private readonly int shortIndex;
        private readonly int mediumIndex;
        private readonly int longIndex;
        private readonly BMS_PackStatus status = new BMS_PackStatus();
        private readonly BMS_PowerLimits shortLimits = new BMS_PowerLimits();
        private readonly BMS_PowerLimits10s mediumLimits = new BMS_PowerLimits10s();
        private readonly BMS_PowerLimits30s longLimits = new BMS_PowerLimits30s();
        private readonly CanFrame frame = new CanFrame();
        private ContactorController? contactors;
        private int activation;
        private int aliveCounter;
        private long droppedFrameCount;

        /// <summary>
        /// Creates the task. The horizons of <paramref name="limits"/> must include 2 s, 10 s and 30 s, the
        /// horizons the matrix defines.
        /// </summary>
        public PackStateTransmitTask(PackEstimationTask estimation, PowerLimitTask limits, CurrentSamplingTask current,
            CellVoltageSamplingTask voltages, ICanTransmitter transmitter)
        {
            CheckNotNull(estimation, "estimation");
            CheckNotNull(limits, "limits");
            CheckNotNull(current, "current");
            CheckNotNull(voltages, "voltages");
            CheckNotNull(transmitter, "transmitter");

            this.estimation = estimation;
            this.limits = limits;
            this.current = current;
            this.voltages = voltages;
            this.transmitter = transmitter;
            shortIndex = FindHorizon(limits, 2f);
            mediumIndex = FindHorizon(limits, 10f);
            longIndex = FindHorizon(limits, 30f);
        }

        /// <summary>Frames the transmitter had no slot for.</summary>
        public long DroppedFrameCount
        {
            get { return droppedFrameCount; }
        }

        /// <summary>Reports the BMS state from <paramref name="controller"/>'s contactor state from the next run on.</summary>
        public void AttachContactors(ContactorController controller)
        {
            if (controller == null)
            {
                throw new ArgumentNullException("controller");
            }

            contactors = controller;
        }

        /// <inheritdoc />
        public void Run(long nowMicroseconds)
        {
            SendStatus();
            if (activation % LimitRunDivider == 0)
            {
                SendLimits();
            }

            activation = (activation + 1) % LimitRunDivider;
        }

        private void SendStatus()
        {
            float[] cells = voltages.CellVoltagesVolts;
            float packVolts = 0f;
            for (int i = 0; i < cells.Length; i++)
            {
                packVolts += cells[i];
            }

            status.PackVoltage = packVolts;
            status.PackCurrent = current.LatestCurrentAmperes;
            status.PackSoc = estimation.PackStateOfCharge * 100f;
            status.PackSoh = estimation.PackCapacityStateOfHealth * 100f;
            status.BmsState = GetBmsState();
            status.PackStatusAliveCounter = aliveCounter;
            status.PackStatusCrc = 0f;
            status.Encode(frame);
            frame.Data[BMS_PackStatus.Length - 1] = Crc8SaeJ1850.Compute(frame.Data, 0, BMS_PackStatus.Length - 1);
            Send();
            aliveCounter = (aliveCounter + 1) & 0xF;
        }

        private void SendLimits()
        {
            // The matrix carries kilowatts; the estimator gives watts.
            PowerLimits pack = limits.PackLimits;
            shortLimits.MaxChargeCurrent = pack.ChargeCurrentAmperes[shortIndex];
            shortLimits.MaxDischargeCurrent = pack.DischargeCurrentAmperes[shortIndex];
            shortLimits.MaxChargePower = pack.ChargePowerWatts[shortIndex] * 0.001f;
            shortLimits.MaxDischargePower = pack.DischargePowerWatts[shortIndex] * 0.001f;
            shortLimits.Encode(frame);
            Send();

            mediumLimits.MaxChargeCurrent10s = pack.ChargeCurrentAmperes[mediumIndex];
            mediumLimits.MaxDischargeCurrent10s = pack.DischargeCurrentAmperes[mediumIndex];
            mediumLimits.MaxChargePower10s = pack.ChargePowerWatts[mediumIndex] * 0.001f;
            mediumLimits.MaxDischargePower10s = pack.DischargePowerWatts[mediumIndex] * 0.001f;
            mediumLimits.Encode(frame);
            Send();

            longLimits.MaxChargeCurrent30s = pack.ChargeCurrentAmperes[longIndex];
            longLimits.MaxDischargeCurrent30s = pack.DischargeCurrentAmperes[longIndex];
            longLimits.MaxChargePower30s = pack.ChargePowerWatts[longIndex] * 0.001f;
            longLimits.MaxDischargePower30s = pack.DischargePowerWatts[longIndex] * 0.001f;
            longLimits.Encode(frame);
            Send();
        }

        private int GetBmsState()
        {
            if (estimation.StepCount == 0)
            {
                return BMS_PackStatus.BmsStateInit;
            }

            if (contactors == null)
            {
                return BMS_PackStatus.BmsStateStandby;
            }

            switch (contactors.State)
            {
                case ContactorState.Fault:
                    return BMS_PackStatus.BmsStateFault;
                case ContactorState.Closed:
                    return current.LatestCurrentAmperes > 0f ? BMS_PackStatus.BmsStateCharging : BMS_PackStatus.BmsStateConnected;
                case ContactorState.ClosingNegative:
                case ContactorState.Precharging:
                case ContactorState.ClosingPositive:
                case ContactorState.OpeningPrecharge:
                    return BMS_PackStatus.BmsStatePrecharge;
                default:
                    return BMS_PackStatus.BmsStateStandby;
            }
        }

        private void Send()
        {
            if (!transmitter.TrySend(frame))
            {
                droppedFrameCount++;
            }
        }

        private static void CheckNotNull(object value, string name)
        {
            if (value == null)
            {
                throw new ArgumentNullException(name);
            }
        }

        private static int FindHorizon(PowerLimitTask limits, float seconds)
        {
            for (int i = 0; i < limits.HorizonCount; i++)
            {
                if (limits.GetHorizonSeconds(i) == seconds)
                {
                    return i;
                }
            }

            throw new ArgumentException("The power limit horizons lack " + seconds.ToString() + " s, which the CAN matrix sends. Include 2, 10 and 30 s in PowerLimitSettings.HorizonsSeconds.", "limits");
        }
    }
}
