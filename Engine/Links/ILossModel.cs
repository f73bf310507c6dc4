using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Engine.Links;

/// <summary>
/// Decides whether a message is lost on its link. Instances may keep per-link state (burst loss);
/// the kernel gives each partition its own instance and feeds each link's messages in send order,
/// so decisions are deterministic.
/// </summary>
public interface ILossModel
{
    /// <summary>The drop reason traced for losses of this model.</summary>
    DropReason Reason { get; }

    bool IsLost(int from, int to, long messageId);
}
