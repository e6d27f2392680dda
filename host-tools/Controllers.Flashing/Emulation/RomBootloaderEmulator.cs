using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace Controllers.Flashing.Emulation;

/// <summary>What the emulated chip is doing.</summary>
public enum EmulatedChipMode
{
    /// <summary>Running the application in flash: the ROM loader does not listen.</summary>
    Application,

    /// <summary>In the serial ROM download mode, responding to bootloader commands.</summary>
    Download,
}

/// <summary>
/// Byte-level emulator of the ESP32 serial ROM bootloader on the master side of a pseudo-terminal. It keeps an
/// emulated SPI NOR flash (erase sets bytes to 0xFF, a write can only clear bits), enters download mode only
/// after the DTR/RTS reset sequence with GPIO0 low, and responds with the ESP32 ROM's four status bytes.
/// Behaviour follows the esptool documentation, "Serial Protocol" (docs.espressif.com/projects/esptool,
/// sections "Low Level Protocol", "Command Packet", "Response Packet", "Status bytes", "Checksum",
/// "Initial Synchronisation", "Writing Data" and "Verifying Uploaded Data").
/// </summary>
public sealed class RomBootloaderEmulator : IDisposable
{
    /// <summary>Baud rate of the ROM loader after reset.</summary>
    public const int InitialBaudRate = 115200;

    /// <summary>Number of responses the emulated ROM sends for one SYNC request.</summary>
    public const int SyncResponseCount = 8;

    private const int SectorSize = 4096;

    private readonly PseudoTerminal _terminal;
    private readonly byte[] _flash;
    private readonly SlipReader _reader = new();
    private readonly Thread _thread;
    private readonly object _gate = new();
    private volatile bool _stopping;

    private int _baudRate = InitialBaudRate;
    private uint _writeOffset;
    private uint _eraseSize;
    private uint _blockSize;
    private int _nextSequence;
    private bool _writeActive;
    private bool _deflate;
    private readonly MemoryStream _compressed = new();
    private long _inflatedLength;
    private int _corruptSequence = -1;
    private int _corruptCount;

    /// <summary>Creates the emulator on a new pseudo-terminal with a flash of <paramref name="flashSize"/> bytes, filled with 0xFF.</summary>
    public RomBootloaderEmulator(int flashSize = 4 * 1024 * 1024)
    {
        _terminal = PseudoTerminal.Open();
        _flash = new byte[flashSize];
        _flash.AsSpan().Fill(0xFF);
        _thread = new Thread(Run) { IsBackground = true, Name = "ESP32 ROM emulator" };
        _thread.Start();
    }

    /// <summary>The slave side of the pseudo-terminal, to open as a serial port.</summary>
    public string PortPath => _terminal.SlavePath;

    /// <summary>The DTR and RTS lines of the emulated board, to pass to the client.</summary>
    public ResetLineModel ResetLines { get; } = new();

    public EmulatedChipMode Mode { get; private set; } = EmulatedChipMode.Application;

    /// <summary>Current baud rate of the emulated UART.</summary>
    public int BaudRate => _baudRate;

    /// <summary>Number of resets that ended in download mode.</summary>
    public int DownloadBoots { get; private set; }

    /// <summary>Number of starts of the application: resets with GPIO0 high and FLASH_END or FLASH_DEFL_END.</summary>
    public int ApplicationBoots { get; private set; }

    /// <summary>Number of FLASH_BEGIN and FLASH_DEFL_BEGIN requests accepted.</summary>
    public int EraseCount { get; private set; }

    /// <summary>Number of data blocks rejected for a bad checksum.</summary>
    public int ChecksumErrors { get; private set; }

    /// <summary>Number of frames dropped because the client's port speed did not match the emulated UART.</summary>
    public int BaudMismatchFrames { get; private set; }

    /// <summary>Returns a copy of <paramref name="length"/> flash bytes from <paramref name="offset"/>.</summary>
    public byte[] ReadFlash(int offset, int length)
    {
        lock (_gate)
        {
            return _flash.AsSpan(offset, length).ToArray();
        }
    }

