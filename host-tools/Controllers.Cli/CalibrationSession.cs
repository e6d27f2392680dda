using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Controllers.Can.Diagnostics;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Cli;

/// <summary>Result of saving the calibration record and checking it.</summary>
/// <param name="Crc">CRC-32 of the record payload that the board reported and the tool computed.</param>
/// <param name="Sequence">Sequence number of the saved record.</param>
internal sealed record CalibrationSaveResult(uint Crc, uint Sequence);

/// <summary>Thrown when a read-back or CRC check after the save fails. The message names the value that differs.</summary>
internal sealed class CalibrationVerificationException(string message) : Exception(message);

/// <summary>
/// The tester's side of the calibration DIDs (docs/calibration.md). It opens the extended session with
/// security access, reads the block directory 0x41FD, block values and raw readings, and writes blocks and
/// the metadata 0x41FE. It saves with routine 0x0310 and checks the saved record against its own CRC-32.
/// </summary>
internal sealed class CalibrationSession
{
    public const ushort DirectoryIdentifier = 0x41FD;
    public const ushort MetadataIdentifier = 0x41FE;
    public const ushort StatusIdentifier = 0x41FF;
    public const ushort SaveRoutine = 0x0310;
    public const byte ExtendedSession = 0x03;
    public const byte SecurityLevel = 0x01;
    public const int MetadataLength = 64;
    public const int TextLength = 16;

    /// <summary>Bits of a value that is not set: the quiet NaN 0x7FC00000, as the firmware writes it.</summary>
    public const uint UnsetBits = 0x7FC00000;

    private readonly UdsClient client;
    private readonly Dictionary<ushort, byte[]> originalValues = new();
    private readonly Dictionary<ushort, byte[]> writtenValues = new();

    public CalibrationSession(UdsClient client)
    {
        this.client = client;
    }

    /// <summary>Block identifiers in payload order, read by <see cref="Open"/>.</summary>
    public IReadOnlyList<ushort> Blocks { get; private set; } = [];

    /// <summary>Enters the extended session, unlocks security level 0x01 and reads the directory and every block.</summary>
    public void Open(byte[] secret)
    {
        client.DiagnosticSessionControl(ExtendedSession);
        client.SecurityAccess(SecurityLevel, secret);

        byte[] directory = client.ReadDataByIdentifier(DirectoryIdentifier);
        int count = directory.Length > 0 ? directory[0] : 0;
        if (directory.Length != 1 + 2 * count)
        {
            throw new CalibrationVerificationException(Messages.Format("CalibrateBadDirectory", directory.Length, count));
        }

        var blocks = new List<ushort>();
        for (int i = 0; i < count; i++)
        {
            ushort identifier = BinaryPrimitives.ReadUInt16BigEndian(directory.AsSpan(1 + 2 * i));
            blocks.Add(identifier);
            originalValues[identifier] = client.ReadDataByIdentifier(identifier);
        }

        Blocks = blocks;
    }

    /// <summary>Blocks whose identifier lies in [<paramref name="first"/>, <paramref name="last"/>], in order.</summary>
    public IReadOnlyList<ushort> BlocksIn(int first, int last) => Blocks.Where(id => id >= first && id <= last).ToList();

    /// <summary>Value of <paramref name="identifier"/> as read before this session changed anything.</summary>
    public byte[] Original(ushort identifier) => originalValues[identifier];

    /// <summary>Reads a raw-reading DID (IEEE 754 single, big-endian).</summary>
    public float ReadRaw(ushort identifier) => ReadSingle(client.ReadDataByIdentifier(identifier), 0);

    /// <summary>Reads the value of any DID, for raw readings longer than one number.</summary>
    public byte[] ReadBytes(ushort identifier) => client.ReadDataByIdentifier(identifier);

    /// <summary>Writes a block value; the board uses it at once.</summary>
    public void WriteBlock(ushort identifier, byte[] value)
    {
        client.WriteDataByIdentifier(identifier, value);
        writtenValues[identifier] = value;
    }

