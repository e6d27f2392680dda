namespace Controllers.Flashing;

/// <summary>
/// Command opcodes of the ESP32 serial ROM bootloader. Source: esptool documentation, "Serial Protocol",
/// section "Supported by Stub Loader and ROM Loader" (command table).
/// </summary>
public enum RomCommand : byte
{
    FlashBegin = 0x02,
    FlashData = 0x03,
    FlashEnd = 0x04,
    MemBegin = 0x05,
    MemEnd = 0x06,
    MemData = 0x07,
    Sync = 0x08,
    WriteReg = 0x09,
    ReadReg = 0x0A,
    SpiSetParams = 0x0B,
    SpiAttach = 0x0D,
    ChangeBaudrate = 0x0F,
    FlashDeflBegin = 0x10,
    FlashDeflData = 0x11,
    FlashDeflEnd = 0x12,
    SpiFlashMd5 = 0x13,
}

/// <summary>
/// Error codes in the second status byte of a failed response. Source: esptool documentation, "Serial
/// Protocol", section "Status bytes" (ROM loader error codes).
/// </summary>
public enum RomError : byte
{
    None = 0x00,
    InvalidMessage = 0x05,
    FailedToAct = 0x06,
    InvalidCrc = 0x07,
    FlashWriteError = 0x08,
    FlashReadError = 0x09,
    FlashReadLengthError = 0x0A,
    DeflateError = 0x0B,
}
