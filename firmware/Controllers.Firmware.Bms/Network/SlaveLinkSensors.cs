using System;
using Controllers.Firmware.Common.Hal;

namespace Controllers.Firmware.Bms.Network
{
    /// <summary>
    /// The pack's cell voltages as the master receives them from its slaves. A read fails while any slave is
    /// lost, so the master's cell checks never run on stale voltages.
    /// </summary>
    public sealed class SlaveLinkCellVoltages : ICellVoltageSensor
    {
        private readonly SlaveLink link;

        /// <summary>Creates the sensor over <paramref name="link"/>.</summary>
        public SlaveLinkCellVoltages(SlaveLink link)
        {
            if (link == null)
            {
                throw new ArgumentNullException("link");
            }

            this.link = link;
        }

        /// <inheritdoc />
        public int CellCount
        {
            get { return link.CellCount; }
        }

        /// <inheritdoc />
        public bool TryRead(float[] cellVoltagesVolts)
        {
            if (link.AnySlaveLost)
            {
                return false;
            }

            Array.Copy(link.CellVoltagesVolts, cellVoltagesVolts, link.CellCount);
            return true;
        }
    }

    /// <summary>The pack's temperatures as the master receives them; a sensor a slave reports as faulty fails its read.</summary>
    public sealed class SlaveLinkTemperatures : ITemperatureSensor
    {
        private readonly SlaveLink link;

        /// <summary>Creates the sensor over <paramref name="link"/>.</summary>
        public SlaveLinkTemperatures(SlaveLink link)
        {
            if (link == null)
            {
                throw new ArgumentNullException("link");
            }

            this.link = link;
        }

        /// <inheritdoc />
        public int ChannelCount
        {
            get { return link.TemperatureCount; }
        }

        /// <inheritdoc />
        public bool TryReadCelsius(int channel, out float temperatureCelsius)
        {
            temperatureCelsius = link.TemperaturesCelsius[channel];
            return link.IsTemperatureValid(channel) && !link.AnySlaveLost;
        }
    }
}
