using System;

namespace Controllers.Firmware.Vcu.Energy
{
    /// <summary>
    /// Calibration of range-extender energy management. The engine figures are those of the 15 kW
    /// engine-generator of boards/vcu-atv.yaml. The operating line is computed from that file's BSFC table
    /// (bilinear interpolation, 92 % generator efficiency, 0.12 g/s idle flow as a floor). For each electrical
    /// power it gives the speed between 1500 and 4500 rpm with the lowest fuel flow, where the set delivers at
    /// most 15 kW × speed / 4500 rpm. The best point is 10 kW at 3450 rpm: 281 g/kWh at the shaft, 0.849 g/s,
    /// 11.78 kJ of electricity per gram of fuel.
    /// </summary>
    public sealed class RangeExtenderSettings
    {
        /// <summary>Strategy to run; <see cref="EnergyStrategy.Automatic"/> lets the selector choose.</summary>
        public EnergyStrategy Strategy { get; set; } = EnergyStrategy.Automatic;

        /// <summary>Largest electrical output of the generator, W.</summary>
        public float RatedPowerWatts { get; set; } = 15000f;

        /// <summary>Electrical power at the engine's best-efficiency point, the constant-power set point, W.</summary>
        public float BestEfficiencyPowerWatts { get; set; } = 10000f;

        /// <summary>Smallest power requested while generating, W; below it the engine would run near idle efficiency.</summary>
        public float MinGeneratePowerWatts { get; set; } = 3000f;

        /// <summary>Engine idle speed, rpm, requested during warm-up.</summary>
        public float IdleSpeedRpm { get; set; } = 1500f;

        /// <summary>Operating line: electrical power breakpoints, W, ascending.</summary>
        public float[] OperatingLinePowersWatts { get; set; } = new float[] { 0f, 2000f, 4000f, 6000f, 8000f, 10000f, 12000f, 15000f };

        /// <summary>Operating line: engine speed for each power breakpoint, rpm.</summary>
        public float[] OperatingLineSpeedsRpm { get; set; } = new float[] { 1500f, 1500f, 2050f, 2500f, 2750f, 3450f, 3600f, 4500f };

        /// <summary>Operating line: fuel flow for each power breakpoint, g/s.</summary>
        public float[] OperatingLineFuelGramsPerSecond { get; set; } = new float[] { 0.12f, 0.2031f, 0.3664f, 0.5256f, 0.6844f, 0.849f, 1.0304f, 1.3329f };

        /// <summary>Lower heating value of the fuel, J/g. Petrol: 43.4 MJ/kg, an estimate of the usual textbook figure.</summary>
        public float FuelLowerHeatingValueJoulesPerGram { get; set; } = 43400f;

        /// <summary>SOC the strategies hold, 0 to 1.</summary>
        public float TargetSoc { get; set; } = 0.5f;

        /// <summary>Thermostat: the engine starts at or below this SOC.</summary>
        public float StartSoc { get; set; } = 0.45f;

        /// <summary>Thermostat: the engine stops at or above this SOC.</summary>
        public float StopSoc { get; set; } = 0.55f;

        /// <summary>At or below this SOC the engine starts even before the minimum off time has passed.</summary>
        public float ProtectionSoc { get; set; } = 0.3f;

        /// <summary>Shortest run from the start request to the stop request, s; limits wear and cold running.</summary>
        public float MinOnSeconds { get; set; } = 60f;

        /// <summary>Shortest stop before the next start, s.</summary>
        public float MinOffSeconds { get; set; } = 30f;

        /// <summary>Time constant of the low-pass filter on the DC-link power demand, s.</summary>
        public float DemandFilterSeconds { get; set; } = 5f;

        /// <summary>
        /// Share of the BMS charge limit the generator leaves unused, 0 to 0.5. The generator's power falls behind
        /// a falling cap by the energy task's period, the command's CAN cycle and the set's own lag. The margin
        /// keeps the pack's charge current under the limit meanwhile.
        /// </summary>
        public float ChargeLimitMarginFraction { get; set; } = 0.1f;

        /// <summary>Power following and the selector start the engine when the filtered demand reaches this power, W.</summary>
        public float FollowingStartDemandWatts { get; set; } = 6000f;

