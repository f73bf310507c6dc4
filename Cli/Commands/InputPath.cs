using System.CommandLine;

namespace MaLAM4Com.Cli.Commands;

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

    /// <summary>
    /// A path argument that refuses values starting with '-': the parser would otherwise take a
    /// mistyped option as the path and report a missing file instead of the unknown option.
    /// </summary>
    public static Argument<string> Argument(string name, string description)
    {
        var argument = new Argument<string>(name) { Description = description };
        argument.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not null && value.StartsWith('-'))
                result.AddError($"Unrecognized command or argument '{value}' (write ./{value} for a path that starts with '-').");
        });
        return argument;
    }
}
