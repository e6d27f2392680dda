using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Vcu;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Vcu.Network
{
    /// <summary>
    /// Transmit path of the VCU, run every 10 ms: sends VCU_TorqueCommand on every run, VCU_HvRequest every
    /// 2nd run (20 ms), VCU_GeneratorCommand every 5th (50 ms), VCU_ChargerRequest and VCU_Dashboard every
    /// 10th (100 ms), the cycle times of boards/can/vcu.dbc. Values come from <see cref="VcuOutputs"/>; the
    /// dashboard also reads <see cref="VehicleSignals"/>. Alive counters and CRC bytes follow
    /// docs/can-matrix.md. Nothing is allocated.
    /// </summary>
    public sealed class VcuCanTransmitTask : IPeriodicTask
    {
        /// <summary>Period this task expects to be registered with, the cycle time of VCU_TorqueCommand.</summary>
        public const long PeriodMicroseconds = 10000;

        /// <summary>Fuel level below which the low-fuel lamp is on, %. This project's choice.</summary>
        public const float LowFuelPercent = 10f;

        private const int HvRequestDivider = 2;
        private const int GeneratorDivider = 5;
        private const int SlowDivider = 10;

        private readonly VcuOutputs outputs;
        private readonly VehicleSignals signals;
        private readonly ICanTransmitter transmitter;
        private readonly float kmhPerRadianPerSecond;
        private readonly VCU_TorqueCommand torque = new VCU_TorqueCommand();
        private readonly VCU_HvRequest hv = new VCU_HvRequest();
        private readonly VCU_GeneratorCommand generator = new VCU_GeneratorCommand();
        private readonly VCU_ChargerRequest charger = new VCU_ChargerRequest();
        private readonly VCU_Dashboard dashboard = new VCU_Dashboard();
        private readonly CanFrame frame = new CanFrame();
        private int activation;
        private int torqueCounter;
        private int hvCounter;
        private int generatorCounter;
        private int chargerCounter;
        private long droppedFrameCount;
        private long sentFrameCount;

        /// <summary>
        /// Creates the task. <paramref name="kmhPerRadianPerSecond"/> converts motor speed to vehicle speed for
        /// the dashboard (TorqueArbiterSettings.KmhPerRadianPerSecond).
        /// </summary>
        public VcuCanTransmitTask(VcuOutputs outputs, VehicleSignals signals, ICanTransmitter transmitter, float kmhPerRadianPerSecond)
        {
            if (outputs == null)
            {
                throw new ArgumentNullException("outputs");
            }

            if (signals == null)
            {
                throw new ArgumentNullException("signals");
            }

            if (transmitter == null)
            {
                throw new ArgumentNullException("transmitter");
            }

            if (!(kmhPerRadianPerSecond > 0f))
            {
                throw new ArgumentOutOfRangeException("kmhPerRadianPerSecond", "The speed conversion factor must be positive (km/h per rad/s).");
            }

            this.outputs = outputs;
            this.signals = signals;
            this.transmitter = transmitter;
            this.kmhPerRadianPerSecond = kmhPerRadianPerSecond;
        }

        /// <summary>Frames the transmitter had no slot for.</summary>
        public long DroppedFrameCount
        {
            get { return droppedFrameCount; }
        }

        /// <summary>Frames handed to the transmitter.</summary>
        public long SentFrameCount
        {
            get { return sentFrameCount; }
        }

        /// <summary>Network management; while it is in Prepare Bus-Sleep or Bus-Sleep nothing is sent. Null sends always.</summary>
        public NetworkManager? Network { get; set; }

        /// <inheritdoc/>
        public void Run(long nowMicroseconds)
        {
            // AUTOSAR CAN NM: application messages stop in Prepare Bus-Sleep and Bus-Sleep.
            NetworkManager? nm = Network;
            if (nm != null && (nm.State == NmState.BusSleep || nm.State == NmState.PrepareBusSleep))
            {
                activation = 0;
                return;
            }

            SendTorqueCommand();
            if (activation % HvRequestDivider == 0)
            {
                SendHvRequest();
            }

            if (activation % GeneratorDivider == 0)
            {
                SendGeneratorCommand();
            }

            if (activation % SlowDivider == 0)
            {
                SendChargerRequest();
                SendDashboard();
            }

            activation = (activation + 1) % SlowDivider;
        }

        private void SendTorqueCommand()
        {
            torque.TorqueRequest = outputs.TorqueRequestNewtonMetres;
            torque.MotorMode = outputs.MotorMode;
            torque.Direction = outputs.Direction;
            torque.SpeedRequest = 0f;
            torque.MotoringTorqueLimit = outputs.MotoringTorqueLimitNewtonMetres;
            torque.RegenTorqueLimit = outputs.RegenTorqueLimitNewtonMetres;
            torque.TorqueCommandAliveCounter = torqueCounter;
            torque.TorqueCommandCrc = 0f;
            torque.Encode(frame);
            SendWithCrc(VCU_TorqueCommand.Length);
            torqueCounter = (torqueCounter + 1) & 0x3;
        }

        private void SendHvRequest()
        {
            hv.HvConnectRequest = outputs.HvConnectRequest;
            hv.ChargeModeRequest = outputs.ChargeModeRequest ? 1f : 0f;
            hv.CrashDetected = outputs.CrashDetected ? 1f : 0f;
            hv.HvilClosed = outputs.HvilClosed ? 1f : 0f;
            hv.HvRequestAliveCounter = hvCounter;
            hv.HvRequestCrc = 0f;
            hv.Encode(frame);
            SendWithCrc(VCU_HvRequest.Length);
            hvCounter = (hvCounter + 1) & 0xF;
        }

        private void SendGeneratorCommand()
        {
            // The matrix carries kilowatts.
            generator.GeneratorMode = outputs.GeneratorMode;
            generator.GeneratorPowerRequest = outputs.GeneratorPowerRequestWatts * 0.001f;
            generator.GeneratorSpeedRequest = outputs.GeneratorSpeedRequestRpm;
            generator.GeneratorMaxDcCurrent = outputs.GeneratorMaxDcAmperes;
            generator.GeneratorCommandAliveCounter = generatorCounter;
            generator.GeneratorCommandCrc = 0f;
            generator.Encode(frame);
            SendWithCrc(VCU_GeneratorCommand.Length);
            generatorCounter = (generatorCounter + 1) & 0xF;
        }

        private void SendChargerRequest()
        {
            charger.ChargeVoltageRequest = outputs.ChargeVoltageRequestVolts;
            charger.ChargeCurrentRequest = outputs.ChargeCurrentRequestAmperes;
            charger.ChargerEnable = outputs.ChargerEnable ? 1f : 0f;
            charger.ChargerRequestAliveCounter = chargerCounter;
            charger.Encode(frame);
            Send();
            chargerCounter = (chargerCounter + 1) & 0xF;
        }

        private void SendDashboard()
        {
            float speed = signals.MotorSpeedRadiansPerSecond;
            dashboard.VehicleSpeed = (speed < 0f ? -speed : speed) * kmhPerRadianPerSecond;
            dashboard.DisplayedSoc = signals.PackSoc * 100f;
            dashboard.Gear = GearOf(outputs.Direction);
            dashboard.PowertrainMode = signals.GeneratorState == GCU_Status.GeneratorStateGenerating
                ? VCU_Dashboard.PowertrainModeHybrid : VCU_Dashboard.PowertrainModeElectric;

            // NOTE: range is not estimated yet; 0 shows as "no estimate" until energy management provides it.
            dashboard.RemainingRange = 0f;
            dashboard.DisplayedFuelLevel = signals.FuelLevelPercent;
            dashboard.ReadyLamp = outputs.MotorMode == VCU_TorqueCommand.MotorModeTorqueControl ? 1f : 0f;
            dashboard.BatteryWarningLamp = !signals.BmsValid || signals.BmsFaultLevel > 0 ? 1f : 0f;
            dashboard.MotorTemperatureWarningLamp = signals.MotorDerating ? 1f : 0f;
            dashboard.GeneratorWarningLamp = signals.GeneratorState == GCU_Status.GeneratorStateFault ? 1f : 0f;
            dashboard.LowFuelWarningLamp = signals.FuelLevelPercent < LowFuelPercent ? 1f : 0f;

            // Bit 6 of BmsFaultFlags is InsulationFaultFlag; InsulationState 3 is MonitorFault.
            bool insulationFault = (signals.BmsFaultFlags & (1 << 6)) != 0 || signals.InsulationState == BMS_Insulation.InsulationStateMonitorFault;
            dashboard.InsulationWarningLamp = insulationFault ? 1f : 0f;
            dashboard.ChargingLamp = signals.ChargerState == OBC_Status.ChargerStateCharging ? 1f : 0f;
            dashboard.Encode(frame);
            Send();
        }

        private static int GearOf(int direction)
        {
            if (direction == VCU_TorqueCommand.DirectionForward)
            {
                return VCU_Dashboard.GearHigh;
            }

            return direction == VCU_TorqueCommand.DirectionReverse ? VCU_Dashboard.GearReverse : VCU_Dashboard.GearNeutral;
        }

        private void SendWithCrc(int length)
        {
            // The CRC byte is the last byte of the message and covers every byte before it.
            frame.Data[length - 1] = Crc8SaeJ1850.Compute(frame.Data, 0, length - 1);
            Send();
        }

        private void Send()
        {
            if (transmitter.TrySend(frame))
            {
                sentFrameCount++;
            }
            else
            {
                droppedFrameCount++;
            }
        }
    }
}
