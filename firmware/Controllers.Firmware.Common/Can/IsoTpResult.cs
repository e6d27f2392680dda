namespace Controllers.Firmware.Common.Can
{
    /// <summary>
    /// Outcome of an ISO-TP transmission or reception. The names follow the N_Result values of
    /// ISO 15765-2, given in brackets.
    /// </summary>
    public enum IsoTpResult
    {
        /// <summary>Nothing has finished yet.</summary>
        None = 0,

        /// <summary>The message was sent or received completely (N_OK).</summary>
        Success = 1,

        /// <summary>The transmitter did not accept a frame within N_As (N_TIMEOUT_A, sender side).</summary>
        TimeoutAs = 2,

        /// <summary>The transmitter did not accept a flow control frame within N_Ar (N_TIMEOUT_A, receiver side).</summary>
        TimeoutAr = 3,

        /// <summary>No flow control frame arrived within N_Bs (N_TIMEOUT_Bs).</summary>
        TimeoutBs = 4,

        /// <summary>No consecutive frame arrived within N_Cr (N_TIMEOUT_Cr).</summary>
        TimeoutCr = 5,

        /// <summary>A consecutive frame had an unexpected sequence number (N_WRONG_SN).</summary>
        WrongSequenceNumber = 6,

        /// <summary>A flow control frame had a reserved flow status (N_INVALID_FS).</summary>
        InvalidFlowStatus = 7,

        /// <summary>A single frame or first frame arrived during a reception and ended it (N_UNEXP_PDU).</summary>
        UnexpectedPdu = 8,

        /// <summary>
        /// The wait frame limit N_WFTmax was exceeded (N_WFT_OVRN): the sender received more wait frames
        /// in a row than it allows, or the receiver would have had to send more.
        /// </summary>
        WaitLimitExceeded = 9,

        /// <summary>
        /// The message did not fit (N_BUFFER_OVFLW): the receiver replied to a first frame with flow status
        /// Overflow, or dropped a single frame because the previous message was still unread.
        /// </summary>
        BufferOverflow = 10
    }
}
