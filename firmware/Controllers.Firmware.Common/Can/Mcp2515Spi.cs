using System;
using Controllers.Firmware.Common.Hal;

namespace Controllers.Firmware.Common.Can
{
    /// <summary>
    /// The MCP2515 SPI instruction set (Table 12-1 of the datasheet, DS20001801), one chip-select cycle per
    /// call. Uses two preallocated 16-byte buffers, so no call allocates. Not thread-safe.
    /// </summary>
    public sealed class Mcp2515Spi
    {
        /// <summary>Most register bytes one READ or WRITE call moves: a whole TX or RX buffer, CTRL to D7.</summary>
        public const int MaxRegisterCount = 14;

        private readonly ISpiBus bus;
        private readonly byte[] output = new byte[16];
        private readonly byte[] input = new byte[16];

        /// <summary>Creates the instruction layer on <paramref name="bus"/>.</summary>
        public Mcp2515Spi(ISpiBus bus)
        {
            if (bus == null)
            {
                throw new ArgumentNullException("bus");
            }

            this.bus = bus;
        }

        /// <summary>Sends RESET: every register takes its reset value and the chip enters Configuration mode.</summary>
        public void Reset()
        {
            output[0] = Mcp2515Instruction.Reset;
            bus.Transfer(output, null, 1);
        }

        /// <summary>Reads one register with READ.</summary>
        public byte ReadRegister(byte address)
        {
            output[0] = Mcp2515Instruction.Read;
            output[1] = address;
            output[2] = 0;
            bus.Transfer(output, input, 3);
            return input[2];
        }

        /// <summary>Reads <paramref name="count"/> consecutive registers with one READ (the address auto-increments).</summary>
        public void ReadRegisters(byte address, byte[] destination, int offset, int count)
        {
            CheckCount(count);
            output[0] = Mcp2515Instruction.Read;
            output[1] = address;
            for (int i = 0; i < count; i++)
            {
                output[2 + i] = 0;
            }

            bus.Transfer(output, input, 2 + count);
            Array.Copy(input, 2, destination, offset, count);
        }

        /// <summary>Writes one register with WRITE.</summary>
        public void WriteRegister(byte address, byte value)
        {
            output[0] = Mcp2515Instruction.Write;
            output[1] = address;
            output[2] = value;
            bus.Transfer(output, null, 3);
        }

        /// <summary>Writes <paramref name="count"/> consecutive registers with one WRITE (the address auto-increments).</summary>
        public void WriteRegisters(byte address, byte[] source, int offset, int count)
        {
            CheckCount(count);
            output[0] = Mcp2515Instruction.Write;
            output[1] = address;
            Array.Copy(source, offset, output, 2, count);
            bus.Transfer(output, null, 2 + count);
        }

        /// <summary>
        /// Sends BIT MODIFY: the bits set in <paramref name="mask"/> take their value from <paramref name="data"/>.
        /// Only BFPCTRL, TXRTSCTRL, CANCTRL, CNF1-3, CANINTE, CANINTF, EFLG, TXBnCTRL and RXBnCTRL accept it. On
        /// any other register the chip treats the mask as 0xFF and writes <paramref name="data"/> whole.
        /// </summary>
        public void BitModify(byte address, byte mask, byte data)
        {
            output[0] = Mcp2515Instruction.BitModify;
            output[1] = address;
            output[2] = mask;
            output[3] = data;
            bus.Transfer(output, null, 4);
        }

        /// <summary>Sends READ STATUS; see the Status constants of <see cref="Mcp2515Instruction"/>.</summary>
        public byte ReadStatus()
        {
            output[0] = Mcp2515Instruction.ReadStatus;
            output[1] = 0;
            bus.Transfer(output, input, 2);
            return input[1];
        }

        /// <summary>
        /// Sends RX STATUS. Bits 7-6 tell which RX buffers hold a message, bits 4-3 its type (extended, remote)
        /// and bits 2-0 the matching filter (Figure 12-9).
        /// </summary>
        public byte ReadRxStatus()
        {
            output[0] = Mcp2515Instruction.RxStatus;
            output[1] = 0;
            bus.Transfer(output, input, 2);
            return input[1];
        }

        /// <summary>
        /// Sends LOAD TX BUFFER for TXB<paramref name="buffer"/> starting at SIDH, followed by
        /// <paramref name="count"/> bytes (SIDH, SIDL, EID8, EID0, DLC and data).
        /// </summary>
        public void LoadTxBuffer(int buffer, byte[] source, int offset, int count)
        {
            CheckBuffer(buffer, 2);
            if (count < 1 || count > Mcp2515FrameCodec.BufferLength)
            {
                throw new ArgumentOutOfRangeException("count", "A TX buffer holds 1 to 13 bytes from SIDH to D7.");
            }

            output[0] = (byte)(Mcp2515Instruction.LoadTxBuffer | (buffer << 1));
            Array.Copy(source, offset, output, 1, count);
            bus.Transfer(output, null, 1 + count);
        }

        /// <summary>Sends RTS for the TX buffers whose bits are set in <paramref name="bufferMask"/> (bit n is TXBn).</summary>
        public void RequestToSend(int bufferMask)
        {
            if (bufferMask < 1 || bufferMask > 7)
            {
                throw new ArgumentOutOfRangeException("bufferMask", "Set bit 0, 1 or 2 for TXB0, TXB1 or TXB2.");
            }

            output[0] = (byte)(Mcp2515Instruction.RequestToSend | bufferMask);
            bus.Transfer(output, null, 1);
        }

        /// <summary>
        /// Sends READ RX BUFFER for RXB<paramref name="buffer"/> starting at SIDH and copies the 13 bytes SIDH to
        /// D7 to <paramref name="destination"/>. Releasing chip select clears CANINTF.RXnIF, which frees the buffer.
        /// </summary>
        public void ReadRxBuffer(int buffer, byte[] destination, int offset)
        {
            CheckBuffer(buffer, 1);
            output[0] = (byte)(Mcp2515Instruction.ReadRxBuffer | (buffer << 2));
            for (int i = 1; i <= Mcp2515FrameCodec.BufferLength; i++)
            {
                output[i] = 0;
            }

            bus.Transfer(output, input, 1 + Mcp2515FrameCodec.BufferLength);
            Array.Copy(input, 1, destination, offset, Mcp2515FrameCodec.BufferLength);
        }

        private static void CheckCount(int count)
        {
            if (count < 1 || count > MaxRegisterCount)
            {
                throw new ArgumentOutOfRangeException("count", "One transfer moves 1 to 14 registers.");
            }
        }

        private static void CheckBuffer(int buffer, int last)
        {
            if (buffer < 0 || buffer > last)
            {
                throw new ArgumentOutOfRangeException("buffer", "The buffer index is out of range for this MCP2515 instruction.");
            }
        }
    }
}
