using System;
using Controllers.Firmware.Common.Hal;

namespace Controllers.Firmware.Bms.Current
{
    /// <summary>
    /// Pack current from a shunt read by a TI ADS131M02 over SPI (datasheet SBAS853A). Every SPI transfer is one
    /// frame of four 24-bit words. The host sends a command, an optional register word and the input CRC. The
    /// device returns the response to the previous frame's command, the two channel conversions and an output
    /// CRC over the first three words. Readings are raw, so wrap the driver in <see cref="CalibratedCurrentSensor"/>.
    /// </summary>
    public sealed class Ads131m02CurrentSensor : ICurrentSensor
    {
        private readonly ISpiBus spi;
        private readonly Ads131m02Settings settings;
        private readonly byte[] transmit = new byte[Ads131m02.FrameBytes];
        private readonly byte[] receive = new byte[Ads131m02.FrameBytes];
        private readonly float voltsPerCode;
        private readonly float polarity;
        private readonly ushort dataReadyBit;
        private readonly int dataOffset;

        private bool initialized;
        private bool hasConversion;
        private int staleReads;
        private int lastCode;
        private long crcErrorCount;
        private long noResponseCount;
        private long staleReadCount;
        private long unexpectedResetCount;

        /// <summary>Creates the driver; <see cref="Initialize"/> must succeed before the first read.</summary>
        public Ads131m02CurrentSensor(ISpiBus spi, Ads131m02Settings settings)
        {
            if (spi == null)
            {
                throw new ArgumentNullException("spi");
            }

            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            settings.Validate();
            this.spi = spi;
            this.settings = settings;

            // One code is (2 × 1.2 V / gain) / 2^24 = 1.2 V / (gain × 2^23): full scale ±1.2 V / gain in 24-bit two's complement.
            voltsPerCode = Ads131m02.ReferenceVolts / (settings.Gain * 8388608f);
            polarity = settings.InvertPolarity ? -1f : 1f;
            dataReadyBit = (ushort)(Ads131m02.StatusDataReady0 << settings.Channel);
            dataOffset = Ads131m02.WordBytes * (1 + settings.Channel);
        }

        /// <summary>True after <see cref="Initialize"/> succeeded and no unexpected device reset was seen since.</summary>
        public bool IsInitialized
        {
            get { return initialized; }
        }

        /// <summary>Volts at the ADC input per conversion code.</summary>
        public float VoltsPerCode
        {
            get { return voltsPerCode; }
        }

        /// <summary>Latest conversion code of the shunt channel, -8388608 to 8388607.</summary>
        public int LastCode
        {
            get { return lastCode; }
        }

        /// <summary>Latest shunt voltage in volts, sign already corrected so that charging is positive.</summary>
        public float LastShuntVolts
        {
            get { return lastCode * voltsPerCode * polarity; }
        }

        /// <summary>Frames whose output CRC did not match (SPI corruption); each failed the read it belonged to.</summary>
        public long CrcErrorCount
        {
            get { return crcErrorCount; }
        }

        /// <summary>Frames in which every byte read 0x00 or 0xFF: the device did not drive its output.</summary>
        public long NoResponseCount
        {
            get { return noResponseCount; }
        }

        /// <summary>Reads that found no new conversion (DRDY clear).</summary>
        public long StaleReadCount
        {
            get { return staleReadCount; }
        }

        /// <summary>Reads whose STATUS showed the RESET flag again, so the configuration was lost.</summary>
        public long UnexpectedResetCount
        {
            get { return unexpectedResetCount; }
        }

        /// <summary>
        /// Resets the device, writes MODE (input CRC on, RESET flag cleared), CLOCK (both channels, the
        /// configured OSR, high-resolution mode) and GAIN1, then reads the three registers back. Returns false
        /// when the reset response, a write acknowledgement, a read-back value or an output CRC is wrong.
        /// </summary>
        public bool Initialize()
        {
            initialized = false;
            hasConversion = false;
            staleReads = 0;

            ushort mode = (ushort)((Ads131m02.ModeResetValue & ~Ads131m02.ModeReset) | Ads131m02.ModeInputCrcEnable);
            ushort clock = (ushort)((Ads131m02.ClockChannel0Enable * 3) | (settings.OversamplingCode << 2) | Ads131m02.ClockHighResolution);
            ushort gain = (ushort)(Ads131m02Settings.GainCode(settings.Gain) << (4 * settings.Channel));

            // A response belongs to the previous frame's command, so each check reads one frame later.
            int response;
            ExchangeCommand(Ads131m02.CommandReset, 0, false);
            response = ExchangeCommand(Ads131m02.CommandNull, 0, false);
            if (response != Ads131m02.ResetResponse)
            {
                return false;
            }

            ExchangeCommand(Ads131m02.WriteRegisters(Ads131m02.RegisterMode, 1), mode, true);
            response = ExchangeCommand(Ads131m02.WriteRegisters(Ads131m02.RegisterClock, 1), clock, true);
            if (response != WriteAcknowledgement(Ads131m02.RegisterMode))
            {
                return false;
            }

            response = ExchangeCommand(Ads131m02.WriteRegisters(Ads131m02.RegisterGain, 1), gain, true);
            if (response != WriteAcknowledgement(Ads131m02.RegisterClock))
            {
                return false;
            }

            response = ExchangeCommand(Ads131m02.ReadRegisters(Ads131m02.RegisterMode, 1), 0, false);
            if (response != WriteAcknowledgement(Ads131m02.RegisterGain))
            {
                return false;
            }

            if (ExchangeCommand(Ads131m02.ReadRegisters(Ads131m02.RegisterClock, 1), 0, false) != mode)
            {
                return false;
            }

            if (ExchangeCommand(Ads131m02.ReadRegisters(Ads131m02.RegisterGain, 1), 0, false) != clock)
            {
                return false;
            }

            if (ExchangeCommand(Ads131m02.CommandNull, 0, false) != gain)
            {
                return false;
            }

            initialized = true;
            return true;
        }

