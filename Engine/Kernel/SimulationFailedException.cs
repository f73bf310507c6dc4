namespace MaLAM4Com.Engine.Kernel;

/// <summary>The simulation cannot go on: an entity's handler threw, or a model broke the kernel's rules.</summary>
public sealed class SimulationFailedException(string message) : Exception(message);
