namespace Controllers.Firmware.Common.Diagnostics
{
    // RequestDownload (0x34), TransferData (0x36) and RequestTransferExit (0x37).
    public sealed partial class UdsServer
    {
        /// <summary>
        /// Security level that RequestDownload needs: the requestSeed sub-function 0x01 unless changed.
        /// The download services are also available in the programming session only.
        /// </summary>
        public int DownloadSecurityLevel { get; set; } = 0x01;

        private bool downloadActive;
        private uint downloadAddress;
        private uint downloadSize;
        private uint downloadReceived;
        private int expectedBlockSequenceCounter;
        private int lastBlockSequenceCounter;
        private bool blockAccepted;

        /// <summary>True from a positive RequestDownload response until RequestTransferExit or a session change.</summary>
        public bool IsDownloadActive
        {
            get { return downloadActive; }
        }

        private void AbortDownload()
        {
            downloadActive = false;
        }

        // Checks the session and the handler that all three transfer services need.
        private bool CheckTransferService(byte serviceId)
        {
            if (DownloadHandler == null)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.ServiceNotSupported);
                return false;
            }

            if (session != UdsSession.Programming)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.ServiceNotSupportedInActiveSession);
                return false;
            }

            return true;
        }

        private void HandleRequestDownload(byte[] request, int length)
        {
            const byte serviceId = UdsServiceId.RequestDownload;
            if (!CheckTransferService(serviceId))
            {
                return;
            }

            if (length < 3)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat);
                return;
            }

            // dataFormatIdentifier 0x00: neither compressed nor encrypted, the only format supported.
            // addressAndLengthFormatIdentifier: high nibble = size bytes, low nibble = address bytes.
            int sizeBytes = request[2] >> 4;
            int addressBytes = request[2] & 0x0F;
            if (request[1] != 0x00 || sizeBytes < 1 || sizeBytes > 4 || addressBytes < 1 || addressBytes > 4)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.RequestOutOfRange);
                return;
            }

            if (length != 3 + addressBytes + sizeBytes)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat);
                return;
            }

            if (!IsUnlocked(DownloadSecurityLevel))
            {
                SendNegative(serviceId, UdsNegativeResponseCode.SecurityAccessDenied);
                return;
            }

            if (downloadActive)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.ConditionsNotCorrect);
                return;
            }

            uint address = ReadBigEndian(request, 3, addressBytes);
            uint size = ReadBigEndian(request, 3 + addressBytes, sizeBytes);
            if (size == 0)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.RequestOutOfRange);
                return;
            }

            byte code = DownloadHandler!.StartDownload(address, size);
            if (code != UdsNegativeResponseCode.PositiveResponse)
            {
                SendNegative(serviceId, code);
                return;
            }

            downloadActive = true;
            downloadAddress = address;
            downloadSize = size;
            downloadReceived = 0;
            expectedBlockSequenceCounter = 1;
            blockAccepted = false;

            // lengthFormatIdentifier 0x20: maxNumberOfBlockLength has 2 bytes. It counts the whole
            // TransferData request, SID and block sequence counter included.
            response[1] = 0x20;
            response[2] = (byte)(MaxMessageLengthBytes >> 8);
            response[3] = (byte)(MaxMessageLengthBytes & 0xFF);
            SendPositive(serviceId, 4, false);
        }

        private void HandleTransferData(byte[] request, int length)
        {
            const byte serviceId = UdsServiceId.TransferData;
            if (!CheckTransferService(serviceId))
            {
                return;
            }

            if (length < 2)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat);
                return;
            }

            if (!downloadActive)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.RequestSequenceError);
                return;
            }

            int counter = request[1];

            // A repeat of the last accepted block (its response was lost) is confirmed without writing again.
            if (blockAccepted && counter == lastBlockSequenceCounter)
            {
                response[1] = (byte)counter;
                SendPositive(serviceId, 2, false);
                return;
            }

            if (counter != expectedBlockSequenceCounter)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.WrongBlockSequenceCounter);
                return;
            }

            int dataLength = length - 2;
            if (dataLength == 0)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat);
                return;
            }

            if ((uint)dataLength > downloadSize - downloadReceived)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.TransferDataSuspended);
                return;
            }

            byte code = DownloadHandler!.WriteBlock(downloadAddress + downloadReceived, request, 2, dataLength);
            if (code != UdsNegativeResponseCode.PositiveResponse)
            {
                SendNegative(serviceId, code);
                return;
            }

            downloadReceived += (uint)dataLength;
            lastBlockSequenceCounter = counter;
            blockAccepted = true;

            // The counter wraps from 0xFF to 0x00; only the first block has 0x01.
            expectedBlockSequenceCounter = (counter + 1) & 0xFF;
            response[1] = (byte)counter;
            SendPositive(serviceId, 2, false);
        }

        private void HandleRequestTransferExit(byte[] request, int length)
        {
            const byte serviceId = UdsServiceId.RequestTransferExit;
            if (!CheckTransferService(serviceId))
            {
                return;
            }

            // A transferRequestParameterRecord after the SID is allowed by the standard and ignored here.
            if (!downloadActive || downloadReceived != downloadSize)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.RequestSequenceError);
                return;
            }

            downloadActive = false;
            byte code = DownloadHandler!.FinishDownload();
            if (code != UdsNegativeResponseCode.PositiveResponse)
            {
                SendNegative(serviceId, code);
                return;
            }

            SendPositive(serviceId, 1, false);
        }
    }
}
