using MaLAM4Com.Actors.Kernel;

namespace MaLAM4Com.Tests.Kernel;

/// <summary>A message of a chosen size carrying a hop count.</summary>
public sealed record Ping(int Hop, int Bytes = 100) : ISimMessage
{
    public int SizeBytes => Bytes;
}
