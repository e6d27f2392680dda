using System;
using System.IO;
using Controllers.Can.Tests.Logs;
using Xunit;

namespace Controllers.Can.Tests.Transports;

/// <summary>
/// A virtual CAN interface created with <c>ip link add dev NAME type vcan</c> for one test and deleted
/// afterwards. Creating one needs root and the vcan kernel module.
/// </summary>
internal sealed class VcanInterface : IDisposable
{
    private const string IpPath = "/usr/sbin/ip";

    private VcanInterface(string name) => Name = name;

    /// <summary>Interface name, unique per test process and test.</summary>
    public string Name { get; }

    /// <summary>
    /// Creates and sets up a vcan interface, or skips the test with the reason when the machine cannot
    /// (no ip tool, no vcan module, not root).
    /// </summary>
    public static VcanInterface CreateOrSkip(string suffix)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "SocketCAN exists only on Linux.");
        Skip.IfNot(File.Exists(IpPath), $"{IpPath} is not installed (Debian package iproute2), so no vcan interface can be created.");

        // IFNAMSIZ allows 15 characters: "vc" + up to 7 digits of the process id + a short suffix.
        string name = $"vc{Environment.ProcessId % 10_000_000}{suffix}";

        // A modprobe failure is not fatal here: the module may be built in or already loaded.
        TryRun("/usr/sbin/modprobe", "vcan");

        var add = ExternalTool.Run(IpPath, null, "link", "add", "dev", name, "type", "vcan");
        Skip.If(
            add.ExitCode != 0,
            $"Cannot create vcan interface {name} ('ip link add dev {name} type vcan' failed: {add.StandardError.Trim()}). " +
            "These tests need root and the vcan kernel module.");

        var vcan = new VcanInterface(name);
        var up = ExternalTool.Run(IpPath, null, "link", "set", "dev", name, "up");
        if (up.ExitCode != 0)
        {
            vcan.Dispose();
            throw new InvalidOperationException($"'ip link set dev {name} up' failed: {up.StandardError.Trim()}");
        }

        return vcan;
    }

    public void Dispose()
    {
        ExternalTool.Run(IpPath, null, "link", "delete", "dev", Name);
    }

    private static void TryRun(string path, params string[] arguments)
    {
        if (File.Exists(path))
        {
            ExternalTool.Run(path, null, arguments);
        }
    }
}
