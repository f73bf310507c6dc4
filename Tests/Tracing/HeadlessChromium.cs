using System.Diagnostics;

namespace MaLAM4Com.Tests.Tracing;

/// <summary>
/// Headless Chromium for tests that check what a browser renders. When it is missing, it is
/// installed with apt-get (the Debian package "chromium") if the tests run as root; otherwise the
/// test is skipped with the reason.
/// </summary>
internal static class HeadlessChromium
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(90);
    private static readonly Lazy<(string? Path, string Reason)> Located = new(Locate);

    /// <summary>The browser's path; skips the calling test when it cannot be had.</summary>
    public static string Require()
    {
        var (path, reason) = Located.Value;
        Skip.If(path is null, reason);
        return path!;
    }

    /// <summary>The DOM of <paramref name="htmlPath"/> after its load event and scripts have run.</summary>
    public static string DumpDom(string chromium, string htmlPath)
    {
        var profile = Directory.CreateTempSubdirectory("malam4com-chromium-").FullName;
        try
        {
            var (code, output, error) = RunProcess(chromium, RenderTimeout, "--headless", "--no-sandbox", "--disable-gpu",
                $"--user-data-dir={profile}", "--virtual-time-budget=10000", "--dump-dom", new Uri(htmlPath).AbsoluteUri);
            Assert.True(code == 0, $"chromium exited with {code}: {error}");
            return output;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    private static (string? Path, string Reason) Locate()
    {
        if ((FindOnPath("chromium") ?? FindOnPath("chromium-browser")) is { } found)
            return (found, "");
        if (!Environment.IsPrivilegedProcess)
            return (null, "chromium is not installed, and the tests do not run as root to apt-get install it");
        if (FindOnPath("apt-get") is null)
            return (null, "chromium is not installed, and apt-get is not available to install it");
        var (code, output, error) = Install();
        if (code != 0)
        {
            RunProcess("apt-get", InstallTimeout, "update");
            (code, output, error) = Install();
        }
        return FindOnPath("chromium") is { } installed
            ? (installed, "")
            : (null, $"apt-get install -y chromium failed with exit code {code}: {Tail(error + output)}");
    }

    private static (int Code, string Output, string Error) Install() => RunProcess("apt-get", InstallTimeout, "install", "-y", "chromium");

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static (int Code, string Output, string Error) RunProcess(string file, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, output.Result, $"timed out after {timeout}; {error.Result}");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    private static string Tail(string text) => text.Length <= 500 ? text : text[^500..];
}
