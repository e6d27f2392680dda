using System;
using System.IO;
using Xunit;

namespace Controllers.Cli.Tests;

public sealed class DbcCommandTests : IDisposable
{
    /// <summary>One 8-byte message every 10 ms: 135 bits worst case, 13500 bit/s, 2.7 % at 500 kbit/s.</summary>
    private const string CleanDbc = """
        VERSION ""

        BU_: Vcu Mcu

        BO_ 160 TorqueCommand: 8 Vcu
         SG_ Torque : 0|16@1- (0.1,0) [-500|500] "Nm" Mcu
         SG_ Mode : 16|2@1+ (1,0) [0|3] "" Mcu
         SG_ Speed : 31|16@0+ (1,0) [0|12000] "rpm" Mcu

        BA_DEF_ BO_ "GenMsgCycleTime" INT 0 60000;
        BA_ "GenMsgCycleTime" BO_ 160 10;
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ctl-dbc-tests-" + Guid.NewGuid().ToString("N"));

    public DbcCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private CtlRun Run(params string[] arguments) => CtlProcess.Run(_folder, arguments);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder, name), text);

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Controllers.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("No Controllers.sln above " + AppContext.BaseDirectory + ".");
    }

    [Fact]
    public void Check_RepositoryMatrices_ExitsWithZero()
    {
        var run = CtlProcess.Run(RepositoryRoot(), ["dbc", "check", "boards/can/bms.dbc", "boards/can/vcu.dbc"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.StandardError);
        Assert.Contains("boards/can/bms.dbc: 0 errors, 0 warnings.", run.StandardOutput);
        Assert.Contains("boards/can/vcu.dbc: 0 errors, 0 warnings.", run.StandardOutput);
    }

    [Fact]
    public void Check_CleanFile_PrintsTable()
    {
        Write("clean.dbc", CleanDbc);

        var run = Run("dbc", "check", "clean.dbc");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Estimated bus load at 500000 bit/s", run.StandardOutput);
        Assert.Contains("2.7 %", run.StandardOutput);
        Assert.Matches(@"Signals\s*│\s*3 │", run.StandardOutput);
        Assert.Contains("clean.dbc: 0 errors, 0 warnings.", run.StandardOutput);
    }

    [Fact]
    public void Check_Chinese_TranslatesTable()
    {
        Write("clean.dbc", CleanDbc);

        var run = Run("dbc", "check", "clean.dbc", "--lang", "zh-CN");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("估算总线负载（500000 bit/s）", run.StandardOutput);
        Assert.Contains("clean.dbc：0 个错误，0 个警告。", run.StandardOutput);
        Assert.DoesNotContain("Signals", run.StandardOutput);
    }

    [Fact]
    public void Check_LowerBitRate_RaisesBusLoad()
    {
        Write("clean.dbc", CleanDbc);

        var run = Run("dbc", "check", "clean.dbc", "--bitrate", "250000");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Estimated bus load at 250000 bit/s", run.StandardOutput);
        Assert.Contains("5.4 %", run.StandardOutput);
    }

    [Fact]
    public void Check_BitRateOutOfRange_ExitsWithTwo()
    {
        Write("clean.dbc", CleanDbc);

        var run = Run("dbc", "check", "clean.dbc", "--bitrate", "2000000");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --bitrate 2000000: expected a bit rate from 5000 to 1000000 bit/s (classic CAN).",
            run.StandardError.TrimEnd());
    }

    [Fact]
    public void Check_OverlappingSignals_ExitsWithOne()
    {
        Write("overlap.dbc", CleanDbc.Replace("Mode : 16|2", "Mode : 15|2", StringComparison.Ordinal));

        var run = Run("dbc", "check", "overlap.dbc");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: message TorqueCommand (0x0A0): signals Torque and Mode both use bit 15.", run.StandardOutput);
        Assert.Contains("overlap.dbc: 1 errors, 0 warnings.", run.StandardOutput);
    }

    [Fact]
    public void Check_MotorolaOverlap_ExitsWithOne()
    {
        // Speed 31|16@0 covers bytes 3 and 4, so a signal at bit 32 (byte 4) collides with it.
        Write("motorola.dbc", CleanDbc.Replace("Mode : 16|2", "Mode : 32|2", StringComparison.Ordinal));

        var run = Run("dbc", "check", "motorola.dbc", "--lang", "zh-CN");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("错误：报文 TorqueCommand（0x0A0）：信号 Mode 和 Speed 都占用第 32 位。", run.StandardOutput);
    }

    [Fact]
    public void Check_SignalBeyondLength_ExitsWithOne()
    {
        Write("short.dbc", CleanDbc.Replace("TorqueCommand: 8", "TorqueCommand: 4", StringComparison.Ordinal));

        var run = Run("dbc", "check", "short.dbc");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("signal Speed reaches bit 39, beyond the data length of 4 bytes.", run.StandardOutput);
    }

    [Fact]
    public void Check_MultiplexedSignalsSharingBits_ExitsWithZero()
    {
        Write("mux.dbc", """
            BU_: Bms
            BO_ 512 Cells: 8 Bms
             SG_ Group M : 0|4@1+ (1,0) [0|1] "" Bms
             SG_ Cell1 m0 : 8|16@1+ (1,0) [0|5000] "mV" Bms
             SG_ Cell5 m1 : 8|16@1+ (1,0) [0|5000] "mV" Bms
            BA_DEF_ BO_ "GenMsgCycleTime" INT 0 60000;
            BA_ "GenMsgCycleTime" BO_ 512 100;
            """);

        var run = Run("dbc", "check", "mux.dbc");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("mux.dbc: 0 errors, 0 warnings.", run.StandardOutput);
    }

    [Fact]
    public void Check_MissingCycleTime_WarnsOnly()
    {
        Write("nocycle.dbc", CleanDbc.Replace("BA_ \"GenMsgCycleTime\" BO_ 160 10;", "", StringComparison.Ordinal));

        var run = Run("dbc", "check", "nocycle.dbc");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning: message TorqueCommand (0x0A0) has no GenMsgCycleTime", run.StandardOutput);
        Assert.Contains("0.0 %", run.StandardOutput);
    }

    [Fact]
    public void Check_SyntaxError_ExitsWithTwo()
    {
        Write("bad.dbc", "VERSION \"\"\nBO_ 100 Msg 8 Node\n");

        var run = Run("dbc", "check", "bad.dbc");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: invalid DBC file: bad.dbc:2:13: expected ':', found '8'", run.StandardError.TrimEnd());
    }

    [Fact]
    public void Check_InvalidThenCleanFile_ChecksBoth()
    {
        Write("clean.dbc", CleanDbc);

        var run = Run("dbc", "check", "missing.dbc", "clean.dbc");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: missing.dbc: the file does not exist; check the path.", run.StandardError.TrimEnd());
        Assert.Contains("clean.dbc: 0 errors, 0 warnings.", run.StandardOutput);
    }

    [Fact]
    public void Check_MissingFileChinese_ExitsWithTwo()
    {
        var run = Run("dbc", "check", "missing.dbc", "--lang", "zh-CN");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("错误：missing.dbc：文件不存在；请检查路径。", run.StandardError.TrimEnd());
    }

    [Fact]
    public void Check_NoFile_ExitsWithTwo()
    {
        var run = Run("dbc", "check");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("ctl dbc check --help", run.StandardError);
    }

    [Fact]
    public void Show_Messages_ListsIdNameAndCycleTime()
    {
        Write("clean.dbc", CleanDbc);

        var run = Run("dbc", "show", "clean.dbc");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"0x0A0\s*│ TorqueCommand\s*│\s*8 │\s*10 │ Vcu", run.StandardOutput);
        Assert.Contains("Cycle time (ms)", run.StandardOutput);
    }

    [Fact]
    public void Show_MessageById_ListsSignals()
    {
        Write("clean.dbc", CleanDbc);

        var run = Run("dbc", "show", "clean.dbc", "--message", "0xa0");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("TorqueCommand 0x0A0: 8 bytes, cycle time 10 ms, sender Vcu", run.StandardOutput);
        Assert.Matches(@"Torque\s*│\s*0 │\s*16 │ Intel\s*│ signed\s*│\s*0.1 │\s*0 │\s*-500 │\s*500 │ Nm", run.StandardOutput);
        Assert.Matches(@"Speed\s*│\s*31 │\s*16 │ Motorola\s*│ unsigned", run.StandardOutput);
    }

    [Fact]
    public void Show_MultiplexedMessageByName_ShowsMux()
    {
        var run = CtlProcess.Run(RepositoryRoot(),
            ["dbc", "show", "boards/can/bms.dbc", "--message", "BMS_Slave1CellVoltages", "--lang", "zh-CN"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("复用", run.StandardOutput);
        Assert.Matches(@"Slave1CellVoltageGroup\s*│\s*0 │\s*4 │", run.StandardOutput);
        Assert.Matches(@"Slave1Cell05Voltage\s*│\s*4 │\s*13 │.*│ m1\s*│", run.StandardOutput);
    }

    [Fact]
    public void Show_DecimalId_FindsMessage()
    {
        Write("clean.dbc", CleanDbc);

        var run = Run("dbc", "show", "clean.dbc", "--message", "160");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("TorqueCommand 0x0A0", run.StandardOutput);
    }

    [Fact]
    public void Show_UnknownMessage_ExitsWithTwo()
    {
        Write("clean.dbc", CleanDbc);

        var run = Run("dbc", "show", "clean.dbc", "--message", "Brake", "--lang", "zh-CN");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("错误：--message Brake：clean.dbc 中没有此名称或标识符的报文；运行“ctl dbc show clean.dbc”列出所有报文。",
            run.StandardError.TrimEnd());
        Assert.Equal("", run.StandardOutput);
    }

    [Fact]
    public void Show_SyntaxError_ExitsWithTwo()
    {
        Write("bad.dbc", "BU_: A\nBO_ 100 Msg: 8 A\n SG_ X : 0|8@2+ (1,0) [0|0] \"\" A\n");

        var run = Run("dbc", "show", "bad.dbc");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: invalid DBC file: bad.dbc:3:", run.StandardError);
    }

    [Fact]
    public void Help_Chinese_DescribesDbcCommands()
    {
        var run = Run("dbc", "--help", "--lang", "zh-CN");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("检查和查看 DBC 文件", run.StandardOutput);
        Assert.Contains("check", run.StandardOutput);
        Assert.Contains("show", run.StandardOutput);
    }
}