    /// <summary>
    /// Writes the metadata, saves the record with routine 0x0310 and checks it. The CRC that the routine returns
    /// and the one in 0x41FF must equal the CRC-32 of the expected payload: every block as written or as read
    /// before, then the metadata. Every written value must read back unchanged.
    /// </summary>
    public CalibrationSaveResult SaveAndVerify(byte[] metadata)
    {
        client.WriteDataByIdentifier(MetadataIdentifier, metadata);
        byte[] result = client.RoutineControl(RoutineControlType.StartRoutine, SaveRoutine);
        if (result.Length < 8)
        {
            throw new CalibrationVerificationException(Messages.Format("CalibrateShortSaveResult", result.Length));
        }

        uint boardCrc = BinaryPrimitives.ReadUInt32BigEndian(result);
        uint sequence = BinaryPrimitives.ReadUInt32BigEndian(result.AsSpan(4));

        var payload = new List<byte>();
        foreach (ushort identifier in Blocks)
        {
            payload.AddRange(writtenValues.TryGetValue(identifier, out byte[]? value) ? value : originalValues[identifier]);
        }

        payload.AddRange(metadata);
        byte[] bytes = payload.ToArray();
        uint expectedCrc = Crc32.Compute(bytes, 0, bytes.Length);
        if (boardCrc != expectedCrc)
        {
            throw new CalibrationVerificationException(Messages.Format("CalibrateCrcMismatch", "0x0310", boardCrc, expectedCrc));
        }

        byte[] status = client.ReadDataByIdentifier(StatusIdentifier);
        uint statusCrc = BinaryPrimitives.ReadUInt32BigEndian(status);
        uint statusSequence = BinaryPrimitives.ReadUInt32BigEndian(status.AsSpan(4));
        if (statusCrc != expectedCrc || statusSequence != sequence)
        {
            throw new CalibrationVerificationException(Messages.Format("CalibrateCrcMismatch", "0x41FF", statusCrc, expectedCrc));
        }

        foreach (var (identifier, value) in writtenValues.Append(new KeyValuePair<ushort, byte[]>(MetadataIdentifier, metadata)))
        {
            byte[] readBack = client.ReadDataByIdentifier(identifier);
            if (!readBack.AsSpan().SequenceEqual(value))
            {
                throw new CalibrationVerificationException(Messages.Format("CalibrateReadBackMismatch", identifier,
                    Convert.ToHexString(value), Convert.ToHexString(readBack)));
            }
        }

        return new CalibrationSaveResult(expectedCrc, sequence);
    }

    /// <summary>
    /// Encodes the metadata DID: operator and instrument as 16 bytes of ASCII padded with 0, UTC seconds
    /// (int64), four reference values (IEEE 754 single, 0x7FC00000 when unused), procedure id (uint16), 6 zero bytes.
    /// </summary>
    public static byte[] EncodeMetadata(string operatorName, long unixSeconds, string instrument, IReadOnlyList<double> references, ushort procedureId)
    {
        var bytes = new byte[MetadataLength];
        Encoding.ASCII.GetBytes(operatorName).CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(16), unixSeconds);
        Encoding.ASCII.GetBytes(instrument).CopyTo(bytes, 24);
        for (int i = 0; i < 4; i++)
        {
            if (i < references.Count)
            {
                WriteSingle(bytes, 40 + 4 * i, (float)references[i]);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(40 + 4 * i), UnsetBits);
            }
        }

        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(56), procedureId);
        return bytes;
    }

    /// <summary>True when <paramref name="text"/> fits a 16-byte metadata text field: 1 to 16 printable ASCII characters.</summary>
    public static bool IsValidText(string text) =>
        text.Length is >= 1 and <= TextLength && text.All(c => c is >= ' ' and <= '~');

    public static float ReadSingle(byte[] bytes, int offset) =>
        BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset)));

    public static void WriteSingle(byte[] bytes, int offset, float value) =>
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(offset), BitConverter.SingleToInt32Bits(value));
}
