using System;
using System.IO;

namespace Controllers.Benchmarks;

internal static class Repository
{
    /// <summary>Returns the folder with Controllers.sln above the benchmark binaries.</summary>
    public static string Root()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Controllers.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("Controllers.sln not found above " + AppContext.BaseDirectory + "; run from inside the repository.");
    }
}
