namespace Controllers.Firmware.Bms.Network
{
    /// <summary>Open sense wire check of a slave board's cell inputs, normally the AFE's pull-up/pull-down test.</summary>
    public interface IOpenWireDetector
    {
        /// <summary>
        /// Runs the check and sets <paramref name="anyOpen"/> when a sense wire of a fitted cell is open. Returns false
        /// when the check itself failed (communication error); <paramref name="anyOpen"/> is then false.
        /// </summary>
        bool TryDetect(out bool anyOpen);
    }
}