        /// <summary>Power following lets the engine stop when the filtered demand is below this power, W.</summary>
        public float FollowingStopDemandWatts { get; set; } = 2000f;

        /// <summary>Power following: added power per unit of SOC below the target, W.</summary>
        public float SocCorrectionWattsPerUnitSoc { get; set; } = 50000f;

        /// <summary>Largest change of the power request, W/s, in both directions.</summary>
        public float PowerRampWattsPerSecond { get; set; } = 2000f;

        /// <summary>ECMS: equivalence factor at the target SOC, fuel energy per electrical energy.</summary>
        public float EquivalenceFactorAtTarget { get; set; } = 3.8f;

        /// <summary>ECMS: change of the equivalence factor per unit of SOC away from the target.</summary>
        public float EquivalenceFactorGainPerUnitSoc { get; set; } = 20f;

        /// <summary>ECMS: bounds of the equivalence factor.</summary>
        public float MinEquivalenceFactor { get; set; } = 1f;

        /// <inheritdoc cref="MinEquivalenceFactor"/>
        public float MaxEquivalenceFactor { get; set; } = 10f;

        /// <summary>ECMS: number of running power candidates between the lower bound and the upper limit.</summary>
        public int EcmsCandidateCount { get; set; } = 24;

        /// <summary>Selector: below this SOC it runs constant power plus power following to recover charge.</summary>
        public float SelectorLowSoc { get; set; } = 0.4f;

        /// <summary>Selector: at or above this filtered demand it runs power following, W.</summary>
        public float SelectorHighDemandWatts { get; set; } = 8000f;

        /// <summary>Longest crank before the start counts as failed, s.</summary>
        public float CrankTimeoutSeconds { get; set; } = 5f;

        /// <summary>Failed starts after which no further start is tried until <see cref="RangeExtenderManager.ClearStartFailures"/>.</summary>
        public int MaxStartAttempts { get; set; } = 3;

        /// <summary>Warm-up ends when the coolant reaches this temperature, °C, or after <see cref="WarmUpSeconds"/>.</summary>
        public float WarmUpCoolantCelsius { get; set; } = 40f;

        /// <inheritdoc cref="WarmUpCoolantCelsius"/>
        public float WarmUpSeconds { get; set; } = 5f;

        /// <summary>Longest wait for the GCU to report Off after a stop request, s.</summary>
        public float ShutdownTimeoutSeconds { get; set; } = 5f;

