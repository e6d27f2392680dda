namespace Controllers.Firmware.Common.Update
{
    /// <summary>State of one application slot, as kept in the boot-control record.</summary>
    public enum ApplicationSlotState
    {
        /// <summary>Erased or being erased or written: never booted.</summary>
        Empty = 0,

        /// <summary>A complete download ended with RequestTransferExit but has not been checked.</summary>
        Received = 1,

        /// <summary>The check routine accepted the image (header, board type, CRC-32 and signature).</summary>
        Verified = 2,

        /// <summary>Booted on trial: it runs until it confirms itself or runs out of trial boots.</summary>
        PendingTrial = 3,

        /// <summary>A confirmed application, bootable and a rollback target.</summary>
        Confirmed = 4,

        /// <summary>A trial that did not confirm itself within its trial boots, never booted again.</summary>
        Failed = 5,
    }
}