        /// <summary>
        /// Reads one frame and returns the shunt current in amperes, positive when charging. Returns false when
        /// the driver is not initialized, the device did not respond, the CRC failed, the device reset itself or
        /// more than <see cref="Ads131m02Settings.MaxStaleReads"/> reads in a row found no new conversion.
        /// Allocates nothing.
        /// </summary>
        public bool TryReadAmperes(out float currentAmperes)
        {
            currentAmperes = 0f;
            if (!initialized)
            {
                return false;
            }

            int status = ExchangeCommand(Ads131m02.CommandNull, 0, false);
            if (status < 0)
            {
                return false;
            }

            if ((status & Ads131m02.StatusReset) != 0)
            {
                // NOTE: the device lost its configuration (brown-out or reset pin). The caller re-runs Initialize.
                unexpectedResetCount++;
                initialized = false;
                return false;
            }

            if ((status & dataReadyBit) != 0)
            {
                lastCode = ReadCode(dataOffset);
                hasConversion = true;
                staleReads = 0;
            }
            else
            {
                staleReadCount++;
                staleReads++;
                if (staleReads > settings.MaxStaleReads)
                {
                    return false;
                }
            }

            if (!hasConversion)
            {
                return false;
            }

            currentAmperes = lastCode * voltsPerCode * polarity / settings.ShuntResistanceOhms;
            return true;
        }

        private static int WriteAcknowledgement(int address)
        {
            // WREG response 010a aaaa ammm mmmm with m = registers written - 1 (Table 8-11, note 2).
            return 0x4000 | (address << 7);
        }

        /// <summary>
        /// Sends one frame with <paramref name="command"/> (and <paramref name="data"/> when
        /// <paramref name="hasData"/>) followed by its input CRC. Returns the response word of the frame, or -1
        /// after counting a missing response or a CRC error.
        /// </summary>
        private int ExchangeCommand(ushort command, ushort data, bool hasData)
        {
            Array.Clear(transmit, 0, transmit.Length);
            transmit[0] = (byte)(command >> 8);
            transmit[1] = (byte)command;
            int crcOffset = Ads131m02.WordBytes;
            if (hasData)
            {
                transmit[3] = (byte)(data >> 8);
                transmit[4] = (byte)data;
                crcOffset += Ads131m02.WordBytes;
            }

            ushort inputCrc = Crc16Ccitt.Compute(transmit, 0, crcOffset);
            transmit[crcOffset] = (byte)(inputCrc >> 8);
            transmit[crcOffset + 1] = (byte)inputCrc;

            spi.Transfer(transmit, receive, Ads131m02.FrameBytes);

            if (IsUndriven())
            {
                noResponseCount++;
                return -1;
            }

            int crcWord = Ads131m02.FrameBytes - Ads131m02.WordBytes;
            ushort expected = Crc16Ccitt.Compute(receive, 0, crcWord);
            ushort actual = (ushort)((receive[crcWord] << 8) | receive[crcWord + 1]);
            if (expected != actual)
            {
                crcErrorCount++;
                return -1;
            }

            return (receive[0] << 8) | receive[1];
        }

        private bool IsUndriven()
        {
            byte first = receive[0];
            if (first != 0x00 && first != 0xFF)
            {
                return false;
            }

            for (int i = 1; i < receive.Length; i++)
            {
                if (receive[i] != first)
                {
                    return false;
                }
            }

            return true;
        }

        private int ReadCode(int offset)
        {
            int raw = (receive[offset] << 16) | (receive[offset + 1] << 8) | receive[offset + 2];

            // Sign-extend the 24-bit two's complement code.
            return (raw & 0x800000) != 0 ? raw - 0x1000000 : raw;
        }
    }
}
