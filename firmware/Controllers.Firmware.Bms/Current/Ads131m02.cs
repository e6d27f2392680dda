namespace Controllers.Firmware.Bms.Current
{
    /// <summary>
    /// Command words, register addresses, reset values and bit fields of the TI ADS131M02 two-channel 24-bit
    /// delta-sigma ADC. Source: ADS131M02 datasheet SBAS853A (Table 8-11 commands, Table 8-12 register map,
    /// Section 8.3.12 communication CRC, Section 8.3.3 PGA, Section 8.3.5 clocking).
    /// </summary>
    public static class Ads131m02
    {
        /// <summary>NULL: no operation; the next frame returns the STATUS register.</summary>
        public const ushort CommandNull = 0x0000;

        /// <summary>RESET: resets the device; the next frame returns <see cref="ResetResponse"/>.</summary>
        public const ushort CommandReset = 0x0011;

        /// <summary>STANDBY: stops conversions; the response echoes the command.</summary>
        public const ushort CommandStandby = 0x0022;

        /// <summary>WAKEUP: resumes conversions from standby; the response echoes the command.</summary>
        public const ushort CommandWakeup = 0x0033;

        /// <summary>LOCK: only NULL, UNLOCK and RREG are executed until UNLOCK.</summary>
        public const ushort CommandLock = 0x0555;

        /// <summary>UNLOCK: leaves the locked state.</summary>
        public const ushort CommandUnlock = 0x0655;

        /// <summary>RREG opcode 101a aaaa annn nnnn: read n + 1 registers from address a.</summary>
        public const ushort CommandReadRegisters = 0xA000;

        /// <summary>WREG opcode 011a aaaa annn nnnn: write n + 1 registers from address a.</summary>
        public const ushort CommandWriteRegisters = 0x6000;

        /// <summary>Response to RESET on the two-channel device: 1111 1111 0010 0010 (0xFF20 + channel count).</summary>
        public const ushort ResetResponse = 0xFF22;

        /// <summary>Register ID: 0x22xx, CHANCNT in bits 11:8.</summary>
        public const int RegisterId = 0x00;

        /// <summary>Register STATUS, reset 0x0500.</summary>
        public const int RegisterStatus = 0x01;

        /// <summary>Register MODE, reset 0x0510.</summary>
        public const int RegisterMode = 0x02;

        /// <summary>Register CLOCK, reset 0x030E.</summary>
        public const int RegisterClock = 0x03;

        /// <summary>Register GAIN1, reset 0x0000: PGAGAIN1 in bits 6:4, PGAGAIN0 in bits 2:0.</summary>
        public const int RegisterGain = 0x04;

        /// <summary>Register CFG, reset 0x0600.</summary>
        public const int RegisterConfiguration = 0x06;

        /// <summary>Register CH0_CFG, reset 0x0000; channel 1 registers start at 0x0E.</summary>
        public const int RegisterChannel0Configuration = 0x09;

        /// <summary>Register CH0_GCAL_MSB, reset 0x8000 (gain 1.0).</summary>
        public const int RegisterChannel0GainCalibrationMsb = 0x0C;

        /// <summary>Register REGMAP_CRC.</summary>
        public const int RegisterMapCrc = 0x3E;

        /// <summary>Size of the register address space (6 address bits).</summary>
        public const int RegisterCount = 64;

        /// <summary>ID register value without the revision byte.</summary>
        public const ushort IdValue = 0x2200;

        /// <summary>STATUS reset value.</summary>
        public const ushort StatusResetValue = 0x0500;

        /// <summary>MODE reset value: RESET flag, 24-bit words, SPI timeout enabled.</summary>
        public const ushort ModeResetValue = 0x0510;

        /// <summary>CLOCK reset value: both channels on, OSR 1024, high-resolution power mode.</summary>
        public const ushort ClockResetValue = 0x030E;

        /// <summary>CFG reset value.</summary>
        public const ushort ConfigurationResetValue = 0x0600;

        /// <summary>Gain calibration reset value: 0x800000 across CHn_GCAL_MSB and _LSB means gain 1.</summary>
        public const ushort GainCalibrationMsbResetValue = 0x8000;

        /// <summary>STATUS.LOCK (bit 15).</summary>
        public const ushort StatusLock = 0x8000;

        /// <summary>STATUS.CRC_ERR (bit 12): the last input frame had a wrong CRC.</summary>
        public const ushort StatusCrcError = 0x1000;

        /// <summary>STATUS.RESET (bit 10): a reset happened since MODE.RESET was last cleared.</summary>
        public const ushort StatusReset = 0x0400;

        /// <summary>STATUS.DRDY0 (bit 0); DRDY1 is bit 1.</summary>
        public const ushort StatusDataReady0 = 0x0001;

        /// <summary>MODE.REGCRC_EN (bit 13).</summary>
        public const ushort ModeRegisterCrcEnable = 0x2000;

        /// <summary>MODE.RX_CRC_EN (bit 12): the device checks the CRC of every input frame.</summary>
        public const ushort ModeInputCrcEnable = 0x1000;

        /// <summary>MODE.CRC_TYPE (bit 11): 0 selects CCITT (x^16 + x^12 + x^5 + 1), 1 selects ANSI.</summary>
        public const ushort ModeCrcTypeAnsi = 0x0800;

        /// <summary>MODE.RESET (bit 10); writing 0 clears STATUS.RESET.</summary>
        public const ushort ModeReset = 0x0400;

        /// <summary>MODE.WLENGTH = 01 (bits 9:8): 24-bit words.</summary>
        public const ushort ModeWordLength24 = 0x0100;

        /// <summary>MODE.TIMEOUT (bit 4): the SPI interface resets when a frame stalls.</summary>
        public const ushort ModeTimeout = 0x0010;

        /// <summary>CLOCK.CH0_EN (bit 8); CH1_EN is bit 9.</summary>
        public const ushort ClockChannel0Enable = 0x0100;

        /// <summary>CLOCK.PWR = 10 (bits 1:0): high-resolution mode.</summary>
        public const ushort ClockHighResolution = 0x0002;

        /// <summary>Bytes per word with the default 24-bit word length.</summary>
        public const int WordBytes = 3;

        /// <summary>Words in an output frame: response, channel 0, channel 1, CRC.</summary>
        public const int FrameWords = 4;

        /// <summary>Bytes in an output frame with 24-bit words.</summary>
        public const int FrameBytes = FrameWords * WordBytes;

        /// <summary>Internal reference voltage: full scale is ±1.2 V / gain (Section 8.3.4).</summary>
        public const float ReferenceVolts = 1.2f;

        /// <summary>Largest conversion code, 0x7FFFFF (two's complement, 24 bits).</summary>
        public const int MaxCode = 0x7FFFFF;

        /// <summary>Smallest conversion code, 0x800000 as a signed value.</summary>
        public const int MinCode = -0x800000;

        /// <summary>Oversampling ratios selected by CLOCK.OSR[2:0] = 0 to 7 (Section 8.3.7).</summary>
        public static int OversamplingRatio(int osrCode)
        {
            switch (osrCode)
            {
                case 0: return 128;
                case 1: return 256;
                case 2: return 512;
                case 3: return 1024;
                case 4: return 2048;
                case 5: return 4096;
                case 6: return 8192;
                case 7: return 16256;
                default: return 0;
            }
        }

        /// <summary>RREG command word for <paramref name="count"/> registers from <paramref name="address"/>.</summary>
        public static ushort ReadRegisters(int address, int count)
        {
            return (ushort)(CommandReadRegisters | ((address & 0x3F) << 7) | ((count - 1) & 0x7F));
        }

        /// <summary>WREG command word for <paramref name="count"/> registers from <paramref name="address"/>.</summary>
        public static ushort WriteRegisters(int address, int count)
        {
            return (ushort)(CommandWriteRegisters | ((address & 0x3F) << 7) | ((count - 1) & 0x7F));
        }
    }
}
