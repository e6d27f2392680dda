using System;

namespace Controllers.Can.Diagnostics;

// RequestDownload (0x34), TransferData (0x36) and RequestTransferExit (0x37).
public sealed partial class UdsClient
{
    /// <summary>
    /// Requests a download of <paramref name="size"/> bytes to <paramref name="address"/>, neither
    /// compressed nor encrypted, with 4-byte address and size. Returns maxNumberOfBlockLength: the largest
    /// TransferData request in bytes, service id and block sequence counter included.
    /// </summary>
    public int RequestDownload(uint address, uint size)
    {
        byte[] request =
        [
            0x34, 0x00, 0x44,
            (byte)(address >> 24), (byte)(address >> 16), (byte)(address >> 8), (byte)address,
            (byte)(size >> 24), (byte)(size >> 16), (byte)(size >> 8), (byte)size,
        ];
        byte[] response = SendRequest(request);

        // lengthFormatIdentifier: the high nibble is the byte count of maxNumberOfBlockLength.
        int lengthBytes = response.Length >= 2 ? response[1] >> 4 : 0;
        if (lengthBytes < 1 || lengthBytes > 4 || response.Length != 2 + lengthBytes)
        {
            throw Malformed(response, "its lengthFormatIdentifier does not match its length");
        }

        long blockLength = 0;
        for (int i = 0; i < lengthBytes; i++)
        {
            blockLength = (blockLength << 8) | response[2 + i];
        }

        if (blockLength < 3)
        {
            throw Malformed(response, $"maxNumberOfBlockLength {blockLength} leaves no room for data");
        }

        return (int)Math.Min(blockLength, IsoTpSettingsMaxMessage);
    }

    /// <summary>Sends one TransferData block with <paramref name="blockSequenceCounter"/> and checks its echo.</summary>
    public void TransferData(byte blockSequenceCounter, ReadOnlySpan<byte> data)
    {
        var request = new byte[2 + data.Length];
        request[0] = 0x36;
        request[1] = blockSequenceCounter;
        data.CopyTo(request.AsSpan(2));
        byte[] response = SendRequest(request);
        ExpectEcho(response, 2, 1, blockSequenceCounter, "block sequence counter");
    }

    /// <summary>Ends the download with RequestTransferExit.</summary>
    public void RequestTransferExit()
    {
        SendRequest([0x37]);
    }

    private const int IsoTpSettingsMaxMessage = Firmware.Common.Can.IsoTpSettings.MaxMessageLengthBytes;
}
