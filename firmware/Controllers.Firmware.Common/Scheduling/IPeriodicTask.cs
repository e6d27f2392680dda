namespace Controllers.Firmware.Common.Scheduling
{
    /// <summary>
    /// Work that the <see cref="Executive"/> runs at a fixed period. Implementations must not block
    /// and must not allocate in <see cref="Run"/>, because the executive is the only control thread.
    /// </summary>
    public interface IPeriodicTask
    {
        /// <summary>Runs one activation. <paramref name="nowMicroseconds"/> is the dispatch time.</summary>
        void Run(long nowMicroseconds);
    }
}
