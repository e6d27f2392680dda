using System.CommandLine;

namespace Controllers.Cli;

/// <summary>
/// <c>ctl flash</c>: writes firmware to a controller. Each target is one subcommand in its own
/// Flash*Command.cs file; <c>nanoclr</c> writes the nanoCLR image through the ESP32 serial ROM bootloader,
/// <c>app</c> writes a signed application image over UDS on CAN.
/// </summary>
internal static class FlashCommand
{
    /// <summary>Builds the <c>flash</c> command group.</summary>
    public static Command Create()
    {
        return new Command("flash", Messages.Get("FlashDescription"))
        {
            FlashNanoClrCommand.Create(),
            FlashAppCommand.Create(),
        };
    }
}
