namespace MaLAM4Com.Actors.Methods;

/// <summary>Local training only: agents never share, the cloud sends nothing, every agent learns from its own samples.</summary>
public sealed class LocalMethod : CooperationMethod
{
    public const string Id = "local";

    public override string Name => Id;

    public override KnowledgeScope Scope => KnowledgeScope.None;
}
