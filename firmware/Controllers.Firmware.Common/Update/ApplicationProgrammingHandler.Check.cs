using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Common.Update
{
    // Check routine 0x0202 and the identification DIDs.
    public sealed partial class ApplicationProgrammingHandler
    {
        private byte StartCheck(byte[] result, int resultOffset, out int resultLength)
        {
            int slot = slots.InactiveSlot;
            trialArmed = false;
            byte code = CheckHeader(slot);
            if (code != ImageCheckResult.Valid)
            {
                return FinishCheck(code, result, resultOffset, out resultLength);
            }

            checkSlot = slot;
            checkedPayloadBytes = 0;
            checkCrc = 0;
            sha.Initialize();
            sha.Update(headerBuffer, 0, ApplicationImageHeader.SignedLength);
            System.Array.Copy(headerBuffer, ApplicationImageHeader.SignatureOffset, signature, 0, ApplicationImageHeader.SignatureLength);
            resultLength = 0;
            return UdsNegativeResponseCode.ResponsePending;
        }

        // Checks everything that the header alone shows, cheapest first.
        private byte CheckHeader(int slot)
        {
            // A verified image is checked again after a power cut, before a reset may start its trial.
            ApplicationSlotState state = slots.GetState(slot);
            if (state != ApplicationSlotState.Received && state != ApplicationSlotState.Verified)
            {
                return ImageCheckResult.NothingReceived;
            }

            checkImageLength = slots.GetImageLength(slot);
            if (store.Read(slot, 0, headerBuffer, 0, ApplicationImageHeader.Length) != ApplicationImageHeader.Length)
            {
                return ImageCheckResult.StorageFailure;
            }

            if (!header.Parse(headerBuffer, 0) || (long)header.PayloadLength + ApplicationImageHeader.Length != checkImageLength)
            {
                return ImageCheckResult.InvalidHeader;
            }

            if (header.BoardTypeId != boardTypeId)
            {
                return ImageCheckResult.BoardTypeMismatch;
            }

            int active = slots.ActiveSlot;
            if (slots.GetState(active) == ApplicationSlotState.Confirmed && header.ApplicationVersion < slots.GetVersion(active))
            {
                return ImageCheckResult.VersionRejected;
            }

            return ImageCheckResult.Valid;
        }

        private byte PollCheck(byte[] result, int resultOffset, out int resultLength)
        {
            int payloadLength = checkImageLength - ApplicationImageHeader.Length;
            int count = payloadLength - checkedPayloadBytes;
            if (count > CheckStepLength)
            {
                count = CheckStepLength;
            }

            if (count > 0)
            {
                if (store.Read(checkSlot, ApplicationImageHeader.Length + checkedPayloadBytes, chunk, 0, count) != count)
                {
                    return FinishCheck(ImageCheckResult.StorageFailure, result, resultOffset, out resultLength);
                }

                checkCrc = Crc32.Append(checkCrc, chunk, 0, count);
                sha.Update(chunk, 0, count);
                checkedPayloadBytes += count;
            }

            if (checkedPayloadBytes < payloadLength)
            {
                resultLength = 0;
                return UdsNegativeResponseCode.ResponsePending;
            }

            if (checkCrc != header.PayloadCrc32)
            {
                return FinishCheck(ImageCheckResult.CrcMismatch, result, resultOffset, out resultLength);
            }

            sha.Finish(digest, 0);
            if (!verifier.VerifyDigest(digest, signature))
            {
                return FinishCheck(ImageCheckResult.SignatureInvalid, result, resultOffset, out resultLength);
            }

            if (!slots.SetSlot(checkSlot, ApplicationSlotState.Verified, header.ApplicationVersion, checkImageLength))
            {
                return FinishCheck(ImageCheckResult.StorageFailure, result, resultOffset, out resultLength);
            }

            trialArmed = true;
            return FinishCheck(ImageCheckResult.Valid, result, resultOffset, out resultLength);
        }

        private static byte FinishCheck(byte code, byte[] result, int resultOffset, out int resultLength)
        {
            result[resultOffset] = code;
            resultLength = 1;
            return UdsNegativeResponseCode.PositiveResponse;
        }

        /// <inheritdoc />
        public byte Read(int identifier, byte[] destination, int offset)
        {
            int running = slots.RunningSlot == ApplicationSlots.NoSlot ? slots.ActiveSlot : slots.RunningSlot;
            if (identifier == ApplicationVersionIdentifier)
            {
                WriteBigEndian(destination, offset, slots.GetVersion(running));
                return UdsNegativeResponseCode.PositiveResponse;
            }

            if (identifier == BoardTypeIdentifier)
            {
                WriteBigEndian(destination, offset, boardTypeId);
                return UdsNegativeResponseCode.PositiveResponse;
            }

            if (identifier == SlotStatusIdentifier)
            {
                destination[offset] = (byte)running;
                destination[offset + 1] = (byte)slots.ActiveSlot;
                destination[offset + 2] = (byte)slots.TrialSlot;
                destination[offset + 3] = (byte)slots.TrialBootCount;
                destination[offset + 4] = (byte)slots.GetState(0);
                destination[offset + 5] = (byte)slots.GetState(1);
                WriteBigEndian(destination, offset + 6, slots.GetVersion(0));
                WriteBigEndian(destination, offset + 10, slots.GetVersion(1));
                return UdsNegativeResponseCode.PositiveResponse;
            }

            if (identifier == ConfirmStatusIdentifier)
            {
                destination[offset] = selector.IsRunningTrial ? (byte)0x01 : (byte)0x00;
                destination[offset + 1] = (byte)slots.TrialBootCount;
                destination[offset + 2] = (byte)selector.MaxTrialBoots;
                return UdsNegativeResponseCode.PositiveResponse;
            }

            return UdsNegativeResponseCode.RequestOutOfRange;
        }

        /// <inheritdoc />
        public byte Write(int identifier, byte[] source, int offset, int length)
        {
            return UdsNegativeResponseCode.RequestOutOfRange;
        }

        private static void WriteBigEndian(byte[] destination, int offset, uint value)
        {
            destination[offset] = (byte)(value >> 24);
            destination[offset + 1] = (byte)(value >> 16);
            destination[offset + 2] = (byte)(value >> 8);
            destination[offset + 3] = (byte)value;
        }
    }
}
