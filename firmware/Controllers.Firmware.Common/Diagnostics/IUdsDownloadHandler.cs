namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>
    /// Memory behind RequestDownload (0x34), TransferData (0x36) and RequestTransferExit (0x37). Each
    /// method returns <see cref="UdsNegativeResponseCode.PositiveResponse"/> or the negative response code
    /// to send.
    /// </summary>
    public interface IUdsDownloadHandler
    {
        /// <summary>
        /// Prepares to receive <paramref name="size"/> bytes at <paramref name="address"/>, for example by
        /// erasing flash. Returns requestOutOfRange (0x31) for an invalid area or uploadDownloadNotAccepted (0x70).
        /// </summary>
        byte StartDownload(uint address, uint size);

        /// <summary>Writes one block of data at <paramref name="address"/>. Returns generalProgrammingFailure (0x72) when writing fails.</summary>
        byte WriteBlock(uint address, byte[] data, int offset, int length);

        /// <summary>Completes the download, for example by checking the written image.</summary>
        byte FinishDownload();
    }
}
