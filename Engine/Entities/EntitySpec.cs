using Akka.Actor;

namespace MaLAM4Com.Engine.Entities;

/// <summary>
/// A simulated entity: its unique name (for example <c>agent-17</c>), its layer and how to create its
/// actor given its kernel index.
/// </summary>
public sealed record EntitySpec(string Name, Layer Layer, Func<int, Props> Props);
