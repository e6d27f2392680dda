using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace Controllers.Hil.Tests;

/// <summary>
/// A temporary folder with a small cell definition, a 1-cell board and a synthetic recording: a constant
/// 1 A discharge from full charge, one sample per second, with the voltage on the cell's linear OCV table.
/// </summary>
public sealed class TestFiles : IDisposable
{
    /// <summary>Full scale of the board's current sensor.</summary>
    public const double FullScaleAmperes = 20;

    /// <summary>Capacity in the cell file.</summary>
    public const double CellCapacityAmpereHours = 3.0;

    public TestFiles(double recordingMinutes = 20)
    {
        Folder = Path.Combine(Path.GetTempPath(), "ctl-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        File.WriteAllText(CellPath, CellYaml);
        File.WriteAllText(BoardPath, BoardYaml);
        WriteRecording(RecordingPath, recordingMinutes);
    }

    public string Folder { get; }

    public string CellPath => Path.Combine(Folder, "cell.yaml");

    public string BoardPath => Path.Combine(Folder, "board.yaml");

    public string RecordingPath => Path.Combine(Folder, "recording.csv");

    public string SuitePath => Path.Combine(Folder, "suite.yaml");

    /// <summary>Writes a suite file whose lines are exactly <paramref name="lines"/>, so tests can name line numbers.</summary>
    public string WriteSuite(params string[] lines)
    {
        File.WriteAllText(SuitePath, string.Join("\n", lines) + "\n");
        return SuitePath;
    }

    /// <summary>Suite with two scenarios. The comment after each line gives its line number.</summary>
    public static readonly string[] ValidSuite =
    [
        "name: Synthetic discharge",                       // 1
        "board: board.yaml",                               // 2
        "replay:",                                         // 3
        "  file: recording.csv",                           // 4
        "criteria:",                                       // 5
        "  convergenceMinutes: 1",                         // 6
        "  maxAbsSocErrorPercent: 2.5",                    // 7
        "  rmsSocErrorPercent: 1.5",                       // 8
        "scenarios:",                                      // 9
        "  - name: correct-initial-soc",                   // 10
        "    endMinutes: 5",                               // 11
        "  - name: offset-and-noise",                      // 12
        "    startMinutes: 2",                             // 13
        "    initialSocErrorPercent: -20",                 // 14
        "    sensors:",                                    // 15
        "      currentOffsetPercentFullScale: 0.1",        // 16
        "      voltageNoisePercent: 0.2",                  // 17
        "      voltageOffsetMillivolts: 3",                // 18
        "      seed: 7",                                   // 19
        "    criteria: { maxAbsSocErrorPercent: 4 }",      // 20
    ];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still have a file open. The folder is then left for the OS to clean up.
        }
    }

    /// <summary>
    /// Writes the same 1 A discharge for 180 minutes, from full to empty (3 Ah): a full discharge that
    /// `cell fit` accepts as an OCV input. Returns the path.
    /// </summary>
    public string WriteFullDischarge(string fileName)
    {
        string path = Path.Combine(Folder, fileName);
        WriteRecording(path, 180);
        return path;
    }

    private static void WriteRecording(string path, double minutes)
    {
        var text = new StringBuilder("Timestamp,Time [min],Voltage [V],Current [A],Temperature [degC],Capacity [Ah]\n");
        int seconds = (int)(minutes * 60);
        for (int t = 0; t <= seconds; t++)
        {
            double charge = -t / 3600.0;
            double soc = 1 + charge / CellCapacityAmpereHours;
            double volts = 3.0 + 1.2 * soc - 0.02;
            text.Append("2024-01-01 00:00:00,")
                .Append((t / 60.0).ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(volts.ToString("0.00000", CultureInfo.InvariantCulture)).Append(",-1.0,25.0,")
                .Append(charge.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }

    private const string CellYaml = """
        name: Synthetic test cell
        source: linear OCV for tests
        capacityAmpereHours: 3.0
        minimumVoltageVolts: 2.5
        maximumVoltageVolts: 4.2
        socBreakpoints: [0, 0.25, 0.5, 0.75, 1]
        ocv:
          - temperatureCelsius: 25
            volts: [3.0, 3.3, 3.6, 3.9, 4.2]
        impedance:
          - temperatureCelsius: 25
            ohmicResistanceOhms: [0.02, 0.02, 0.02, 0.02, 0.02]
            fastBranchResistanceOhms: [0.005, 0.005, 0.005, 0.005, 0.005]
            fastBranchTimeConstantSeconds: [10, 10, 10, 10, 10]
            slowBranchResistanceOhms: [0.005, 0.005, 0.005, 0.005, 0.005]
            slowBranchTimeConstantSeconds: [300, 300, 300, 300, 300]

        """;

    private const string BoardYaml = """
        name: Test BMS master, 1 cell
        kind: bms-master
        cell: cell.yaml
        currentSensor:
          fullScaleAmperes: 20

        """;
}