        /// <summary>No start at or below this fuel level, %.</summary>
        public float MinFuelPercent { get; set; } = 2f;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
        public void Validate()
        {
            CheckRange(RatedPowerWatts, 100f, 60000f, "RatedPowerWatts");
            CheckRange(BestEfficiencyPowerWatts, 0f, RatedPowerWatts, "BestEfficiencyPowerWatts");
            CheckRange(MinGeneratePowerWatts, 0f, BestEfficiencyPowerWatts, "MinGeneratePowerWatts");
            CheckRange(IdleSpeedRpm, 100f, 8000f, "IdleSpeedRpm");
            CheckOperatingLine();
            CheckRange(FuelLowerHeatingValueJoulesPerGram, 1000f, 150000f, "FuelLowerHeatingValueJoulesPerGram");
            CheckRange(TargetSoc, 0f, 1f, "TargetSoc");
            CheckRange(ProtectionSoc, 0f, 1f, "ProtectionSoc");
            CheckRange(StartSoc, ProtectionSoc, TargetSoc, "StartSoc");
            CheckRange(StopSoc, TargetSoc, 1f, "StopSoc");
            if (!(StartSoc < StopSoc))
            {
                throw new ArgumentException("StartSoc = " + StartSoc.ToString() + " must be below StopSoc = " + StopSoc.ToString() + " to leave a hysteresis band.", "StartSoc");
            }

            CheckRange(MinOnSeconds, 0f, 3600f, "MinOnSeconds");
            CheckRange(MinOffSeconds, 0f, 3600f, "MinOffSeconds");
            CheckRange(DemandFilterSeconds, 0f, 600f, "DemandFilterSeconds");
            CheckRange(ChargeLimitMarginFraction, 0f, 0.5f, "ChargeLimitMarginFraction");
            CheckRange(FollowingStartDemandWatts, 0f, 1e6f, "FollowingStartDemandWatts");
            CheckRange(FollowingStopDemandWatts, 0f, FollowingStartDemandWatts, "FollowingStopDemandWatts");
            CheckRange(SocCorrectionWattsPerUnitSoc, 0f, 1e7f, "SocCorrectionWattsPerUnitSoc");
            CheckRange(PowerRampWattsPerSecond, 1f, 1e7f, "PowerRampWattsPerSecond");
            CheckRange(MinEquivalenceFactor, 0f, 100f, "MinEquivalenceFactor");
            CheckRange(MaxEquivalenceFactor, MinEquivalenceFactor, 100f, "MaxEquivalenceFactor");
            CheckRange(EquivalenceFactorAtTarget, MinEquivalenceFactor, MaxEquivalenceFactor, "EquivalenceFactorAtTarget");
            CheckRange(EquivalenceFactorGainPerUnitSoc, 0f, 1000f, "EquivalenceFactorGainPerUnitSoc");
            if (EcmsCandidateCount < 1 || EcmsCandidateCount > 200)
            {
                throw new ArgumentException("EcmsCandidateCount = " + EcmsCandidateCount.ToString() + " is out of range; use 1 to 200.", "EcmsCandidateCount");
            }

            CheckRange(SelectorLowSoc, 0f, 1f, "SelectorLowSoc");
            CheckRange(SelectorHighDemandWatts, 0f, 1e6f, "SelectorHighDemandWatts");
            CheckRange(CrankTimeoutSeconds, 0.1f, 60f, "CrankTimeoutSeconds");
            if (MaxStartAttempts < 1 || MaxStartAttempts > 100)
            {
                throw new ArgumentException("MaxStartAttempts = " + MaxStartAttempts.ToString() + " is out of range; use 1 to 100.", "MaxStartAttempts");
            }

            CheckRange(WarmUpCoolantCelsius, -40f, 150f, "WarmUpCoolantCelsius");
            CheckRange(WarmUpSeconds, 0f, 600f, "WarmUpSeconds");
            CheckRange(ShutdownTimeoutSeconds, 0.1f, 60f, "ShutdownTimeoutSeconds");
            CheckRange(MinFuelPercent, 0f, 100f, "MinFuelPercent");
        }

        private void CheckOperatingLine()
        {
            if (OperatingLinePowersWatts == null || OperatingLineSpeedsRpm == null || OperatingLineFuelGramsPerSecond == null)
            {
                throw new ArgumentException("The operating line is missing; set OperatingLinePowersWatts, OperatingLineSpeedsRpm and OperatingLineFuelGramsPerSecond.", "OperatingLinePowersWatts");
            }

            int count = OperatingLinePowersWatts.Length;
            if (count < 2 || OperatingLineSpeedsRpm.Length != count || OperatingLineFuelGramsPerSecond.Length != count)
            {
                throw new ArgumentException("The operating line needs at least 2 breakpoints and the same count in powers (" + count.ToString() + "), speeds (" + OperatingLineSpeedsRpm.Length.ToString() + ") and fuel flows (" + OperatingLineFuelGramsPerSecond.Length.ToString() + ").", "OperatingLinePowersWatts");
            }

            for (int i = 0; i < count; i++)
            {
                CheckRange(OperatingLinePowersWatts[i], 0f, 1e6f, "OperatingLinePowersWatts");
                CheckRange(OperatingLineSpeedsRpm[i], 0f, 20000f, "OperatingLineSpeedsRpm");
                CheckRange(OperatingLineFuelGramsPerSecond[i], 0f, 100f, "OperatingLineFuelGramsPerSecond");
                if (i > 0 && !(OperatingLinePowersWatts[i] > OperatingLinePowersWatts[i - 1]))
                {
                    throw new ArgumentException("OperatingLinePowersWatts[" + i.ToString() + "] = " + OperatingLinePowersWatts[i].ToString() + " must be above the previous breakpoint; list the powers in ascending order.", "OperatingLinePowersWatts");
                }
            }
        }

        private static void CheckRange(float value, float minimum, float maximum, string name)
        {
            if (!(value >= minimum && value <= maximum))
            {
                throw new ArgumentException(name + " = " + value.ToString() + " is out of range; use " + minimum.ToString() + " to " + maximum.ToString() + ".", name);
            }
        }
    }
}
