namespace MaLAM4Com.Engine.Cli;

/// <summary>Checks on paths the user names, failing with a <see cref="UsageException"/> (exit code 2).</summary>
public static class InputPath
{
    public static string ExistingFile(string? path, string what)
    {
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
            throw new UsageException(Directory.Exists(path) ? $"{what} '{path}' is a directory, not a file" : $"{what} '{path}' does not exist");
        return path;
    }

    public static string ExistingDirectory(string? path, string what)
    {
        if (string.IsNullOrEmpty(path) || !Directory.Exists(path))
            throw new UsageException($"{what} '{path}' does not exist or is not a directory");
        return path;
    }
}
