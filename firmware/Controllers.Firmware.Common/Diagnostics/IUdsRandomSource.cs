namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>Source of SecurityAccess seeds. A board implements it with its hardware random number generator.</summary>
    public interface IUdsRandomSource
    {
        /// <summary>Returns 32 random bits.</summary>
        uint NextUInt32();
    }
}
