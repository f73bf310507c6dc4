namespace MaLAM4Com.Engine.Entities;

/// <summary>
/// A message between simulated entities. Its size on the simulated network is computed from its
/// real payload, so transmission times and traced bytes follow what is actually sent.
/// </summary>
public interface ISimMessage
{
    int SizeBytes { get; }
}
