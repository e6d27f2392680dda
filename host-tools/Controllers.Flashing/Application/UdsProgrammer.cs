using System;
using System.IO;
using Controllers.Can.Diagnostics;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Flashing.Application;

/// <summary>
/// Programs a signed application image into a board over UDS. It reads the board identity and checks
/// the image against it, where a dry run stops. Then it enters the extended and the programming session,
/// unlocks SecurityAccess level 0x11 and runs erase routine 0xFF00. RequestDownload, TransferData with a
/// wrapping block sequence counter and RequestTransferExit send the image, and check routine 0x0202
/// verifies it. After ECUReset it waits for the board to run the new application and confirms it with
/// routine 0xFF01.
/// </summary>
public sealed class UdsProgrammer
{
    /// <summary>SecurityAccess requestSeed level of programming.</summary>
    public const byte ProgrammingSecurityLevel = 0x11;

    public const ushort EraseMemoryRoutine = 0xFF00;
    public const ushort CheckRoutine = 0x0202;
    public const ushort ConfirmRoutine = 0xFF01;
    public const ushort ApplicationVersionIdentifier = 0xF189;
    public const ushort BoardTypeIdentifier = 0xF1A0;
    public const ushort SlotStatusIdentifier = 0xF1A1;

    private readonly UdsClient client;
    private readonly IMonotonicClock clock;

