namespace Controllers.Firmware.Common.Can
{
    /// <summary>
    /// Queues classic CAN frames for transmission. A board implements it with its CAN controller's
    /// transmit mailboxes; tests implement it with a loopback link.
    /// </summary>
    public interface ICanTransmitter
    {
        /// <summary>
        /// Queues <paramref name="frame"/> and returns true, or returns false when no transmit slot is
        /// free. The caller reuses the frame object, so an implementation copies what it keeps before
        /// returning. It must not block and must not allocate.
        /// </summary>
        bool TrySend(CanFrame frame);
    }
}
