namespace Controllers.Firmware.Vcu.Energy
{
    /// <summary>Range-extender control strategy.</summary>
    public enum EnergyStrategy
    {
        /// <summary>The selector picks one of the others from the SOC and the power demand.</summary>
        Automatic = 0,

        /// <summary>Thermostat: the engine starts below a low SOC, stops above a high SOC and runs at its best-efficiency point.</summary>
        ConstantPower = 1,

        /// <summary>The generator follows the filtered traction demand plus a SOC correction.</summary>
        PowerFollowing = 2,

        /// <summary>The best-efficiency power as a floor, following the demand above it.</summary>
        ConstantPowerPlusFollowing = 3,

        /// <summary>Equivalent-consumption minimisation with a SOC-adapted equivalence factor.</summary>
        Ecms = 4,
    }

    /// <summary>Step of the engine start and stop sequence that the VCU runs.</summary>
    public enum EngineSequenceState
    {
        /// <summary>Engine stopped; GeneratorMode Off.</summary>
        Off = 0,

        /// <summary>Starter engaged until the GCU reports Idle or Generating; GeneratorMode Crank.</summary>
        Cranking = 1,

        /// <summary>Engine at idle speed without load until warm or the warm-up time passed; GeneratorMode Idle.</summary>
        WarmUp = 2,

        /// <summary>Generator delivers the strategy's power; GeneratorMode Generate.</summary>
        Generating = 3,

        /// <summary>Load removed and engine stopping until the GCU reports Off; GeneratorMode Shutdown.</summary>
        ShuttingDown = 4,
    }
}
