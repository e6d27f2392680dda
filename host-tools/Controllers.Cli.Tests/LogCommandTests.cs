using System;
using System.IO;
using Xunit;

namespace Controllers.Cli.Tests;

public sealed class LogCommandTests : IDisposable
{
    // Pack 0x100: Voltage little-endian 0.1 V, Current signed 0.1 A, Temperature big-endian in byte 4 with offset -40.
    internal const string PackDbc = """
        VERSION ""

        BU_: Bms Vcu

        BO_ 256 Pack: 8 Bms
         SG_ Voltage : 0|16@1+ (0.1,0) [0|1000] "V" Vcu
         SG_ Current : 16|16@1- (0.1,0) [-1000|1000] "A" Vcu
         SG_ Temperature : 39|8@0+ (1,-40) [-40|215] "degC" Vcu
        """;

    // Voltage 0x0FE8 = 4072 -> 407.2 V, Current 0xFFF6 = -10 -> -1 A, byte 4 0x5A = 90 -> 50 degC.
    // The second Pack frame adds 0.1 V and 1 degC. 0x123 is in no DBC file.
    private const string CandumpText =
        "(1700000000.000000) can0 100#E80FF6FF5A000000\n" +
        "(1700000000.010000) can0 123#01\n" +
        "(1700000000.020000) can0 100#E90FF6FF5B000000\n";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ctl-log-tests-" + Guid.NewGuid().ToString("N"));

