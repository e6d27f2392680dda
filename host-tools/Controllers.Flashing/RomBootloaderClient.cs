using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace Controllers.Flashing;

/// <summary>Bytes written so far and the image size, reported after each acknowledged block.</summary>
public readonly record struct FlashProgress(long BytesWritten, long TotalBytes);

/// <summary>Result of one flashing run.</summary>
public sealed record FlashResult(long ImageBytes, long BytesSent, string Md5, TimeSpan Duration);

/// <summary>
/// Client of the ESP32 serial ROM bootloader: reset into download mode, SYNC, chip detection, SPI flash
/// set-up, plain and compressed writes with MD5 verification, baud rate change and reset into the application.
/// Protocol source: esptool documentation, "Serial Protocol" (docs.espressif.com/projects/esptool, section
/// "Writing Data" for the command order) and "Boot Mode Selection" for the reset lines.
/// </summary>
public sealed class RomBootloaderClient
{
    /// <summary>FLASH_DATA block size of the ROM loader (the stub loader uses 16 KiB, the ROM 1 KiB).</summary>
    public const int RomBlockSize = 0x400;

    /// <summary>The 36 data bytes of SYNC: 0x07 0x07 0x12 0x20 and 32 times 0x55.</summary>
    public static readonly byte[] SyncData = BuildSyncData();

    private const int SyncAttemptsPerReset = 5;
    private const int BlockAttempts = 3;

    private readonly ISerialLink _link;
    private readonly IResetLines? _resetLines;
    private readonly SlipReader _reader = new();
    private readonly byte[] _readBuffer = new byte[4096];
    private int _readLength;
    private int _readOffset;

    public RomBootloaderClient(ISerialLink link, IResetLines? resetLines)
    {
        _link = link ?? throw new ArgumentNullException(nameof(link));
        _resetLines = resetLines;
    }

    /// <summary>Timeout of one command that neither erases nor hashes flash.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Time to wait for each SYNC response.</summary>
    public TimeSpan SyncTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How many times <see cref="Connect"/> resets the chip and tries to sync.</summary>
    public int ConnectAttempts { get; set; } = 3;

