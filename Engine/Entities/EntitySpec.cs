using Akka.Actor;

namespace MaLAM4Com.Engine.Entities;

/// <summary>
/// A simulated entity: its unique name (for example <c>agent-17</c>), its layer (<c>agent</c>,
/// <c>edge</c>, <c>cloud</c>, ...) and how to create its actor given its kernel index.
/// </summary>
public sealed record EntitySpec(string Name, string Layer, Func<int, Props> Props);