    public LogCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private CtlRun Run(params string[] arguments) => CtlProcess.Run(_folder, arguments);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder, name), text);

    private string Read(string name) => File.ReadAllText(Path.Combine(_folder, name));

    private bool Exists(string name) => File.Exists(Path.Combine(_folder, name));

    [Fact]
    public void Convert_CandumpToAsc_WritesAscLog()
    {
        Write("in.log", CandumpText);

        var run = Run("log", "convert", "in.log", "out.asc");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.StandardError);
        Assert.Contains("Converted 3 frames from in.log to out.asc", run.StandardOutput);
        string asc = Read("out.asc");
        Assert.StartsWith("date ", asc);
        Assert.Contains("   0.000000 1  100             Rx   d 8 E8 0F F6 FF 5A 00 00 00", asc);
        Assert.Contains("   0.010000 1  123             Rx   d 1 01", asc);
        Assert.Contains("End TriggerBlock", asc);
    }

    [Fact]
    public void Convert_AscBackToCandump_KeepsFrames()
    {
        Write("in.log", CandumpText);
        Assert.Equal(0, Run("log", "convert", "in.log", "out.asc").ExitCode);

        var run = Run("log", "convert", "out.asc", "back.log");

        Assert.Equal(0, run.ExitCode);
        string[] lines = Read("back.log").TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("(1700000000.000000) can0 100#E80FF6FF5A000000 R", lines[0]);
        Assert.Equal("(1700000000.010000) can0 123#01 R", lines[1]);
        Assert.Equal("(1700000000.020000) can0 100#E90FF6FF5B000000 R", lines[2]);
    }

    [Fact]
    public void Convert_FormatOptions_OverrideExtensions()
    {
        Write("in.txt", CandumpText);

        var run = Run("log", "convert", "in.txt", "out.txt", "--from", "candump", "--to", "asc");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("date ", Read("out.txt"));
    }

    [Fact]
    public void Convert_MalformedLine_NamesFileAndLine()
    {
        Write("bad.log", "(1700000000.000000) can0 100#01\n(1700000000.010000) can0 100#0G\n");

        var run = Run("log", "convert", "bad.log", "out.asc");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: invalid CAN log: bad.log:2: expected data as pairs of hex digits", run.StandardError);
        Assert.Single(run.StandardError.TrimEnd().Split('\n'));
        Assert.False(Exists("out.asc"));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void Convert_MalformedLine_KeepsPreviousOutput()
    {
        Write("bad.log", "garbage\n");
        Write("out.asc", "previous");

        var run = Run("log", "convert", "bad.log", "out.asc");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("previous", Read("out.asc"));
    }

    [Fact]
    public void Convert_SameFormat_ExitsWithTwo()
    {
        Write("in.log", CandumpText);

        var run = Run("log", "convert", "in.log", "out.log");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("in.log and out.log are both candump logs", run.StandardError);
    }

    [Fact]
    public void Convert_UnknownExtension_AsksForFormat()
    {
        Write("in.txt", CandumpText);

        var run = Run("log", "convert", "in.txt", "out.asc");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("in.txt: the log format cannot be determined from the extension", run.StandardError);
        Assert.Contains("--from candump|asc", run.StandardError);
    }

    [Fact]
    public void Convert_InvalidFormatName_ExitsWithTwo()
    {
        Write("in.log", CandumpText);

        var run = Run("log", "convert", "in.log", "out.asc", "--to", "blf");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--to blf is not a log format; use candump or asc.", run.StandardError);
    }

    [Fact]
    public void Convert_MissingInput_ExitsWithTwo()
    {
        var run = Run("log", "convert", "missing.log", "out.asc");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: missing.log: the file does not exist; check the path.", run.StandardError.TrimEnd());
    }

    [Fact]
    public void Convert_Chinese_TranslatesError()
    {
        var run = Run("log", "convert", "missing.log", "out.asc", "--lang", "zh-CN");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("missing.log：文件不存在", run.StandardError);
    }

    [Fact]
    public void Decode_CandumpLog_WritesLongCsv()
    {
        Write("in.log", CandumpText);
        Write("pack.dbc", PackDbc);

        var run = Run("log", "decode", "in.log", "--dbc", "pack.dbc", "--output", "out.csv");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.StandardError);
        Assert.Equal(
            "time_s,message,signal,value,unit\n" +
            "1700000000.000000,Pack,Voltage,407.2,V\n" +
            "1700000000.000000,Pack,Current,-1,A\n" +
            "1700000000.000000,Pack,Temperature,50,degC\n" +
            "1700000000.020000,Pack,Voltage,407.3,V\n" +
            "1700000000.020000,Pack,Current,-1,A\n" +
            "1700000000.020000,Pack,Temperature,51,degC\n",
            Read("out.csv"));
        Assert.Contains("Wrote 6 signal values from 2 decoded frames to out.csv", run.StandardOutput);
        Assert.Contains("1 frames have identifiers that no DBC file defines: 0x123 (1)", run.StandardOutput);
    }

    [Fact]
    public void Decode_AscLogWithSignals_WritesSelection()
    {
        Write("in.log", CandumpText);
        Write("pack.dbc", PackDbc);
        Assert.Equal(0, Run("log", "convert", "in.log", "in.asc").ExitCode);

        var run = Run("log", "decode", "in.asc", "--dbc", "pack.dbc", "--output", "out.csv", "--signals", "Temperature,Voltage");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "time_s,message,signal,value,unit\n" +
            "0.000000,Pack,Voltage,407.2,V\n" +
            "0.000000,Pack,Temperature,50,degC\n" +
            "0.020000,Pack,Voltage,407.3,V\n" +
            "0.020000,Pack,Temperature,51,degC\n",
            Read("out.csv"));
    }

    [Fact]
    public void Decode_TwoDbcFiles_DecodesBoth()
    {
        Write("in.log", CandumpText);
        Write("pack.dbc", PackDbc);
        Write("extra.dbc", "VERSION \"\"\n\nBU_: Bms\n\nBO_ 291 Extra: 1 Bms\n SG_ Flag : 0|1@1+ (1,0) [0|1] \"\" Bms\n");

        var run = Run("log", "decode", "in.log", "--dbc", "pack.dbc", "extra.dbc", "--output", "out.csv", "--signals", "Flag");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("time_s,message,signal,value,unit\n1700000000.010000,Extra,Flag,1,\n", Read("out.csv"));
        Assert.DoesNotContain("no DBC file defines", run.StandardOutput);
    }

    [Fact]
    public void Decode_UnknownSignal_ExitsWithTwo()
    {
        Write("in.log", CandumpText);
        Write("pack.dbc", PackDbc);

        var run = Run("log", "decode", "in.log", "--dbc", "pack.dbc", "--output", "out.csv", "--signals", "Voltage,Soc");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: signal Soc is not defined in pack.dbc; check the name with ctl dbc show.", run.StandardError.TrimEnd());
        Assert.False(Exists("out.csv"));
    }

    [Fact]
    public void Decode_MalformedLog_NamesLine()
    {
        Write("in.log", CandumpText + "(1700000000.030000) can0 100\n");
        Write("pack.dbc", PackDbc);

        var run = Run("log", "decode", "in.log", "--dbc", "pack.dbc", "--output", "out.csv");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: invalid CAN log: in.log:4: expected", run.StandardError);
        Assert.False(Exists("out.csv"));
    }

    [Fact]
    public void Decode_InvalidDbc_ExitsWithTwo()
    {
        Write("in.log", CandumpText);
        Write("bad.dbc", "BO_ 256 Pack: 8\n SG_ Voltage : zero|16@1+ (0.1,0) [0|1000] \"V\" Vcu\n");

        var run = Run("log", "decode", "in.log", "--dbc", "bad.dbc", "--output", "out.csv");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: invalid DBC file: ", run.StandardError);
        Assert.Contains("bad.dbc", run.StandardError);
    }

    [Fact]
    public void Decode_OutputIsFolder_ExitsWithTwo()
    {
        Write("in.log", CandumpText);
        Write("pack.dbc", PackDbc);
        Directory.CreateDirectory(Path.Combine(_folder, "out"));

        var run = Run("log", "decode", "in.log", "--dbc", "pack.dbc", "--output", "out");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--output out is a folder", run.StandardError);
    }

    [Fact]
    public void Decode_MissingDbcOption_ExitsWithTwo()
    {
        Write("in.log", CandumpText);

        var run = Run("log", "decode", "in.log", "--output", "out.csv");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--dbc", run.StandardError);
    }

    [Fact]
    public void DecodeHelp_Chinese_DescribesOptions()
    {
        var run = Run("log", "decode", "--help", "--lang", "zh-CN");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--dbc <FILE>", run.StandardOutput);
        Assert.Contains("每个信号值一行", run.StandardOutput);
        Assert.Contains("要写入的信号，以逗号分隔", run.StandardOutput);
    }

    [Fact]
    public void LogHelp_English_ListsCommands()
    {
        var run = Run("log", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("convert <IN> <OUT>", run.StandardOutput);
        Assert.Contains("decode <LOG>", run.StandardOutput);
        Assert.Contains("record", run.StandardOutput);
        Assert.Contains("replay <FILE>", run.StandardOutput);
    }
}
