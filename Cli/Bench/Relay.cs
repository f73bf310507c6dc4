using MaLAM4Com.Engine.Entities;

namespace MaLAM4Com.Cli.Bench;

/// <summary>A message of a chosen size carrying its hop count.</summary>
public sealed record Relay(int Hop, int Bytes) : ISimMessage
{
    public int SizeBytes => Bytes;
}
