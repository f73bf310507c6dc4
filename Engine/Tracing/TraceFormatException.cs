namespace MaLAM4Com.Engine.Tracing;

/// <summary>A trace file that is not valid JSON Lines of trace records; the message names the file and line.</summary>
public sealed class TraceFormatException(string message) : Exception(message);
