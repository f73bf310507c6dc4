using Akka.Actor;
using MaLAM4Com.Actors.Protocol;
using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Actors;

/// <summary>
/// One of the cloud's dataset-distillation workers: answers each <see cref="DistillJob"/> with the
/// region's elite set, distilled by the model back-end. Several workers split the regions between them.
/// Traces <c>distilled_region</c>.
/// </summary>
public sealed class DistillationWorkerActor : SimEntityActor
{
    private readonly ILearningBackend _backend;

    public DistillationWorkerActor(int id, ILearningBackend backend) : base(id)
    {
        _backend = backend;
    }

    public static Props Props(int id, ILearningBackend backend) => EntityProps.Of(() => new DistillationWorkerActor(id, backend));

    protected override void OnStart()
    {
    }

    protected override void OnMessage(int from, object message)
    {
        var job = (DistillJob)message;
        Send(from, new EliteSet(job.Region, _backend.DistilAnchors(job.Region)));
        Metric(CooperationMetrics.DistilledRegion, job.Region);
    }

    protected override void OnRestart(object? snapshot)
    {
    }
}
