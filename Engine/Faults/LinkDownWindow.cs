namespace MaLAM4Com.Engine.Faults;

/// <summary>Messages sent on the scope's links during [FromUs, ToUs) are dropped with reason <c>link-down</c>.</summary>
public sealed record LinkDownWindow(LinkScope Scope, long FromUs, long ToUs);