    /// <summary>
    /// Erase time allowed per MiB in FLASH_BEGIN and FLASH_DEFL_BEGIN, which erase before they respond.
    /// NOTE: 30 s per MiB is an estimate with a wide margin, not a measurement on a board.
    /// </summary>
    public TimeSpan EraseTimeoutPerMebibyte { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Hashing time allowed per MiB for SPI_FLASH_MD5. NOTE: an estimate, not measured on a board.</summary>
    public TimeSpan Md5TimeoutPerMebibyte { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Number of data blocks sent again after a failed or missing response.</summary>
    public int BlockRetries { get; private set; }

    /// <summary>
    /// Resets the chip into the ROM download mode with the classic DTR/RTS sequence: EN low for 100 ms with
    /// GPIO0 high, then EN released while GPIO0 is held low for 50 ms, then GPIO0 released.
    /// Does nothing without reset lines, so the operator must hold BOOT and press EN.
    /// </summary>
    public void EnterBootloader()
    {
        if (_resetLines is null)
        {
            return;
        }

        _resetLines.SetDtr(false);
        _resetLines.SetRts(true);
        Thread.Sleep(100);
        _resetLines.SetDtr(true);
        _resetLines.SetRts(false);
        Thread.Sleep(50);
        _resetLines.SetDtr(false);
    }

    /// <summary>Resets the chip out of the bootloader into the flashed application: EN low for 100 ms with GPIO0 high.</summary>
    public void HardReset()
    {
        if (_resetLines is null)
        {
            return;
        }

        _resetLines.SetDtr(false);
        _resetLines.SetRts(true);
        Thread.Sleep(100);
        _resetLines.SetRts(false);
    }

    /// <summary>
    /// Resets into the bootloader and sends SYNC until the ROM responds: up to <see cref="ConnectAttempts"/>
    /// resets with 5 SYNC requests each. Throws <see cref="FlashingException"/> when no attempt succeeds.
    /// </summary>
    public void Connect()
    {
        for (int attempt = 0; attempt < ConnectAttempts; attempt++)
        {
            EnterBootloader();
            // The ROM prints its boot message at 115200 bit/s before it listens, which is not SLIP data.
            Thread.Sleep(20);
            for (int sync = 0; sync < SyncAttemptsPerReset; sync++)
            {
                if (TrySync())
                {
                    return;
                }
            }
        }

        throw new FlashingException(
            $"No answer to SYNC after {ConnectAttempts} resets at {_link.BaudRate} bit/s. Check the port, " +
            "or hold BOOT (GPIO0) while pressing EN to enter the download mode by hand, then try again.");
    }

    /// <summary>Sends one SYNC and returns true when the ROM responds, after draining the extra SYNC responses it sends.</summary>
    public bool TrySync()
    {
        DiscardInput();
        Send(RomCommand.Sync, SyncData, 0);
        RomResponse? response = ReadResponse(RomCommand.Sync, SyncTimeout);
        if (response is null || !response.IsSuccess)
        {
            return false;
        }

        // The ROM sends several responses to one SYNC. Reading until the line is quiet keeps them from
        // arriving as responses to the next command.
        while (ReadResponse(RomCommand.Sync, TimeSpan.FromMilliseconds(50)) is not null)
        {
        }

        return true;
    }

    /// <summary>Returns the 32-bit value of the register at <paramref name="address"/>.</summary>
    public uint ReadRegister(uint address)
    {
        var data = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(data, address);
        return Command(RomCommand.ReadReg, data, 0, CommandTimeout).Value;
    }

    /// <summary>Reads the chip-detect register and returns the chip name. Throws for an unknown value.</summary>
    public string DetectChip()
    {
        uint magic = ReadRegister(EspChip.MagicRegisterAddress);
        return EspChip.NameOf(magic)
            ?? throw new FlashingException($"Unknown chip: magic register 0x{EspChip.MagicRegisterAddress:X8} reads 0x{magic:X8}. Check that the board is an ESP32.");
    }

    /// <summary>Attaches the default SPI flash pins (ESP32 ROM: 4 bytes of pin configuration, 0 for the default, and 4 zero bytes).</summary>
    public void SpiAttach()
    {
        Command(RomCommand.SpiAttach, new byte[8], 0, CommandTimeout);
    }

    /// <summary>
    /// Tells the ROM the flash geometry: id 0, total size, 64 KiB block, 4 KiB sector, 256 byte page and
    /// status mask 0xFFFF.
    /// </summary>
    public void SpiSetParams(uint flashSize)
    {
        var data = new byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(0), 0);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), flashSize);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(8), 64 * 1024);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(12), 4 * 1024);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(16), 256);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(20), 0xFFFF);
        Command(RomCommand.SpiSetParams, data, 0, CommandTimeout);
    }

    /// <summary>
    /// Requests the ROM to switch to <paramref name="baudRate"/>, then switches the host port. The ROM sends its
    /// response at the old rate, so the port changes only after the response. The second word is 0 because the ROM loader
    /// ignores the old rate.
    /// </summary>
    public void ChangeBaudRate(int baudRate)
    {
        if (baudRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(baudRate), baudRate, "The baud rate must be positive.");
        }

        var data = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(0), (uint)baudRate);
        Command(RomCommand.ChangeBaudrate, data, 0, CommandTimeout);
        _link.BaudRate = baudRate;
        Thread.Sleep(50);
        DiscardInput();
    }

    /// <summary>
    /// Writes <paramref name="image"/> at <paramref name="address"/> (plain or zlib-compressed), verifies the
    /// flash with SPI_FLASH_MD5 against the MD5 of the image and returns the figures. Throws
    /// <see cref="FlashingException"/> for every failure, including an MD5 mismatch.
    /// </summary>
    public FlashResult WriteFlash(byte[] image, uint address, bool compress, Action<FlashProgress>? progress = null)
    {
        var stopwatch = Stopwatch.StartNew();
        long sent = compress ? WriteCompressed(image, address, progress) : WritePlain(image, address, progress);
        string expected = Convert.ToHexStringLower(MD5.HashData(image));
        string actual = FlashMd5(address, (uint)image.Length);
        if (actual != expected)
        {
            throw new FlashingException($"Verification failed at 0x{address:X}: the flash MD5 is {actual}, the image MD5 is {expected}. Flash again; if it repeats, lower --baud.");
        }

        return new FlashResult(image.Length, sent, actual, stopwatch.Elapsed);
    }

    /// <summary>
    /// Ends the flash write. The flag word is 0 to reboot the chip and 1 to jump to the user code; either way the
    /// ROM loader stops listening. To stay in the loader, do not send this command.
    /// </summary>
    public void FlashEnd(bool reboot, bool compressed)
    {
        var data = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(data, reboot ? 0u : 1u);
        Command(compressed ? RomCommand.FlashDeflEnd : RomCommand.FlashEnd, data, 0, CommandTimeout);
    }

    /// <summary>Returns the MD5 of <paramref name="size"/> flash bytes from <paramref name="address"/> as 32 lower-case hex digits.</summary>
    public string FlashMd5(uint address, uint size)
    {
        var data = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(0), address);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), size);
        RomResponse response = Command(RomCommand.SpiFlashMd5, data, 0, ScaledTimeout(Md5TimeoutPerMebibyte, size));

        // The ROM sends 32 ASCII hex digits, the esptool stub 16 raw bytes.
        if (response.Data.Length == 32)
        {
            return Encoding.ASCII.GetString(response.Data).ToLowerInvariant();
        }

        if (response.Data.Length == 16)
        {
            return Convert.ToHexStringLower(response.Data);
        }

        throw new FlashingException($"SPI_FLASH_MD5 returned {response.Data.Length} data bytes instead of 32 hex digits or 16 raw bytes.");
    }

    private long WritePlain(byte[] image, uint address, Action<FlashProgress>? progress)
    {
        int blocks = (image.Length + RomBlockSize - 1) / RomBlockSize;
        Command(RomCommand.FlashBegin, BeginData((uint)image.Length, blocks, address), 0, ScaledTimeout(EraseTimeoutPerMebibyte, (uint)image.Length));

        var block = new byte[RomBlockSize];
        for (int sequence = 0; sequence < blocks; sequence++)
        {
            int offset = sequence * RomBlockSize;
            int length = Math.Min(RomBlockSize, image.Length - offset);
            // The ROM always writes whole blocks, so the last one is padded with erased-flash bytes.
            block.AsSpan().Fill(0xFF);
            image.AsSpan(offset, length).CopyTo(block);
            SendBlock(RomCommand.FlashData, block, sequence);
            progress?.Invoke(new FlashProgress(offset + length, image.Length));
        }

        return (long)blocks * RomBlockSize;
    }

    private long WriteCompressed(byte[] image, uint address, Action<FlashProgress>? progress)
    {
        byte[] compressed;
        using (var buffer = new MemoryStream())
        {
            using (var zlib = new ZLibStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zlib.Write(image);
            }

            compressed = buffer.ToArray();
        }

        int blocks = (compressed.Length + RomBlockSize - 1) / RomBlockSize;
        // The ROM loader expects the uncompressed size rounded up to the 4 KiB erase sector, and erases that much.
        uint eraseSize = (uint)((image.Length + 0xFFF) & ~0xFFF);
        Command(RomCommand.FlashDeflBegin, BeginData(eraseSize, blocks, address), 0, ScaledTimeout(EraseTimeoutPerMebibyte, eraseSize));
        for (int sequence = 0; sequence < blocks; sequence++)
        {
            int offset = sequence * RomBlockSize;
            int length = Math.Min(RomBlockSize, compressed.Length - offset);
            SendBlock(RomCommand.FlashDeflData, compressed.AsSpan(offset, length).ToArray(), sequence);
            long written = (long)image.Length * (offset + length) / compressed.Length;
            progress?.Invoke(new FlashProgress(written, image.Length));
        }

        return compressed.Length;
    }

    private static byte[] BeginData(uint eraseSize, int blocks, uint address)
    {
        var data = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(0), eraseSize);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), (uint)blocks);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(8), RomBlockSize);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(12), address);
        return data;
    }

    /// <summary>
    /// Sends one data block with its 16-byte header (size, sequence number, two zero words) and the payload
    /// checksum. A block is sent again after a failed status or a missing response, at most 3 times in all.
    /// </summary>
    private void SendBlock(RomCommand command, byte[] payload, int sequence)
    {
        var data = new byte[16 + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(0), (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), (uint)sequence);
        payload.CopyTo(data, 16);
        uint checksum = RomPacket.Checksum(payload);

        string lastFailure = "";
        for (int attempt = 1; attempt <= BlockAttempts; attempt++)
        {
            if (attempt > 1)
            {
                BlockRetries++;
            }

            Send(command, data, checksum);
            // Writing a block can include erasing the sectors it reaches, so it gets the erase allowance for one block.
            RomResponse? response = ReadResponse(command, CommandTimeout + ScaledTimeout(EraseTimeoutPerMebibyte, (uint)payload.Length));
            if (response is null)
            {
                lastFailure = "no response";
                continue;
            }

            if (response.IsSuccess)
            {
                return;
            }

            lastFailure = $"status {response.Status}, error 0x{(byte)response.Error:X2} ({DescribeError(response.Error)})";
            if (response.Error is RomError.FlashWriteError or RomError.DeflateError)
            {
                // Sending the block again cannot fix a flash or inflate failure.
                break;
            }
        }

        throw new FlashingException($"{CommandName(command)} block {sequence} failed after retries: {lastFailure}. Check the cable, lower --baud and flash again.");
    }

    private RomResponse Command(RomCommand command, byte[] data, uint checksum, TimeSpan timeout)
    {
        Send(command, data, checksum);
        RomResponse? response = ReadResponse(command, timeout)
            ?? throw new FlashingException($"{CommandName(command)} timed out after {timeout.TotalSeconds:0.###} s without a response. Check the port and the baud rate, then reset the board into download mode.");
        if (!response.IsSuccess)
        {
            throw new FlashingException($"{CommandName(command)} failed: status {response.Status}, error 0x{(byte)response.Error:X2} ({DescribeError(response.Error)}).");
        }

        return response;
    }

    private void Send(RomCommand command, byte[] data, uint checksum)
    {
        byte[] frame = Slip.Encode(RomPacket.BuildRequest(command, data, checksum));
        _link.Write(frame, 0, frame.Length);
    }

    /// <summary>Reads frames until a response to <paramref name="command"/> arrives; returns null on timeout. Other frames are dropped.</summary>
    private RomResponse? ReadResponse(RomCommand command, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_readOffset >= _readLength)
            {
                TimeSpan remaining = timeout - deadline.Elapsed;
                if (remaining <= TimeSpan.Zero)
                {
                    return null;
                }

                _readLength = _link.Read(_readBuffer, 0, _readBuffer.Length, remaining);
                _readOffset = 0;
                if (_readLength == 0)
                {
                    continue;
                }
            }

            byte[]? frame = _reader.Add(_readBuffer[_readOffset++]);
            if (frame is null || frame.Length < RomPacket.HeaderLength || frame[0] != RomPacket.ResponseDirection || frame[1] != (byte)command)
            {
                continue;
            }

            try
            {
                return RomPacket.ParseResponse(frame);
            }
            catch (InvalidDataException)
            {
                // A damaged response counts as missing, so the caller's timeout or retry applies.
            }
        }
    }

    private void DiscardInput()
    {
        _link.DiscardInput();
        _readOffset = _readLength = 0;
        _reader.Reset();
    }

    private static TimeSpan ScaledTimeout(TimeSpan perMebibyte, uint size)
    {
        TimeSpan scaled = perMebibyte * (size / (1024.0 * 1024.0));
        return scaled > TimeSpan.FromSeconds(3) ? scaled : TimeSpan.FromSeconds(3);
    }

    private static string CommandName(RomCommand command) => command switch
    {
        RomCommand.FlashBegin => "FLASH_BEGIN",
        RomCommand.FlashData => "FLASH_DATA",
        RomCommand.FlashEnd => "FLASH_END",
        RomCommand.Sync => "SYNC",
        RomCommand.ReadReg => "READ_REG",
        RomCommand.SpiSetParams => "SPI_SET_PARAMS",
        RomCommand.SpiAttach => "SPI_ATTACH",
        RomCommand.ChangeBaudrate => "CHANGE_BAUDRATE",
        RomCommand.FlashDeflBegin => "FLASH_DEFL_BEGIN",
        RomCommand.FlashDeflData => "FLASH_DEFL_DATA",
        RomCommand.FlashDeflEnd => "FLASH_DEFL_END",
        RomCommand.SpiFlashMd5 => "SPI_FLASH_MD5",
        _ => $"command 0x{(byte)command:X2}",
    };

    /// <summary>Returns the name of a ROM error code as the protocol description lists it.</summary>
    public static string DescribeError(RomError error) => error switch
    {
        RomError.None => "no error code",
        RomError.InvalidMessage => "received message is invalid",
        RomError.FailedToAct => "failed to act on received message",
        RomError.InvalidCrc => "invalid CRC in message",
        RomError.FlashWriteError => "flash write error",
        RomError.FlashReadError => "flash read error",
        RomError.FlashReadLengthError => "flash read length error",
        RomError.DeflateError => "deflate error",
        _ => "unknown error code",
    };

    private static byte[] BuildSyncData()
    {
        var data = new byte[36];
        data[0] = 0x07;
        data[1] = 0x07;
        data[2] = 0x12;
        data[3] = 0x20;
        data.AsSpan(4).Fill(0x55);
        return data;
    }
}
