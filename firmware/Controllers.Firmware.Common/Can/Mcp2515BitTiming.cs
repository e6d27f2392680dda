using System;

namespace Controllers.Firmware.Common.Can
{
    /// <summary>
    /// MCP2515 bit timing and the CNF1 to CNF3 values that select it.
    /// </summary>
    /// <remarks>
    /// Facts from Section 5 of the Microchip MCP2515 datasheet (DS20001801): a time quantum is
    /// TQ = 2 × (BRP + 1) / Fosc with BRP 0 to 63. A bit is SyncSeg (1 TQ) + PropSeg (1-8 TQ) + PS1 (1-8 TQ)
    /// + PS2 (2-8 TQ), 8 to 25 TQ in total. The sample point lies between PS1 and PS2. The timing is valid
    /// only if PropSeg + PS1 ≥ PS2 and PS2 &gt; SJW, with SJW 1 to 4 TQ.
    /// <see cref="Calculate"/> picks the smallest BRP that gives a whole number of 8 to 25 TQ per bit, then
    /// places the sample point as near 87.5 % as PS2 ≥ 2 TQ allows. That is 87.5 % at 16 TQ and 75 % at 8 TQ.
    /// The datasheet's worked example samples at 60-70 %. Both placements meet the segment rules, and all nodes
    /// on one bus should use similar sample points.
    /// </remarks>
    public sealed class Mcp2515BitTiming
    {
        /// <summary>Fewest time quanta in one bit.</summary>
        public const int MinTimeQuanta = 8;

        /// <summary>Most time quanta in one bit.</summary>
        public const int MaxTimeQuanta = 25;

        private Mcp2515BitTiming(int oscillatorHz, int bitRate, int prescaler, int propagation, int phase1, int phase2, int jumpWidth)
        {
            OscillatorHz = oscillatorHz;
            BitRate = bitRate;
            BaudRatePrescaler = prescaler;
            PropagationSegment = propagation;
            PhaseSegment1 = phase1;
            PhaseSegment2 = phase2;
            SynchronizationJumpWidth = jumpWidth;
        }

        /// <summary>Oscillator (crystal) frequency in hertz.</summary>
        public int OscillatorHz { get; private set; }

        /// <summary>Bit rate in bit/s.</summary>
        public int BitRate { get; private set; }

        /// <summary>Register value BRP5:0 (0 to 63); the divisor is 2 × (BRP + 1).</summary>
        public int BaudRatePrescaler { get; private set; }

        /// <summary>Propagation segment in time quanta.</summary>
        public int PropagationSegment { get; private set; }

        /// <summary>Phase segment 1 in time quanta.</summary>
        public int PhaseSegment1 { get; private set; }

        /// <summary>Phase segment 2 in time quanta.</summary>
        public int PhaseSegment2 { get; private set; }

        /// <summary>Synchronization jump width in time quanta.</summary>
        public int SynchronizationJumpWidth { get; private set; }

        /// <summary>Time quanta per bit, including the 1-TQ synchronization segment.</summary>
        public int TimeQuantaPerBit
        {
            get { return 1 + PropagationSegment + PhaseSegment1 + PhaseSegment2; }
        }

        /// <summary>Sample point in tenths of a percent of the bit time (875 is 87.5 %).</summary>
        public int SamplePointPerMille
        {
            get { return (1 + PropagationSegment + PhaseSegment1) * 1000 / TimeQuantaPerBit; }
        }

        /// <summary>CNF1: SJW1:0 in bits 7-6 (SJW - 1), BRP5:0 in bits 5-0 (Register 5-1).</summary>
        public byte Cnf1
        {
            get { return (byte)(((SynchronizationJumpWidth - 1) << 6) | BaudRatePrescaler); }
        }

        /// <summary>
        /// CNF2: BTLMODE = 1 so that CNF3 sets PS2, SAM = 0 (one sample), PHSEG1 in bits 5-3 and PRSEG in bits
        /// 2-0, each stored as length - 1 (Register 5-2).
        /// </summary>
        public byte Cnf2
        {
            get { return (byte)(Mcp2515Register.Cnf2Btlmode | ((PhaseSegment1 - 1) << 3) | (PropagationSegment - 1)); }
        }

        /// <summary>CNF3: PHSEG2 in bits 2-0 as length - 1; SOF and WAKFIL are 0 (Register 5-3).</summary>
        public byte Cnf3
        {
            get { return (byte)(PhaseSegment2 - 1); }
        }

        /// <summary>
        /// Calculates the bit timing for <paramref name="bitRate"/> from an <paramref name="oscillatorHz"/>
        /// crystal. Throws <see cref="ArgumentException"/> when no prescaler gives a whole number of 8 to 25 time
        /// quanta per bit. For example 1000 kbit/s from 8 MHz needs 4 TQ per bit at BRP = 0.
        /// </summary>
        public static Mcp2515BitTiming Calculate(int oscillatorHz, int bitRate)
        {
            if (oscillatorHz <= 0)
            {
                throw new ArgumentOutOfRangeException("oscillatorHz", "The oscillator frequency must be positive.");
            }

            if (bitRate <= 0)
            {
                throw new ArgumentOutOfRangeException("bitRate", "The bit rate must be positive.");
            }

            for (int prescaler = 0; prescaler <= 63; prescaler++)
            {
                long quantumDivisor = 2L * (prescaler + 1) * bitRate;
                if (oscillatorHz % quantumDivisor != 0)
                {
                    continue;
                }

                long quanta = oscillatorHz / quantumDivisor;
                if (quanta > MaxTimeQuanta)
                {
                    continue;
                }

                if (quanta < MinTimeQuanta)
                {
                    break;
                }

                return FromQuanta(oscillatorHz, bitRate, prescaler, (int)quanta);
            }

            throw new ArgumentException("The MCP2515 cannot run " + bitRate.ToString() + " bit/s from a "
                + oscillatorHz.ToString() + " Hz oscillator: no prescaler gives a whole number of 8 to 25 time quanta "
                + "of 2 x (BRP + 1) / Fosc per bit. Use a faster crystal or a lower bit rate.");
        }

        private static Mcp2515BitTiming FromQuanta(int oscillatorHz, int bitRate, int prescaler, int quanta)
        {
            // Time quanta up to the sample point for 87.5 %, rounded to the nearest quantum.
            int beforeSample = (quanta * 7 + 4) / 8;
            int phase2 = quanta - beforeSample;
            if (phase2 < 2)
            {
                phase2 = 2;
            }

            int propagationAndPhase1 = quanta - 1 - phase2;
            if (propagationAndPhase1 > 16)
            {
                phase2 += propagationAndPhase1 - 16;
                propagationAndPhase1 = 16;
            }

            int phase1 = (propagationAndPhase1 + 1) / 2;
            int propagation = propagationAndPhase1 - phase1;
            int jumpWidth = phase2 - 1 > 4 ? 4 : phase2 - 1;

            if (propagation < 1 || phase1 > 8 || phase2 > 8 || propagationAndPhase1 < phase2)
            {
                throw new ArgumentException("No valid MCP2515 segment split for " + quanta.ToString()
                    + " time quanta per bit.");
            }

            return new Mcp2515BitTiming(oscillatorHz, bitRate, prescaler, propagation, phase1, phase2, jumpWidth);
        }
    }
}
