using Controllers.Firmware.Common.Can;

namespace Controllers.Can.Transports;

/// <summary>
/// Acceptance filter: a frame matches when <c>(frame.Id &amp; Mask) == (Id &amp; Mask)</c> and its identifier
/// format equals <see cref="Extended"/>. A mask of 0 accepts every identifier of that format.
/// </summary>
public readonly record struct CanFilter(uint Id, uint Mask, bool Extended)
{
    /// <summary>Creates a filter for exactly one standard identifier.</summary>
    public static CanFilter Standard(uint id) => new CanFilter(id, CanFrame.MaxStandardId, false);

    /// <summary>Creates a filter for exactly one extended identifier.</summary>
    public static CanFilter ExtendedId(uint id) => new CanFilter(id, CanFrame.MaxExtendedId, true);

    /// <summary>Returns true when <paramref name="frame"/> passes this filter.</summary>
    public bool Matches(CanFrame frame)
    {
        return frame.IsExtended == Extended && (frame.Id & Mask) == (Id & Mask);
    }
}