    /// <summary>Creates a programmer that talks through <paramref name="client"/> and times with <paramref name="clock"/>.</summary>
    public UdsProgrammer(UdsClient client, IMonotonicClock clock)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(clock);
        this.client = client;
        this.clock = clock;
    }

    /// <summary>Called at the start of each phase and after each TransferData block.</summary>
    public Action<ProgrammingProgress>? Progress { get; set; }

    /// <summary>How long to wait for the board to respond again after the reset; 10 s by default.</summary>
    public TimeSpan RebootTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>When true (the default), confirm the new application with routine 0xFF01 after the reset.</summary>
    public bool ConfirmAfterReset { get; set; } = true;

    /// <summary>Reads DIDs 0xF1A0, 0xF189 and 0xF1A1.</summary>
    public BoardIdentity ReadIdentity() => Run(ProgrammingPhase.ReadIdentity, ReadIdentityCore);

    /// <summary>
    /// Programs <paramref name="image"/>, unlocking with <paramref name="securitySecret"/>. With
    /// <paramref name="dryRun"/> only the identity is read and checked against the image.
    /// </summary>
    /// <exception cref="ProgrammingException">A step failed. Its properties name the step and the reason.</exception>
    public ProgrammingResult Program(ApplicationImage image, byte[] securitySecret, bool dryRun = false)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(securitySecret);
        long start = clock.NowMicroseconds;

        Report(ProgrammingPhase.ReadIdentity, 0, image.Length, start);
        BoardIdentity before = ReadIdentity();

        Report(ProgrammingPhase.CheckImage, 0, image.Length, start);
        CheckImageAgainst(image, before);
        if (dryRun)
        {
            return new ProgrammingResult(before, null, 0, TimeSpan.Zero, Elapsed(start), DryRun: true);
        }

        Report(ProgrammingPhase.SecurityAccess, 0, image.Length, start);
        Run(ProgrammingPhase.SecurityAccess, () =>
        {
            client.DiagnosticSessionControl(0x03);
            client.DiagnosticSessionControl(0x02);
            client.SecurityAccess(ProgrammingSecurityLevel, securitySecret);
            return 0;
        });

        Report(ProgrammingPhase.Erase, 0, image.Length, start);
        Run(ProgrammingPhase.Erase, () => ExpectRoutineStatus(
            client.RoutineControl(RoutineControlType.StartRoutine, EraseMemoryRoutine, BigEndian((uint)image.Length)), EraseMemoryRoutine));

        long downloadStart = clock.NowMicroseconds;
        Report(ProgrammingPhase.Download, 0, image.Length, start);
        Download(image, start);

        Report(ProgrammingPhase.TransferExit, image.Length, image.Length, start);
        Run(ProgrammingPhase.TransferExit, () =>
        {
            client.RequestTransferExit();
            return 0;
        });
        TimeSpan downloadTime = TimeSpan.FromTicks((clock.NowMicroseconds - downloadStart) * 10);

        Report(ProgrammingPhase.CheckOnBoard, image.Length, image.Length, start);
        byte check = Run(ProgrammingPhase.CheckOnBoard, () => ExpectRoutineStatus(
            client.RoutineControl(RoutineControlType.StartRoutine, CheckRoutine), CheckRoutine));
        if (check != 0x00)
        {
            throw new ProgrammingException(ProgrammingPhase.CheckOnBoard, ProgrammingFailure.CheckRejected,
                $"The board rejected the image: check routine 0x0202 returned 0x{check:X2} ({CheckResultName(check)}). The board keeps running its current application.")
            {
                CheckResult = check,
            };
        }

        Report(ProgrammingPhase.Reset, image.Length, image.Length, start);
        Run(ProgrammingPhase.Reset, () =>
        {
            client.EcuReset(0x01);
            return 0;
        });

        Report(ProgrammingPhase.WaitForBoard, image.Length, image.Length, start);
        BoardIdentity after = WaitForBoard();
        int expectedSlot = before.RunningSlot == 0 ? 1 : 0;
        if (after.RunningSlot != expectedSlot || after.RunningVersion != image.Version)
        {
            throw new ProgrammingException(ProgrammingPhase.WaitForBoard, ProgrammingFailure.NewApplicationNotRunning,
                $"After the reset the board runs version {after.RunningVersion} from slot {after.RunningSlot}, not version {image.Version} from slot {expectedSlot}.")
            {
                BoardValue = after.RunningVersion.ToString(),
                ImageValue = image.Version.ToString(),
            };
        }

        if (ConfirmAfterReset)
        {
            Report(ProgrammingPhase.Confirm, image.Length, image.Length, start);
            Confirm(securitySecret);
            after = ReadIdentity();
        }

        Report(ProgrammingPhase.Done, image.Length, image.Length, start);
        return new ProgrammingResult(before, after, image.Length, downloadTime, Elapsed(start), DryRun: false);
    }

    /// <summary>Confirms the running application with routine 0xFF01 in the extended session.</summary>
    public void Confirm(byte[] securitySecret)
    {
        byte status = Run(ProgrammingPhase.Confirm, () =>
        {
            client.DiagnosticSessionControl(0x03);
            client.SecurityAccess(ProgrammingSecurityLevel, securitySecret);
            byte result = ExpectRoutineStatus(client.RoutineControl(RoutineControlType.StartRoutine, ConfirmRoutine), ConfirmRoutine);
            client.DiagnosticSessionControl(0x01);
            return result;
        });
        if (status != 0x00)
        {
            throw new ProgrammingException(ProgrammingPhase.Confirm, ProgrammingFailure.ConfirmFailed,
                $"The confirm routine 0xFF01 returned 0x{status:X2}: the board could not save the confirmation and will roll back after its trial boots.");
        }
    }

    /// <summary>Returns the name of a check routine result byte.</summary>
    public static string CheckResultName(byte result) => result switch
    {
        0x00 => "valid",
        0x01 => "invalid header",
        0x02 => "CRC mismatch",
        0x03 => "signature invalid",
        0x04 => "board type mismatch",
        0x05 => "version older than the confirmed application",
        0x06 => "nothing received",
        0x07 => "storage failure",
        _ => "unknown result",
    };

    private static void CheckImageAgainst(ApplicationImage image, BoardIdentity board)
    {
        if (image.BoardTypeId != board.BoardTypeId)
        {
            throw new ProgrammingException(ProgrammingPhase.CheckImage, ProgrammingFailure.BoardTypeMismatch,
                $"The image is for board type 0x{image.BoardTypeId:X8}, but the board reports 0x{board.BoardTypeId:X8}.")
            {
                BoardValue = $"0x{board.BoardTypeId:X8}",
                ImageValue = $"0x{image.BoardTypeId:X8}",
            };
        }

        if (image.Version.CompareTo(board.RunningVersion) < 0)
        {
            throw new ProgrammingException(ProgrammingPhase.CheckImage, ProgrammingFailure.OlderVersion,
                $"The image version {image.Version} is older than the running version {board.RunningVersion}; the board rejects downgrades.")
            {
                BoardValue = board.RunningVersion.ToString(),
                ImageValue = image.Version.ToString(),
            };
        }
    }

    private void Download(ApplicationImage image, long start)
    {
        int maxBlockLength = Run(ProgrammingPhase.Download, () => client.RequestDownload(0, (uint)image.Length));

        // maxNumberOfBlockLength counts the service id and the block sequence counter.
        int dataPerBlock = maxBlockLength - 2;
        ReadOnlySpan<byte> bytes = image.Bytes;
        byte counter = 1;
        int sent = 0;
        while (sent < bytes.Length)
        {
            int count = Math.Min(dataPerBlock, bytes.Length - sent);
            byte[] block = bytes.Slice(sent, count).ToArray();
            byte blockCounter = counter;
            Run(ProgrammingPhase.Download, () =>
            {
                client.TransferData(blockCounter, block);
                return 0;
            });
            sent += count;

            // The counter wraps from 0xFF to 0x00 (ISO 14229-1 TransferData).
            counter = unchecked((byte)(counter + 1));
            Report(ProgrammingPhase.Download, sent, bytes.Length, start);
        }
    }

    private BoardIdentity WaitForBoard()
    {
        long deadline = clock.NowMicroseconds + RebootTimeout.Ticks / 10;
        while (true)
        {
            try
            {
                return ReadIdentityCore();
            }
            catch (Exception error) when (error is TimeoutException or UdsNegativeResponseException or IOException)
            {
                if (clock.NowMicroseconds >= deadline)
                {
                    throw new ProgrammingException(ProgrammingPhase.WaitForBoard, ProgrammingFailure.Timeout,
                        $"The board did not respond within {RebootTimeout.TotalSeconds:0.#} s after the reset.", error);
                }
            }
        }
    }

    private BoardIdentity ReadIdentityCore()
    {
        byte[] type = client.ReadDataByIdentifier(BoardTypeIdentifier);
        byte[] version = client.ReadDataByIdentifier(ApplicationVersionIdentifier);
        byte[] slots = client.ReadDataByIdentifier(SlotStatusIdentifier);
        if (type.Length != 4 || version.Length != 4 || slots.Length != 14)
        {
            throw new InvalidDataException($"The identity DIDs have {type.Length}, {version.Length} and {slots.Length} bytes instead of 4, 4 and 14.");
        }

        return new BoardIdentity(
            ReadUInt32(type, 0),
            ApplicationVersion.FromPacked(ReadUInt32(version, 0)),
            slots[0],
            slots[1],
            slots[2],
            slots[3],
            [slots[4], slots[5]],
            [ApplicationVersion.FromPacked(ReadUInt32(slots, 6)), ApplicationVersion.FromPacked(ReadUInt32(slots, 10))]);
    }

    private static byte ExpectRoutineStatus(byte[] status, ushort routine)
    {
        if (status.Length < 1)
        {
            throw new InvalidDataException($"Routine 0x{routine:X4} returned no status byte.");
        }

        return status[0];
    }

    // Runs one step and turns the client's exceptions into a ProgrammingException that names the phase.
    private static T Run<T>(ProgrammingPhase phase, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (UdsNegativeResponseException error)
        {
            throw new ProgrammingException(phase, ProgrammingFailure.NegativeResponse,
                $"{phase}: the board sent negative response 0x{error.ResponseCode:X2} ({error.ResponseCodeName}) to {UdsNames.ServiceName(error.ServiceId)} (0x{error.ServiceId:X2}).", error)
            {
                NegativeResponseCode = error.ResponseCode,
            };
        }
        catch (TimeoutException error)
        {
            throw new ProgrammingException(phase, ProgrammingFailure.Timeout, $"{phase}: {error.Message}", error);
        }
        catch (InvalidDataException error)
        {
            throw new ProgrammingException(phase, ProgrammingFailure.InvalidResponse, $"{phase}: {error.Message}", error);
        }
    }

    private void Report(ProgrammingPhase phase, long sent, long total, long start)
    {
        Progress?.Invoke(new ProgrammingProgress(phase, sent, total, Elapsed(start)));
    }

    private TimeSpan Elapsed(long startMicroseconds) => TimeSpan.FromTicks((clock.NowMicroseconds - startMicroseconds) * 10);

    private static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static uint ReadUInt32(byte[] data, int offset) =>
        ((uint)data[offset] << 24) | ((uint)data[offset + 1] << 16) | ((uint)data[offset + 2] << 8) | data[offset + 3];
}
