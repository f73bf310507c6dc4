using MaLAM4Com.Engine.Entities;

namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// Which partition owns each entity, and its place there. The entities, in the order of their placement
/// group and then their index (<see cref="Topology.PlacementGroup"/>), are cut into as many equal contiguous
/// runs as there are partitions: a group (an edge and its agents) lives in one partition unless a cut falls
/// inside it, so the messages within it stay in one partition and, on a cluster, on one member. Every member
/// builds the same map from the topology and the partition count; a trace never depends on it.
/// </summary>
public sealed class PartitionMap
{
    private readonly int[] _owner;
    private readonly int[] _local;
    private readonly int[][] _entities;

    public PartitionMap(Topology topology, int partitions)
        : this(topology.Count, partitions, topology.PlacementGroup)
    {
    }

    /// <param name="group">Each entity's placement group; null: every entity is a group of its own, so the runs are ranges of indices.</param>
    public PartitionMap(int entityCount, int partitions, Func<int, int>? group = null)
    {
        if (partitions < 1 || partitions > Math.Max(1, entityCount))
            throw new ArgumentOutOfRangeException(nameof(partitions), partitions, $"between 1 and the entity count ({entityCount})");
        var order = new int[entityCount];
        for (int e = 0; e < entityCount; e++)
            order[e] = e;
        if (group is not null)
        {
            var keys = new long[entityCount];
            for (int e = 0; e < entityCount; e++)
            {
                int g = group(e);
                if (g < 0)
                    throw new ArgumentException($"entity {e} has placement group {g}; groups are numbers >= 0", nameof(group));
                keys[e] = ((long)g << 32) | (uint)e;
            }
            Array.Sort(keys, order);
        }
        _owner = new int[entityCount];
        _local = new int[entityCount];
        _entities = new int[partitions][];
        for (int p = 0; p < partitions; p++)
        {
            int from = (int)((long)entityCount * p / partitions), to = (int)((long)entityCount * (p + 1) / partitions);
            var own = order[from..to];
            // Local order is index order, as the partition's window delivers in.
            Array.Sort(own);
            for (int i = 0; i < own.Length; i++)
                (_owner[own[i]], _local[own[i]]) = (p, i);
            _entities[p] = own;
        }
    }

    public int Partitions => _entities.Length;

    public int EntityCount => _owner.Length;

    /// <summary>The partition that owns entity <paramref name="entity"/>.</summary>
    public int Owner(int entity) => _owner[entity];

    /// <summary>The entity's place among its partition's entities (<see cref="Entities"/>).</summary>
    public int Local(int entity) => _local[entity];

    /// <summary>The entities partition <paramref name="partition"/> owns, in index order.</summary>
    public IReadOnlyList<int> Entities(int partition) => _entities[partition];
}
