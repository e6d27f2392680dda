using System;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Common.Update
{
    /// <summary>
    /// The UDS programming services of a board with two application slots. They are erase routine
    /// 0xFF00, the download into the inactive slot (RequestDownload, TransferData, RequestTransferExit),
    /// check routine 0x0202 and confirm routine 0xFF01. The ECUReset starts the trial of a verified image,
    /// and DIDs 0xF189, 0xF1A0, 0xF1A1 and 0xF1B0 identify the board and its slots.
    /// <see cref="Register"/> adds all of them to a <see cref="UdsServer"/>. Programming needs the
    /// programming session and security level 0x11.
    /// </summary>
    /// <remarks>
    /// The running slot is never written. Each step saves the slot state before it changes the slot, so a
    /// power cut at any point leaves a state that <see cref="BootSelector"/> never boots unless the image
    /// was verified: erase marks the slot empty first, RequestTransferExit marks it received, and only
    /// the check routine marks it verified. An interrupted download restarts with the erase routine.
    /// Erase and check run in steps from <see cref="Poll"/> and allocate nothing there.
    /// </remarks>
    public sealed partial class ApplicationProgrammingHandler : IUdsDownloadHandler, IUdsRoutineHandler, IUdsResetHandler, IUdsDataIdentifierHandler
    {
        /// <summary>Routine that erases the inactive slot; optional option record: image length, uint32 big-endian.</summary>
        public const int EraseMemoryRoutine = 0xFF00;

        /// <summary>Routine that checks the received image; result byte 0 is an <see cref="ImageCheckResult"/> value.</summary>
        public const int CheckRoutine = 0x0202;

        /// <summary>Routine that confirms the running application; result byte 0 is 0x00 when confirmed.</summary>
        public const int ConfirmRoutine = 0xFF01;

        /// <summary>DID of the running application's version (uint32, major.minor.patch as 8.8.16 bits).</summary>
        public const int ApplicationVersionIdentifier = 0xF189;

        /// <summary>DID of the board type id (uint32).</summary>
        public const int BoardTypeIdentifier = 0xF1A0;

        /// <summary>DID of the slot status record (<see cref="SlotStatusLength"/> bytes).</summary>
        public const int SlotStatusIdentifier = 0xF1A1;

        /// <summary>DID of the self-confirm status: status byte, trial boots so far, trial boots allowed.</summary>
        public const int ConfirmStatusIdentifier = 0xF1B0;

        /// <summary>requestSeed sub-function that programming needs.</summary>
        public const int ProgrammingSecurityLevel = 0x11;

        /// <summary>
        /// Bytes of 0xF1A1: running slot, active slot, trial slot (0xFF none), trial boot count, state of
        /// slot 0 and 1, version of slot 0 and 1 (uint32 big-endian each).
        /// </summary>
        public const int SlotStatusLength = 14;

        /// <summary>Image bytes that one <see cref="Poll"/> of the check routine reads, hashes and checks.</summary>
        // NOTE: the step size was chosen on the host. The bitwise CRC and SHA-256 of 1 KiB have not been
        // timed in interpreted code on an ESP32, where one step may delay other tasks of the executive.
        public const int CheckStepLength = 1024;

        private readonly ApplicationSlots slots;
        private readonly BootSelector selector;
        private readonly IApplicationSlotStore store;
        private readonly uint boardTypeId;
        private readonly IImageSignatureVerifier verifier;
        private readonly IUdsResetHandler boardReset;

        private readonly ApplicationImageHeader header = new ApplicationImageHeader();
        private readonly byte[] headerBuffer = new byte[ApplicationImageHeader.Length];
        private readonly byte[] signature = new byte[ApplicationImageHeader.SignatureLength];
        private readonly byte[] chunk = new byte[CheckStepLength];
        private readonly byte[] digest = new byte[Sha256.HashSizeBytes];
        private readonly Sha256 sha = new Sha256();

        private int eraseSlot;
        private int eraseBlockCount;
        private int nextEraseBlock;
        private int erasedLength;

        private int downloadSlot;
        private int downloadSize;

        // True after the check routine verified the inactive slot in this power cycle; only then does
        // a reset start the trial. After a power cut the image must be checked again.
        private bool trialArmed;

        private int checkSlot;
        private int checkImageLength;
        private int checkedPayloadBytes;
        private uint checkCrc;

        /// <summary>
        /// Creates the handler for slots <paramref name="slots"/> in <paramref name="store"/>, on a board of
        /// type <paramref name="boardTypeId"/> whose images <paramref name="verifier"/> checks.
        /// <paramref name="boardReset"/> performs the actual reset after the boot-control record is saved.
        /// </summary>
        public ApplicationProgrammingHandler(ApplicationSlots slots, BootSelector selector, IApplicationSlotStore store, uint boardTypeId, IImageSignatureVerifier verifier, IUdsResetHandler boardReset)
        {
            if (slots == null)
            {
                throw new ArgumentNullException("slots");
            }

            if (selector == null)
            {
                throw new ArgumentNullException("selector");
            }

            if (store == null)
            {
                throw new ArgumentNullException("store");
            }

            if (verifier == null)
            {
                throw new ArgumentNullException("verifier");
            }

            if (boardReset == null)
            {
                throw new ArgumentNullException("boardReset");
            }

            if (store.SlotCount != ApplicationSlots.SlotCount || store.EraseBlockLength < 1 || store.SlotLength % store.EraseBlockLength != 0)
            {
                throw new ArgumentException("The slot store must have 2 slots whose length is a multiple of the erase block; it has " + store.SlotCount
                    + " slots of " + store.SlotLength + " bytes and " + store.EraseBlockLength + "-byte blocks.", "store");
            }

            this.slots = slots;
            this.selector = selector;
            this.store = store;
            this.boardTypeId = boardTypeId;
            this.verifier = verifier;
            this.boardReset = boardReset;
        }

        /// <summary>Erase blocks done by the erase routine that runs now or ran last.</summary>
        public int ErasedBlockCount
        {
            get { return nextEraseBlock; }
        }

        /// <summary>
        /// Adds the routines and DIDs to the server's tables, which must have room for 3 and 4 more entries,
        /// and makes this handler the server's download and reset handler.
        /// </summary>
        public void Register(UdsServer server)
        {
            if (server == null)
            {
                throw new ArgumentNullException("server");
            }

            if (server.Routines == null || server.DataIdentifiers == null)
            {
                throw new InvalidOperationException("Set the server's Routines and DataIdentifiers tables before registering the programming services.");
            }

            int programming = UdsSession.ProgrammingMask;
            server.Routines.Add(EraseMemoryRoutine, programming, ProgrammingSecurityLevel, false, false, this);
            server.Routines.Add(CheckRoutine, programming, ProgrammingSecurityLevel, false, false, this);
            server.Routines.Add(ConfirmRoutine, UdsSession.ExtendedMask | programming, ProgrammingSecurityLevel, false, false, this);

            server.DataIdentifiers.Add(ApplicationVersionIdentifier, 4, true, false, UdsSession.AllMask, 0, this);
            server.DataIdentifiers.Add(BoardTypeIdentifier, 4, true, false, UdsSession.AllMask, 0, this);
            server.DataIdentifiers.Add(SlotStatusIdentifier, SlotStatusLength, true, false, UdsSession.AllMask, 0, this);
            server.DataIdentifiers.Add(ConfirmStatusIdentifier, 3, true, false, UdsSession.AllMask, 0, this);

            server.DownloadHandler = this;
            server.DownloadSecurityLevel = ProgrammingSecurityLevel;
            server.ResetHandler = this;
        }

        /// <inheritdoc />
        public byte StartDownload(uint address, uint size)
        {
            if (erasedLength == 0 || eraseSlot != slots.InactiveSlot)
            {
                return UdsNegativeResponseCode.UploadDownloadNotAccepted;
            }

            if (address != 0 || size < ApplicationImageHeader.Length || size > (uint)erasedLength)
            {
                return UdsNegativeResponseCode.RequestOutOfRange;
            }

            // Flash cannot be written twice without an erase, so each erase allows one download.
            erasedLength = 0;
            downloadSlot = eraseSlot;
            downloadSize = (int)size;
            return UdsNegativeResponseCode.PositiveResponse;
        }

        /// <inheritdoc />
        public byte WriteBlock(uint address, byte[] data, int offset, int length)
        {
            if (address + (uint)length > (uint)downloadSize)
            {
                return UdsNegativeResponseCode.RequestOutOfRange;
            }

            if (!store.Write(downloadSlot, (int)address, data, offset, length))
            {
                return UdsNegativeResponseCode.GeneralProgrammingFailure;
            }

            return UdsNegativeResponseCode.PositiveResponse;
        }

        /// <inheritdoc />
        public byte FinishDownload()
        {
            if (!slots.SetSlot(downloadSlot, ApplicationSlotState.Received, 0, downloadSize))
            {
                return UdsNegativeResponseCode.GeneralProgrammingFailure;
            }

            return UdsNegativeResponseCode.PositiveResponse;
        }

        /// <inheritdoc />
        public byte Start(int identifier, byte[] options, int offset, int length, byte[] result, int resultOffset, out int resultLength)
        {
            resultLength = 0;
            if (identifier == EraseMemoryRoutine)
            {
                return StartErase(options, offset, length);
            }

            if (identifier == CheckRoutine)
            {
                return StartCheck(result, resultOffset, out resultLength);
            }

            if (identifier == ConfirmRoutine)
            {
                result[resultOffset] = selector.Confirm() ? (byte)0x00 : (byte)0x01;
                resultLength = 1;
                return UdsNegativeResponseCode.PositiveResponse;
            }

            return UdsNegativeResponseCode.RequestOutOfRange;
        }

        /// <inheritdoc />
        public byte Stop(int identifier, byte[] options, int offset, int length, byte[] result, int resultOffset, out int resultLength)
        {
            resultLength = 0;
            return UdsNegativeResponseCode.SubFunctionNotSupported;
        }

        /// <inheritdoc />
        public byte RequestResults(int identifier, byte[] result, int resultOffset, out int resultLength)
        {
            resultLength = 0;
            return UdsNegativeResponseCode.SubFunctionNotSupported;
        }

        /// <inheritdoc />
        public byte Poll(int identifier, byte[] result, int resultOffset, out int resultLength)
        {
            resultLength = 0;
            if (identifier == EraseMemoryRoutine)
            {
                return PollErase(result, resultOffset, out resultLength);
            }

            if (identifier == CheckRoutine)
            {
                return PollCheck(result, resultOffset, out resultLength);
            }

            return UdsNegativeResponseCode.GeneralReject;
        }

        /// <inheritdoc />
        public bool IsResetAllowed(int resetType)
        {
            return boardReset.IsResetAllowed(resetType);
        }

        /// <summary>
        /// Starts the trial of the image that the check routine verified in this power cycle, so that the
        /// next boot runs it, and then resets the board. When the record cannot be saved the board resets
        /// into the same slot.
        /// </summary>
        public void Reset(int resetType)
        {
            int slot = slots.InactiveSlot;
            if (trialArmed && !selector.IsRunningTrial && slots.GetState(slot) == ApplicationSlotState.Verified)
            {
                slots.BeginTrial(slot);
            }

            trialArmed = false;

            boardReset.Reset(resetType);
        }

        private byte StartErase(byte[] options, int offset, int length)
        {
            int eraseLength = store.SlotLength;
            if (length == 4)
            {
                uint requested = ((uint)options[offset] << 24) | ((uint)options[offset + 1] << 16) | ((uint)options[offset + 2] << 8) | options[offset + 3];
                if (requested == 0 || requested > (uint)store.SlotLength)
                {
                    return UdsNegativeResponseCode.RequestOutOfRange;
                }

                eraseLength = (int)requested;
            }
            else if (length != 0)
            {
                return UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat;
            }

            // Erasing while a trial runs would erase the application that a rollback returns to.
            if (selector.IsRunningTrial)
            {
                return UdsNegativeResponseCode.ConditionsNotCorrect;
            }

            int slot = slots.InactiveSlot;
            erasedLength = 0;
            trialArmed = false;
            if (!slots.SetSlot(slot, ApplicationSlotState.Empty, 0, 0))
            {
                return UdsNegativeResponseCode.GeneralProgrammingFailure;
            }

            int blockLength = store.EraseBlockLength;
            eraseSlot = slot;
            eraseBlockCount = (eraseLength + blockLength - 1) / blockLength;
            nextEraseBlock = 0;
            return UdsNegativeResponseCode.ResponsePending;
        }

        private byte PollErase(byte[] result, int resultOffset, out int resultLength)
        {
            resultLength = 0;
            if (!store.EraseBlock(eraseSlot, nextEraseBlock))
            {
                return UdsNegativeResponseCode.GeneralProgrammingFailure;
            }

            nextEraseBlock++;
            if (nextEraseBlock < eraseBlockCount)
            {
                return UdsNegativeResponseCode.ResponsePending;
            }

            erasedLength = eraseBlockCount * store.EraseBlockLength;
            result[resultOffset] = 0x00;
            resultLength = 1;
            return UdsNegativeResponseCode.PositiveResponse;
        }
    }
}
