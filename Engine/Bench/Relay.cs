using MaLAM4Com.Actors.Kernel;

namespace MaLAM4Com.Engine.Bench;

/// <summary>A message of a chosen size carrying its hop count.</summary>
public sealed record Relay(int Hop, int Bytes) : ISimMessage
{
    public int SizeBytes => Bytes;
}
