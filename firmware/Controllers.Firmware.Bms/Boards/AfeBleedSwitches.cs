using System;
using Controllers.Firmware.Bms.Afe;
using Controllers.Firmware.Bms.Network;

namespace Controllers.Firmware.Bms.Boards
{
    /// <summary>
    /// Passive-balancing bleed resistors driven by the LTC6813-1 discharge outputs (DCC bits). Each new mask is
    /// written to every device's configuration; the devices' discharge timeout switches the bleeds off if the
    /// board stops refreshing them.
    /// </summary>
    public sealed class AfeBleedSwitches : IBleedSwitches
    {
        private readonly AfeCellVoltageSensor afe;

        /// <summary>Creates the switches over the cells of <paramref name="afe"/>.</summary>
        public AfeBleedSwitches(AfeCellVoltageSensor afe)
        {
            if (afe == null)
            {
                throw new ArgumentNullException("afe");
            }

            this.afe = afe;
        }

        /// <inheritdoc />
        public void SetBleedMask(uint cellMask)
        {
            Ltc6813Configuration configuration = afe.Chain.Configuration;
            configuration.ClearDischarge();
            for (int cell = 0; cell < afe.CellCount && cell < 32; cell++)
            {
                if ((cellMask & (1u << cell)) != 0)
                {
                    configuration.SetDischarge(afe.DeviceOfCell(cell), afe.InputOfCell(cell), true);
                }
            }

            afe.Chain.WriteConfiguration();
        }
    }
}
