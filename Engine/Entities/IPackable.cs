namespace MaLAM4Com.Engine.Entities;

/// <summary>
/// A state an entity saves (<see cref="SimEntityActor.SaveState"/>) that writes itself in a compact binary
/// form: on a cluster every saved state goes to the clock, so one written field by field, its arrays as
/// raw bytes and those it shares with other entities' states once per message, costs a fraction of a
/// general object serializer. A state that does not implement it still travels, by Akka's serialization.
/// </summary>
public interface IPackable<TSelf> where TSelf : IPackable<TSelf>
{
    /// <summary>Writes every field <see cref="Unpack"/> needs, in its order.</summary>
    void Pack(StatePacker packer);

    /// <summary>The state as <see cref="Pack"/> wrote it, equal to it value for value.</summary>
    static abstract TSelf Unpack(StateUnpacker unpacker);
}
