namespace MaLAM4Com.Cli.Commands;

/// <summary>
/// A mistake in what the user asked for (bad option value, missing file, bad config key).
/// The program prints the message alone, without a stack trace, and exits with code 2.
/// </summary>
public sealed class UsageException(string message) : Exception(message);
