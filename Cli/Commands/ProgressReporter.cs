using System.CommandLine;
using System.Globalization;

namespace MaLAM4Com.Cli.Commands;

/// <summary>
/// Live progress for long commands: <c>var progress = ProgressReporter.For(parseResult);</c> then
/// <c>progress.Step(done, total, label)</c> (or <c>StepBytes</c>) as work advances, <c>progress.Line(text)</c> for a
/// message of its own and <c>progress.Done()</c> at the end. It writes to the error stream, so a
/// command's results on standard output stay clean for pipes: a bar with ETA on a terminal, plain
/// lines (throttled) when redirected, nothing with the global --quiet.
/// </summary>
public sealed class ProgressReporter
{
    public const string QuietOptionName = "--quiet";
    private const int BarWidth = 30;
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BarInterval = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter _writer;
    private readonly TimeProvider _time;
    // When the current phase (the steps of one label) began, and when anything was last stepped or written.
    private long _start;
    private long _lastActivity;
    private string? _label;
    private long? _lastShown;
    private int _barLength;

    public ProgressReporter(TextWriter writer, ProgressMode mode, TimeProvider? time = null)
    {
        _writer = writer;
        Mode = mode;
        _time = time ?? TimeProvider.System;
        _start = _time.GetTimestamp();
        _lastActivity = _start;
    }

    public ProgressMode Mode { get; }

    /// <summary>Where long-running work writes its own plain progress lines (nowhere when quiet).</summary>
    public TextWriter Log => Mode == ProgressMode.Quiet ? TextWriter.Null : _writer;

    /// <summary>The global option, added once on the root command; <see cref="For"/> reads it.</summary>
    public static Option<bool> CreateQuietOption() => new(QuietOptionName, "-q")
    {
        Description = "Print no progress (results and errors still print).",
        Recursive = true,
    };

    /// <summary>A reporter for a running command: quiet with --quiet, a bar when its error stream is a terminal, else plain.</summary>
    public static ProgressReporter For(ParseResult parseResult)
    {
        var error = parseResult.InvocationConfiguration.Error;
        bool quiet = parseResult.RootCommandResult.Command.Options.OfType<Option<bool>>()
            .Where(o => o.Name == QuietOptionName)
            .Any(o => parseResult.GetValue(o));
        var mode = quiet ? ProgressMode.Quiet
            : ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected ? ProgressMode.Bar
            : ProgressMode.Plain;
        return new ProgressReporter(error, mode);
    }

    /// <summary><paramref name="done"/> of <paramref name="total"/> units (total 0 or less: unknown) are done.</summary>
    public void Step(long done, long total, string label) => Show(done, total, label, Count);

    /// <summary>Like <see cref="Step"/> for bytes of a file, shown in MiB.</summary>
    public void StepBytes(long doneBytes, long totalBytes, string label) => Show(doneBytes, totalBytes, label, MiB);

    private void Show(long done, long total, string label, Func<long, string> format)
    {
        if (Mode == ProgressMode.Quiet)
            return;
        long now = _time.GetTimestamp();
        // A new label is a new phase: its elapsed time and ETA count from the last step or line before it, not from the
        // command's start (a run's Chrome trace export comes after minutes of rounds).
        if (_label != label)
        {
            _start = _lastActivity;
            _lastShown = null;
        }
        _label = label;
        _lastActivity = now;
        // Work that finishes within one interval shows nothing; after that, at most one update an
        // interval, and the final step whenever anything was shown before it.
        bool last = total > 0 && done >= total;
        var interval = Mode == ProgressMode.Bar ? BarInterval : PlainInterval;
        bool due = _time.GetElapsedTime(_lastShown ?? _start, now) >= interval;
        if (!due && !(last && _lastShown is not null))
            return;
        _lastShown = now;
        var text = Describe(done, total, label, format, _time.GetElapsedTime(_start, now));
        if (Mode == ProgressMode.Plain)
        {
            _writer.WriteLine(text);
            return;
        }
        var bar = total > 0 ? $"[{new string('#', (int)(BarWidth * Math.Min(done, total) / total)).PadRight(BarWidth, '.')}] " : "";
        var line = bar + text;
        _writer.Write("\r" + line.PadRight(_barLength));
        _barLength = line.Length;
        _writer.Flush();
    }

    /// <summary>A message of its own line (the bar, if any, is redrawn by the next step).</summary>
    public void Line(string text)
    {
        _lastActivity = _time.GetTimestamp();
        if (Mode == ProgressMode.Quiet)
            return;
        if (_barLength > 0)
        {
            _writer.Write("\r" + new string(' ', _barLength) + "\r");
            _barLength = 0;
        }
        _writer.WriteLine(text);
    }

    /// <summary>Ends the progress display (the bar's line is finished).</summary>
    public void Done()
    {
        if (_barLength == 0)
            return;
        _writer.WriteLine();
        _barLength = 0;
    }

    private static string Describe(long done, long total, string label, Func<long, string> format, TimeSpan elapsed)
    {
        var counts = total > 0 ? $"{format(done)}/{format(total)} ({100 * Math.Min(done, total) / total}%)" : format(done);
        var eta = total > 0 && done > 0 && done < total
            ? $", eta {Clock(elapsed * ((double)(total - done) / done))}"
            : "";
        return $"{label} {counts}, elapsed {Clock(elapsed)}{eta}";
    }

    private static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string MiB(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

    private static string Clock(TimeSpan t) =>
        t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
