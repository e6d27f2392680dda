namespace Controllers.Firmware.Common.Hal
{
    /// <summary>Cell voltage acquisition, normally a battery-monitor AFE.</summary>
    public interface ICellVoltageSensor
    {
        /// <summary>Number of cells that <see cref="TryRead"/> fills.</summary>
        int CellCount { get; }

        /// <summary>
        /// Reads every cell voltage into <paramref name="cellVoltagesVolts"/> (at least
        /// <see cref="CellCount"/> long). Returns false when the conversion failed; the buffer is then
        /// left unchanged.
        /// </summary>
        bool TryRead(float[] cellVoltagesVolts);
    }
}
