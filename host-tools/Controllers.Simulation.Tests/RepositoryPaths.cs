using System;
using System.IO;

namespace Controllers.Simulation.Tests;

/// <summary>Files of this repository that the tests read, found from the test binaries' folder.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootFolder = new(FindRoot);

    /// <summary>The folder that contains Controllers.sln.</summary>
    public static string Root => RootFolder.Value;

    public static string BmsMaster1sBoard => Path.Combine(Root, "boards", "bms-master-1s.yaml");

    /// <summary>McMaster LG 18650HG2 US06 drive cycle at 25 °C.</summary>
    public static string Us06At25Celsius =>
        Path.Combine(Root, "hil-tests", "data", "cells", "lg-18650hg2", "25degC", "551_US06_parsed.csv");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Controllers.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} contains Controllers.sln.");
    }
}
