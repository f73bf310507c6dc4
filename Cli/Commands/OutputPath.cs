namespace MaLAM4Com.Cli.Commands;

/// <summary>
/// Checks on paths a command will write, made before it starts work: a run must not end in an
/// error about its output after the time it took. Each check returns what is wrong, or null; the
/// caller names the option or config key in its error. Nothing is left behind by a check.
/// </summary>
public static class OutputPath
{
    /// <summary>A file to be written (replaced if it exists): not a folder, under a folder that exists or can be created, and that can be written.</summary>
    public static string? FileProblem(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            return "it is a folder; give the path of a file";
        return PlaceProblem(Path.GetDirectoryName(full) ?? full);
    }

    /// <summary>A folder to be written into (created if missing): not a file, and it or its nearest existing parent can be written.</summary>
    public static string? FolderProblem(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
            return "it is an existing file; give a folder (created if missing)";
        return PlaceProblem(full);
    }

    // The folder given, or the nearest of its parents that exists, must be a folder that can be written.
    private static string? PlaceProblem(string folder)
    {
        var existing = folder;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
                return $"'{existing}' is a file, so no folder can be made under it; give a path under a folder";
            existing = Path.GetDirectoryName(existing) ?? existing;
        }
        try
        {
            // A probe deleted on close: permissions alone do not tell (read-only mounts, /proc, the user being root).
            using var probe = new FileStream(Path.Combine(existing, $".malam4com-probe-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"folder '{existing}' cannot be written; give a path under a writable folder";
        }
    }

    /// <summary>True when both name the same file (after making them absolute).</summary>
    public static bool Same(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);

    /// <summary>Throws a <see cref="UsageException"/> naming the option and the value when <paramref name="path"/> is the input <paramref name="input"/> (outputs never replace inputs).</summary>
    public static void NotInput(string path, string option, string input, string inputName)
    {
        if (Same(path, input))
            throw new UsageException($"{option} '{path}': it is {inputName}, which this command reads and must not replace; give another file");
    }

    /// <summary>Throws a <see cref="UsageException"/> naming the option and the value when <paramref name="path"/> cannot be written as a file.</summary>
    public static string WritableFile(string path, string option) =>
        FileProblem(path) is { } problem ? throw new UsageException($"{option} '{path}': {problem}") : path;
}
