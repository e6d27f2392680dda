namespace Controllers.Firmware.Common.Parameters
{
    /// <summary>
    /// Checks the rules between parameters that single limits cannot express (a start SOC below a stop SOC,
    /// a warning level above an error level) before routine 0x0300 saves the values.
    /// </summary>
    public interface IParameterValidator
    {
        /// <summary>Returns the index of the first parameter that breaks a rule, or -1 when the values are consistent.</summary>
        int FindInconsistentParameter(ParameterDatabase database);
    }
}