    /// <summary>Flips one payload byte of the next <paramref name="count"/> data blocks with <paramref name="sequence"/>, as line noise would.</summary>
    public void CorruptBlock(int sequence, int count)
    {
        lock (_gate)
        {
            _corruptSequence = sequence;
            _corruptCount = count;
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
        _terminal.Dispose();
    }

    private void Run()
    {
        var buffer = new byte[4096];
        while (!_stopping)
        {
            if (ResetLines.TryTakeBoot(out bool gpio0Low))
            {
                Boot(gpio0Low);
            }

            int count = _terminal.Read(buffer, 5);
            if (ResetLines.InReset || Mode != EmulatedChipMode.Download)
            {
                continue;
            }

            for (int i = 0; i < count; i++)
            {
                byte[]? frame = _reader.Add(buffer[i]);
                if (frame is null)
                {
                    continue;
                }

                if (_terminal.SlaveBaudRate() != _baudRate)
                {
                    // At different speeds the UART would only receive garbage, so the frame is lost.
                    BaudMismatchFrames++;
                    continue;
                }

                Handle(frame);
            }
        }
    }

    private void Boot(bool gpio0Low)
    {
        _baudRate = InitialBaudRate;
        _reader.Reset();
        _writeActive = false;
        if (gpio0Low)
        {
            Mode = EmulatedChipMode.Download;
            DownloadBoots++;
            // Plain text before the loader listens, as the ROM prints; the client has to skip it.
            _terminal.Write(Encoding.ASCII.GetBytes("ets emulated boot: rst:0x1 (POWERON_RESET), boot:0x3 (DOWNLOAD_BOOT)\r\nwaiting for download\r\n"));
        }
        else
        {
            Mode = EmulatedChipMode.Application;
            ApplicationBoots++;
        }
    }

    private void Handle(byte[] packet)
    {
        if (packet.Length < RomPacket.HeaderLength || packet[0] != RomPacket.RequestDirection)
        {
            return;
        }

        byte command = packet[1];
        int size = BinaryPrimitives.ReadUInt16LittleEndian(packet.AsSpan(2));
        uint checksum = BinaryPrimitives.ReadUInt32LittleEndian(packet.AsSpan(4));
        if (size != packet.Length - RomPacket.HeaderLength)
        {
            Respond(command, 0, RomError.InvalidMessage);
            return;
        }

        byte[] data = packet.AsSpan(RomPacket.HeaderLength).ToArray();
        lock (_gate)
        {
            switch ((RomCommand)command)
            {
                case RomCommand.Sync:
                    HandleSync(data);
                    break;
                case RomCommand.ReadReg:
                    HandleReadRegister(data);
                    break;
                case RomCommand.SpiAttach:
                    Respond(command, 0, data.Length == 8 ? RomError.None : RomError.InvalidMessage);
                    break;
                case RomCommand.SpiSetParams:
                    Respond(command, 0, data.Length == 24 ? RomError.None : RomError.InvalidMessage);
                    break;
                case RomCommand.FlashBegin:
                case RomCommand.FlashDeflBegin:
                    HandleBegin(command, data);
                    break;
                case RomCommand.FlashData:
                case RomCommand.FlashDeflData:
                    HandleData(command, data, checksum);
                    break;
                case RomCommand.FlashEnd:
                case RomCommand.FlashDeflEnd:
                    HandleEnd(command, data);
                    break;
                case RomCommand.SpiFlashMd5:
                    HandleMd5(data);
                    break;
                case RomCommand.ChangeBaudrate:
                    HandleChangeBaudRate(data);
                    break;
                default:
                    Respond(command, 0, RomError.InvalidMessage);
                    break;
            }
        }
    }

    private void HandleSync(byte[] data)
    {
        if (!data.AsSpan().SequenceEqual(RomBootloaderClient.SyncData))
        {
            Respond((byte)RomCommand.Sync, 0, RomError.InvalidMessage);
            return;
        }

        for (int i = 0; i < SyncResponseCount; i++)
        {
            Respond((byte)RomCommand.Sync, 0, RomError.None);
        }
    }

    private void HandleReadRegister(byte[] data)
    {
        if (data.Length != 4)
        {
            Respond((byte)RomCommand.ReadReg, 0, RomError.InvalidMessage);
            return;
        }

        uint address = BinaryPrimitives.ReadUInt32LittleEndian(data);
        uint value = address == EspChip.MagicRegisterAddress ? EspChip.Esp32Magic : 0;
        Respond((byte)RomCommand.ReadReg, value, RomError.None);
    }

    private void HandleBegin(byte command, byte[] data)
    {
        if (data.Length != 16)
        {
            Respond(command, 0, RomError.InvalidMessage);
            return;
        }

        uint eraseSize = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(0));
        uint blockSize = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(8));
        uint offset = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(12));
        if ((long)offset + eraseSize > _flash.Length || blockSize == 0)
        {
            Respond(command, 0, RomError.FailedToAct);
            return;
        }

        // Erase whole 4 KiB sectors covering the region, as SPI NOR flash can only erase sectors.
        long start = offset / SectorSize * SectorSize;
        long end = Math.Min(_flash.Length, ((long)offset + eraseSize + SectorSize - 1) / SectorSize * SectorSize);
        _flash.AsSpan((int)start, (int)(end - start)).Fill(0xFF);

        _writeOffset = offset;
        _eraseSize = eraseSize;
        _blockSize = blockSize;
        _nextSequence = 0;
        _writeActive = true;
        _deflate = command == (byte)RomCommand.FlashDeflBegin;
        _compressed.SetLength(0);
        _inflatedLength = 0;
        EraseCount++;
        Respond(command, 0, RomError.None);
    }

    private void HandleData(byte command, byte[] data, uint checksum)
    {
        bool deflate = command == (byte)RomCommand.FlashDeflData;
        if (!_writeActive || deflate != _deflate || data.Length < 16)
        {
            Respond(command, 0, RomError.InvalidMessage);
            return;
        }

        uint payloadSize = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(0));
        int sequence = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(4));
        byte[] payload = data.AsSpan(16).ToArray();
        if (payloadSize != payload.Length)
        {
            Respond(command, 0, RomError.InvalidMessage);
            return;
        }

        if (sequence == _corruptSequence && _corruptCount > 0 && payload.Length > 0)
        {
            _corruptCount--;
            payload[payload.Length / 2] ^= 0x10;
        }

        if (RomPacket.Checksum(payload) != checksum)
        {
            ChecksumErrors++;
            Respond(command, 0, RomError.InvalidCrc);
            return;
        }

        // NOTE: the emulator acknowledges a repeat of the last accepted block without writing it again, so a
        // client may resend after a lost response. Whether the ESP32 ROM does the same is not documented.
        if (sequence == _nextSequence - 1)
        {
            Respond(command, 0, RomError.None);
            return;
        }

        if (sequence != _nextSequence)
        {
            Respond(command, 0, RomError.InvalidMessage);
            return;
        }

        RomError result = deflate ? Inflate(payload) : Program(_writeOffset + (long)sequence * _blockSize, payload);
        if (result == RomError.None)
        {
            _nextSequence++;
        }

        Respond(command, 0, result);
    }

    private RomError Inflate(byte[] payload)
    {
        _compressed.Write(payload);
        byte[] inflated;
        try
        {
            // The whole stream so far is inflated again for each block; a truncated stream yields the bytes it can.
            using var input = new MemoryStream(_compressed.GetBuffer(), 0, (int)_compressed.Length, false);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            zlib.CopyTo(output);
            inflated = output.ToArray();
        }
        catch (InvalidDataException)
        {
            return RomError.DeflateError;
        }

        if (inflated.Length > _eraseSize)
        {
            return RomError.DeflateError;
        }

        RomError result = Program(_writeOffset + _inflatedLength, inflated.AsSpan((int)_inflatedLength).ToArray());
        _inflatedLength = inflated.Length;
        return result;
    }

    /// <summary>Programs bytes as NOR flash does: a write can only clear bits, so unerased flash keeps its zeros.</summary>
    private RomError Program(long address, byte[] bytes)
    {
        if (address + bytes.Length > _flash.Length)
        {
            return RomError.FlashWriteError;
        }

        for (int i = 0; i < bytes.Length; i++)
        {
            _flash[address + i] &= bytes[i];
        }

        return RomError.None;
    }

    private void HandleEnd(byte command, byte[] data)
    {
        if (data.Length != 4 || !_writeActive)
        {
            Respond(command, 0, RomError.InvalidMessage);
            return;
        }

        // Flag 0 reboots the chip and flag 1 jumps to the user code, so both leave the loader. The state changes
        // before the response goes out, so a client that has read the response finds the emulated chip running.
        _writeActive = false;
        Mode = EmulatedChipMode.Application;
        ApplicationBoots++;
        Respond(command, 0, RomError.None);
    }

    private void HandleMd5(byte[] data)
    {
        if (data.Length != 16)
        {
            Respond((byte)RomCommand.SpiFlashMd5, 0, RomError.InvalidMessage);
            return;
        }

        uint address = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(0));
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(4));
        if ((long)address + size > _flash.Length)
        {
            Respond((byte)RomCommand.SpiFlashMd5, 0, RomError.FlashReadLengthError);
            return;
        }

        // The ROM loader returns the digest as 32 ASCII hex digits.
        string digest = Convert.ToHexStringLower(MD5.HashData(_flash.AsSpan((int)address, (int)size)));
        Respond((byte)RomCommand.SpiFlashMd5, 0, Encoding.ASCII.GetBytes(digest), RomError.None);
    }

    private void HandleChangeBaudRate(byte[] data)
    {
        if (data.Length != 8)
        {
            Respond((byte)RomCommand.ChangeBaudrate, 0, RomError.InvalidMessage);
            return;
        }

        uint baudRate = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (baudRate == 0 || baudRate > 5_000_000)
        {
            Respond((byte)RomCommand.ChangeBaudrate, 0, RomError.InvalidMessage);
            return;
        }

        // The response still goes out at the old rate; the UART switches afterwards.
        Respond((byte)RomCommand.ChangeBaudrate, 0, RomError.None);
        _baudRate = (int)baudRate;
    }

    private void Respond(byte command, uint value, RomError error) => Respond(command, value, ReadOnlySpan<byte>.Empty, error);

    private void Respond(byte command, uint value, ReadOnlySpan<byte> data, RomError error)
    {
        _terminal.Write(Slip.Encode(RomPacket.BuildResponse(command, value, data, error)));
    }
}
