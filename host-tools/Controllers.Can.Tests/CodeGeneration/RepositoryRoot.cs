using System;
using System.IO;

namespace Controllers.Can.Tests.CodeGeneration;

/// <summary>Finds the repository root, the nearest folder above the test binaries that contains Controllers.sln.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Controllers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains Controllers.sln.");
    }
}
