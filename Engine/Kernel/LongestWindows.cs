namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// A window's wall time from its opening to its last partition's ready report, for reports only: the simulation never
/// reads it. The work of a window is split among the partitions as the partition map cuts the entities, so a run whose
/// wall sits in a few windows is as fast as its slowest partition in them, whatever happens between them.
/// </summary>
public readonly record struct WindowWall(long Window, long StartUs, long EndUs, double Seconds);

/// <summary>Keeps the <see cref="Capacity"/> longest windows of a run, longest first (the earlier window first on a tie).</summary>
public sealed class LongestWindows
{
    public const int Capacity = 5;

    private readonly List<WindowWall> _kept = new(Capacity + 1);

    public void Add(WindowWall window)
    {
        if (_kept.Count == Capacity && window.Seconds <= _kept[^1].Seconds)
            return;
        int at = _kept.FindIndex(k => window.Seconds > k.Seconds);
        _kept.Insert(at < 0 ? _kept.Count : at, window);
        if (_kept.Count > Capacity)
            _kept.RemoveAt(Capacity);
    }

    public IReadOnlyList<WindowWall> Longest => _kept.ToList();
}
