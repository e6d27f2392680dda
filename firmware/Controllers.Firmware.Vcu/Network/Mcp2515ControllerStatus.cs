using System;
using Controllers.Firmware.Common.Can;

namespace Controllers.Firmware.Vcu.Network
{
    /// <summary>
    /// <see cref="ICanControllerStatus"/> over the MCP2515 driver: bus-off is EFLG.TXBO (MCP2515 data sheet,
    /// Register 6-3 EFLG, bit 5), the error count is the TEC register, and recovery is the driver's reset and
    /// reconfiguration.
    /// </summary>
    public sealed class Mcp2515ControllerStatus : ICanControllerStatus
    {
        private readonly Mcp2515Controller controller;

        /// <summary>Wraps <paramref name="controller"/>, which must be initialized before the first recovery.</summary>
        public Mcp2515ControllerStatus(Mcp2515Controller controller)
        {
            if (controller == null)
            {
                throw new ArgumentNullException("controller");
            }

            this.controller = controller;
        }

        /// <inheritdoc/>
        public bool ReadBusOff()
        {
            return (controller.ReadErrorFlags() & Mcp2515Register.EflgTxbo) != 0;
        }

        /// <inheritdoc/>
        public int ReadTransmitErrorCount()
        {
            return controller.ReadTransmitErrorCount();
        }

        /// <inheritdoc/>
        public void RequestRecovery()
        {
            controller.RecoverFromBusOff();
        }
    }
}
