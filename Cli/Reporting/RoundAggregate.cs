namespace MaLAM4Com.Cli.Reporting;

/// <summary>Mean and maximum of the values one metric took in one round over a layer's entities.</summary>
public sealed class RoundAggregate
{
    private double _sum;

    public long Count { get; private set; }
    public double Max { get; private set; } = double.NegativeInfinity;
    public double Mean => _sum / Count;

    public void Add(double value)
    {
        _sum += value;
        Count++;
        Max = Math.Max(Max, value);
    }
}
