using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Vcu;
using Controllers.Firmware.Vcu.Network;

namespace Controllers.Firmware.Vcu.Charging
{
    /// <summary>
    /// CAN side of charging (boards/can/vcu.dbc): decodes OBC_Status (0x608, 100 ms) into
    /// <see cref="VehicleSignals"/> and clears <see cref="VehicleSignals.ChargerValid"/> when it is missing for
    /// three cycles, and sends VCU_ChargerRequest (0x600, 100 ms) from <see cref="VcuOutputs"/> with its 4-bit
    /// alive counter. Neither message carries a CRC in the matrix. Nothing is allocated after construction.
    /// </summary>
    public sealed class ChargerCanLink : ICanFrameConsumer
    {
        /// <summary>OBC_Status older than this clears ChargerValid: three 100 ms cycles, µs.</summary>
        public const long StatusTimeoutMicroseconds = 3 * OBC_Status.CycleTimeMilliseconds * 1000L;

        private const long RequestPeriodMicroseconds = VCU_ChargerRequest.CycleTimeMilliseconds * 1000L;

        private readonly VehicleSignals signals;
        private readonly VcuOutputs outputs;
        private readonly ICanTransmitter transmitter;
        private readonly OBC_Status status = new OBC_Status();
        private readonly VCU_ChargerRequest request = new VCU_ChargerRequest();
        private readonly CanFrame frame = new CanFrame();
        private long lastStatusMicroseconds;
        private bool statusSeen;
        private long nextRequestMicroseconds;
        private int aliveCounter;
        private long droppedFrameCount;

        /// <summary>Creates the link over the signals it writes, the outputs it sends and the bus.</summary>
        public ChargerCanLink(VehicleSignals signals, VcuOutputs outputs, ICanTransmitter transmitter)
        {
            if (signals == null)
            {
                throw new ArgumentNullException("signals");
            }

            if (outputs == null)
            {
                throw new ArgumentNullException("outputs");
            }

            if (transmitter == null)
            {
                throw new ArgumentNullException("transmitter");
            }

            this.signals = signals;
            this.outputs = outputs;
            this.transmitter = transmitter;
        }

        /// <summary>VCU_ChargerRequest frames the transmitter had no slot for.</summary>
        public long DroppedFrameCount
        {
            get { return droppedFrameCount; }
        }

        /// <inheritdoc/>
        public bool Consume(CanFrame received, long nowMicroseconds)
        {
            if (!status.TryDecode(received))
            {
                return false;
            }

            signals.ChargerOutputVolts = status.ChargerOutputVoltage;
            signals.ChargerOutputAmperes = status.ChargerOutputCurrent;
            signals.ChargerState = (int)status.ChargerState;
            signals.AcInputPresent = status.AcInputPresent != 0f;
            signals.ChargerCelsius = status.ChargerTemperature;
            signals.ChargerFaultCode = (int)status.ChargerFaultCode;
            signals.ChargerValid = true;
            lastStatusMicroseconds = nowMicroseconds;
            statusSeen = true;
            return true;
        }

        /// <summary>Clears ChargerValid when OBC_Status has been missing for longer than the timeout.</summary>
        public void CheckTimeout(long nowMicroseconds)
        {
            if (statusSeen && nowMicroseconds - lastStatusMicroseconds > StatusTimeoutMicroseconds)
            {
                signals.ChargerValid = false;
                statusSeen = false;
            }
        }

        /// <summary>Sends VCU_ChargerRequest from the outputs when its 100 ms cycle is due.</summary>
        public void Transmit(long nowMicroseconds)
        {
            if (nowMicroseconds < nextRequestMicroseconds)
            {
                return;
            }

            nextRequestMicroseconds = nowMicroseconds + RequestPeriodMicroseconds;
            request.ChargeVoltageRequest = outputs.ChargeVoltageRequestVolts;
            request.ChargeCurrentRequest = outputs.ChargeCurrentRequestAmperes;
            request.ChargerEnable = outputs.ChargerEnable ? VCU_ChargerRequest.ChargerEnableActive : VCU_ChargerRequest.ChargerEnableInactive;
            request.ChargerRequestAliveCounter = aliveCounter;
            request.Encode(frame);
            if (!transmitter.TrySend(frame))
            {
                droppedFrameCount++;
            }

            aliveCounter = (aliveCounter + 1) & 0xF;
        }
    }
}
