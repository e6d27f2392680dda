using System;
using Controllers.Firmware.Common.Can;

namespace Controllers.Can.Transports;

/// <summary>
/// Bit counts and durations of classic CAN 2.0 frames (ISO 11898-1), including the 3-bit intermission.
/// <para>
/// Nominal bits: standard data frame 47 + 8n, extended data frame 67 + 8n, where n is the number of data
/// bytes. A remote frame carries no data field, so n = 0 whatever its DLC.
/// Bit stuffing covers SOF through the CRC sequence: 34 + 8n bits (standard) or 54 + 8n bits (extended).
/// After the first 5 equal bits, each further 4 bits can force one stuff bit, so the worst case is
/// floor((stuffable − 1) / 4) stuff bits.
/// </para>
/// </summary>
public static class CanBitTiming
{
    /// <summary>Bits in the standard frame outside the data field: SOF 1, id 11, RTR, IDE, r0, DLC 4, CRC 15, CRC delimiter, ACK 2, EOF 7, intermission 3.</summary>
    public const int StandardOverheadBits = 47;

    /// <summary>Bits in the extended frame outside the data field: the standard overhead plus SRR, the 18-bit id extension and r1.</summary>
    public const int ExtendedOverheadBits = 67;

    /// <summary>Returns the nominal bit count, without stuff bits, of a frame with these properties.</summary>
    public static int NominalBits(bool extended, bool remote, int length)
    {
        return (extended ? ExtendedOverheadBits : StandardOverheadBits) + 8 * DataBytes(remote, length);
    }

    /// <summary>Returns the number of bits from SOF to the end of the CRC sequence, the region where stuff bits can occur.</summary>
    public static int StuffableBits(bool extended, bool remote, int length)
    {
        return (extended ? 54 : 34) + 8 * DataBytes(remote, length);
    }

    /// <summary>Returns the maximum number of stuff bits a frame with these properties can contain.</summary>
    public static int MaxStuffBits(bool extended, bool remote, int length)
    {
        return (StuffableBits(extended, remote, length) - 1) / 4;
    }

    /// <summary>Returns the worst-case bit count, nominal bits plus the maximum stuff bits, of <paramref name="frame"/>.</summary>
    public static int WorstCaseBits(CanFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return NominalBits(frame.IsExtended, frame.IsRemote, frame.Length) + MaxStuffBits(frame.IsExtended, frame.IsRemote, frame.Length);
    }

    /// <summary>Returns the time <paramref name="bits"/> bits take at <paramref name="bitrate"/> bit/s, in nanoseconds rounded to the nearest.</summary>
    public static long BitsToNanoseconds(long bits, int bitrate)
    {
        if (bitrate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bitrate), bitrate, "The bitrate must be positive, in bit/s.");
        }

        return (bits * 1_000_000_000L + bitrate / 2) / bitrate;
    }

    /// <summary>
    /// Returns the priority key of the arbitration field of <paramref name="frame"/>: on the bus the frame
    /// with the lower key wins. A standard frame beats an extended frame with the same 11 base bits, and a
    /// data frame beats a remote frame with the same identifier.
    /// </summary>
    public static ulong ArbitrationKey(CanFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ulong remote = frame.IsRemote ? 1UL : 0UL;
        if (!frame.IsExtended)
        {
            // Base id, then RTR, then IDE = 0 (dominant).
            return ((ulong)frame.Id << 21) | (remote << 20);
        }

        // Base id (top 11 of the 29 bits), SRR = 1, IDE = 1, 18-bit extension, RTR.
        ulong baseId = frame.Id >> 18;
        ulong extension = frame.Id & 0x3FFFF;
        return (baseId << 21) | (1UL << 20) | (1UL << 19) | (extension << 1) | remote;
    }

    private static int DataBytes(bool remote, int length)
    {
        if (length < 0 || length > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "A classic CAN frame carries 0 to 8 data bytes.");
        }

        return remote ? 0 : length;
    }
}
