using System;

namespace Controllers.Firmware.Common.Diagnostics
{
    // Counter-based debouncing with the ISO 14229-1 DTCFaultDetectionCounter: a signed byte from -128
    // (test passed) to +127 (test failed). Prefailed results count up, prepassed results count down, and
    // the counter reaching either end completes the test as ReportTestResult would.
    public sealed partial class DtcMemory
    {
        /// <summary>Fault detection counter of a failed test.</summary>
        public const int FaultDetectionFailed = 127;

        /// <summary>Fault detection counter of a passed test.</summary>
        public const int FaultDetectionPassed = -128;

        // 255 covers the whole range -128..+127, so one prefailed or prepassed result completes the test.
        private const byte ImmediateStep = 255;

        private readonly sbyte[] faultDetectionCounters;
        private readonly byte[] incrementSteps;
        private readonly byte[] decrementSteps;
        private readonly bool[] jumpsToZero;

        /// <summary>
        /// Sets the debounce of DTC <paramref name="number"/>: each prefailed result adds
        /// <paramref name="incrementStep"/> and each prepassed result subtracts <paramref name="decrementStep"/>
        /// (1 to 255 each). So a fault must persist for ceil(127 / incrementStep) prefailed results from 0. With
        /// <paramref name="jumpToZero"/> the counter first jumps to 0 when a result points the other way to
        /// the counter's sign, so an intermittent fault does not have to count back from -128. Until this is
        /// called the steps are 255 and one result completes the test.
        /// </summary>
        public void ConfigureDebounce(uint number, int incrementStep, int decrementStep, bool jumpToZero)
        {
            int index = IndexOf(number);
            if (index < 0)
            {
                throw new ArgumentException("The DTC is not registered; register it before configuring its debounce.", "number");
            }

            if (incrementStep < 1 || incrementStep > 255)
            {
                throw new ArgumentOutOfRangeException("incrementStep", "The debounce increment step must be 1 to 255.");
            }

            if (decrementStep < 1 || decrementStep > 255)
            {
                throw new ArgumentOutOfRangeException("decrementStep", "The debounce decrement step must be 1 to 255.");
            }

            incrementSteps[index] = (byte)incrementStep;
            decrementSteps[index] = (byte)decrementStep;
            jumpsToZero[index] = jumpToZero;
        }

        /// <summary>Returns the fault detection counter at <paramref name="index"/>, -128 to +127.</summary>
        public int FaultDetectionCounterAt(int index)
        {
            CheckIndex(index);
            return faultDetectionCounters[index];
        }

        /// <summary>
        /// Reports one monitor sample of DTC <paramref name="number"/>: prefailed when
        /// <paramref name="preFailed"/> is true, prepassed otherwise. The counter moves by the configured step,
        /// and at +127 the test completes as failed, at -128 as passed. Returns false when the DTC is not
        /// registered or DTC setting is off.
        /// </summary>
        public bool ReportMonitorSample(uint number, bool preFailed)
        {
            int index = IndexOf(number);
            if (index < 0 || !updateEnabled)
            {
                return false;
            }

            int counter = faultDetectionCounters[index];
            if (preFailed)
            {
                if (jumpsToZero[index] && counter < 0)
                {
                    counter = 0;
                }

                counter += incrementSteps[index];
                if (counter >= FaultDetectionFailed)
                {
                    ApplyTestResult(index, true);
                    return true;
                }
            }
            else
            {
                if (jumpsToZero[index] && counter > 0)
                {
                    counter = 0;
                }

                counter -= decrementSteps[index];
                if (counter <= FaultDetectionPassed)
                {
                    ApplyTestResult(index, false);
                    return true;
                }
            }

            faultDetectionCounters[index] = (sbyte)counter;
            return true;
        }
    }
}
