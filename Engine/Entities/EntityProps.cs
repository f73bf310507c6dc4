using Akka.Actor;

namespace MaLAM4Com.Engine.Entities;

/// <summary>
/// Props from a plain factory. <c>Props.Create(() =&gt; new X(...))</c> compiles an expression tree per
/// call, which for 10^5 entities costs seconds of start-up and keeps the finalizer thread busy
/// during the run; a producer that just calls the factory costs nothing. Local creation only: the
/// factory is not serialisable for remote deployment.
/// </summary>
public static class EntityProps
{
    public static Props Of<T>(Func<T> create) where T : ActorBase => Props.CreateBy(new Producer<T>(create));

    private sealed class Producer<T>(Func<T> create) : IIndirectActorProducer where T : ActorBase
    {
        public Type ActorType => typeof(T);

        public ActorBase Produce() => create();

        public void Release(ActorBase actor)
        {
        }
    }
}
