namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>Board hook for ECUReset (0x11).</summary>
    public interface IUdsResetHandler
    {
        /// <summary>
        /// Returns true when a reset of <paramref name="resetType"/> (0x01 hard, 0x03 soft) may happen now.
        /// False makes the server reply conditionsNotCorrect (0x22).
        /// </summary>
        bool IsResetAllowed(int resetType);

        /// <summary>
        /// Performs the reset. The server calls it from <see cref="UdsServer.Run"/> after the positive
        /// response has been read, so that the response can go out first.
        /// </summary>
        void Reset(int resetType);
    }
}
