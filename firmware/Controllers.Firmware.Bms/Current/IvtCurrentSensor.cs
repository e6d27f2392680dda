using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Bms;
using Controllers.Firmware.Common.Hal;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Bms.Current
{
    /// <summary>
    /// Pack current, voltages U1 to U3 and shunt temperature from an Isabellenhuette IVT-S style sensor on the
    /// BMS CAN bus, decoded with the codecs generated from boards/can/bms.dbc (IVT_Result_I, _U1, _U2, _U3, _T).
    /// The CAN receive path passes every frame to <see cref="HandleFrame"/>; the current task reads
    /// <see cref="TryReadAmperes"/>. A value is valid while its last accepted frame is younger than the timeout
    /// and carried a zero status nibble.
    /// </summary>
    public sealed class IvtCurrentSensor : ICurrentSensor
    {
        /// <summary>Index of the current result (mux id 0).</summary>
        public const int ResultCurrent = 0;

        /// <summary>Index of voltage U1 (mux id 1); U2 and U3 follow as 2 and 3.</summary>
        public const int ResultVoltage1 = 1;

        /// <summary>Index of the temperature result (mux id 4).</summary>
        public const int ResultTemperature = 4;

        private const int ResultCount = 5;

        private readonly IMonotonicClock clock;
        private readonly long currentTimeoutMicroseconds;
        private readonly long voltageTimeoutMicroseconds;
        private readonly long temperatureTimeoutMicroseconds;
        private readonly float polarity;

        private readonly IVT_Result_I currentMessage = new IVT_Result_I();
        private readonly IVT_Result_U1 voltage1Message = new IVT_Result_U1();
        private readonly IVT_Result_U2 voltage2Message = new IVT_Result_U2();
        private readonly IVT_Result_U3 voltage3Message = new IVT_Result_U3();
        private readonly IVT_Result_T temperatureMessage = new IVT_Result_T();

        private readonly float[] values = new float[ResultCount];
        private readonly int[] lastCounters = new int[ResultCount];
        private readonly long[] receivedMicroseconds = new long[ResultCount];
        private readonly bool[] received = new bool[ResultCount];
        private readonly int[] statuses = new int[ResultCount];

        private long counterJumpCount;
        private long repeatedCounterCount;
        private long statusErrorCount;
        private long malformedFrameCount;
        private long timeoutCount;
        private bool currentTimedOut;

        /// <summary>Creates the sensor with no value received yet.</summary>
        public IvtCurrentSensor(IMonotonicClock clock, IvtSensorSettings settings)
        {
            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            settings.Validate();
            this.clock = clock;
            currentTimeoutMicroseconds = settings.CurrentTimeoutMilliseconds * 1000L;
            voltageTimeoutMicroseconds = settings.VoltageTimeoutMilliseconds * 1000L;
            temperatureTimeoutMicroseconds = settings.TemperatureTimeoutMilliseconds * 1000L;
            polarity = settings.InvertPolarity ? -1f : 1f;
        }

        /// <summary>Frames whose message counter skipped values, so frames were lost; their values are used.</summary>
        public long CounterJumpCount
        {
            get { return counterJumpCount; }
        }

        /// <summary>Frames that repeated the previous counter (a stuck sender); they are discarded.</summary>
        public long RepeatedCounterCount
        {
            get { return repeatedCounterCount; }
        }

        /// <summary>Frames with a nonzero status nibble; the value is invalid until a frame with status 0 arrives.</summary>
        public long StatusErrorCount
        {
            get { return statusErrorCount; }
        }

        /// <summary>Frames with an IVT identifier but a short length, a remote flag or a wrong mux id; discarded.</summary>
        public long MalformedFrameCount
        {
            get { return malformedFrameCount; }
        }

        /// <summary>Times the current went from valid to lost because no frame arrived within the timeout.</summary>
        public long TimeoutCount
        {
            get { return timeoutCount; }
        }

        /// <summary>Returns the status nibble of the last accepted frame of result index <paramref name="result"/> (0 to 4).</summary>
        public int Status(int result)
        {
            return statuses[result];
        }

        /// <summary>
        /// Decodes <paramref name="frame"/> when it is one of the five IVT result messages and returns true;
        /// returns false for any other identifier. Allocates nothing.
        /// </summary>
        public bool HandleFrame(CanFrame frame)
        {
            switch (frame.Id)
            {
                case IVT_Result_I.Id:
                    if (currentMessage.TryDecode(frame))
                    {
                        Accept(ResultCurrent, currentMessage.IvtCurrentMuxId, currentMessage.IvtCurrentCounter,
                            currentMessage.IvtCurrentStatus, currentMessage.IvtCurrent * 0.001f * polarity);
                    }
                    else
                    {
                        malformedFrameCount++;
                    }

                    return true;

                case IVT_Result_U1.Id:
                    if (voltage1Message.TryDecode(frame))
                    {
                        Accept(ResultVoltage1, voltage1Message.IvtVoltage1MuxId, voltage1Message.IvtVoltage1Counter,
                            voltage1Message.IvtVoltage1Status, voltage1Message.IvtVoltage1 * 0.001f);
                    }
                    else
                    {
                        malformedFrameCount++;
                    }

                    return true;

                case IVT_Result_U2.Id:
                    if (voltage2Message.TryDecode(frame))
                    {
                        Accept(ResultVoltage1 + 1, voltage2Message.IvtVoltage2MuxId, voltage2Message.IvtVoltage2Counter,
                            voltage2Message.IvtVoltage2Status, voltage2Message.IvtVoltage2 * 0.001f);
                    }
                    else
                    {
                        malformedFrameCount++;
                    }

                    return true;

                case IVT_Result_U3.Id:
                    if (voltage3Message.TryDecode(frame))
                    {
                        Accept(ResultVoltage1 + 2, voltage3Message.IvtVoltage3MuxId, voltage3Message.IvtVoltage3Counter,
                            voltage3Message.IvtVoltage3Status, voltage3Message.IvtVoltage3 * 0.001f);
                    }
                    else
                    {
                        malformedFrameCount++;
                    }

                    return true;

                case IVT_Result_T.Id:
                    if (temperatureMessage.TryDecode(frame))
                    {
                        Accept(ResultTemperature, temperatureMessage.IvtTemperatureMuxId, temperatureMessage.IvtTemperatureCounter,
                            temperatureMessage.IvtTemperatureStatus, (float)temperatureMessage.IvtTemperature);
                    }
                    else
                    {
                        malformedFrameCount++;
                    }

                    return true;

                default:
                    return false;
            }
        }

        /// <summary>
        /// Returns the latest current in amperes, positive when charging. Returns false before the first frame,
        /// after <see cref="IvtSensorSettings.CurrentTimeoutMilliseconds"/> without a frame (sensor loss) and while
        /// the last frame reported a status error.
        /// </summary>
        public bool TryReadAmperes(out float currentAmperes)
        {
            bool valid = TryReadResult(ResultCurrent, currentTimeoutMicroseconds, out currentAmperes);
            bool timedOut = received[ResultCurrent] && clock.NowMicroseconds - receivedMicroseconds[ResultCurrent] > currentTimeoutMicroseconds;
            if (timedOut && !currentTimedOut)
            {
                timeoutCount++;
            }

            currentTimedOut = timedOut;
            return valid;
        }

        /// <summary>Returns voltage U<paramref name="input"/> (1 to 3) in volts, valid within <see cref="IvtSensorSettings.VoltageTimeoutMilliseconds"/> and with status 0.</summary>
        public bool TryReadVoltage(int input, out float volts)
        {
            if (input < 1 || input > 3)
            {
                throw new ArgumentOutOfRangeException("input", "The IVT-S voltage inputs are U1, U2 and U3; pass 1, 2 or 3.");
            }

            return TryReadResult(ResultVoltage1 + input - 1, voltageTimeoutMicroseconds, out volts);
        }

        /// <summary>Returns the shunt temperature in degrees Celsius, valid within <see cref="IvtSensorSettings.TemperatureTimeoutMilliseconds"/> and with status 0.</summary>
        public bool TryReadTemperatureCelsius(out float temperatureCelsius)
        {
            return TryReadResult(ResultTemperature, temperatureTimeoutMicroseconds, out temperatureCelsius);
        }

        private bool TryReadResult(int result, long timeoutMicroseconds, out float value)
        {
            value = values[result];
            if (!received[result] || statuses[result] != 0)
            {
                return false;
            }

            return clock.NowMicroseconds - receivedMicroseconds[result] <= timeoutMicroseconds;
        }

        private void Accept(int result, float muxId, float counterValue, float statusValue, float value)
        {
            if ((int)muxId != result)
            {
                malformedFrameCount++;
                return;
            }

            int counter = (int)counterValue;
            if (received[result])
            {
                int expected = (lastCounters[result] + 1) & 0x0F;
                if (counter == lastCounters[result])
                {
                    repeatedCounterCount++;
                    return;
                }

                if (counter != expected)
                {
                    counterJumpCount++;
                }
            }

            int status = (int)statusValue;
            if (status != 0)
            {
                statusErrorCount++;
            }

            values[result] = value;
            lastCounters[result] = counter;
            statuses[result] = status;
            received[result] = true;
            receivedMicroseconds[result] = clock.NowMicroseconds;
        }
    }
}
