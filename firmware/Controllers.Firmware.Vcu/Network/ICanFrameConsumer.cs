using Controllers.Firmware.Common.Can;

namespace Controllers.Firmware.Vcu.Network
{
    /// <summary>
    /// A part of the VCU that takes received CAN frames. The receive path offers each frame to its
    /// consumers in turn until one takes it.
    /// </summary>
    public interface ICanFrameConsumer
    {
        /// <summary>
        /// Takes <paramref name="frame"/>, received at <paramref name="nowMicroseconds"/>, when its identifier
        /// belongs to this consumer, and returns true; returns false otherwise. Must not allocate.
        /// </summary>
        bool Consume(CanFrame frame, long nowMicroseconds);
    }
}
