using Akka.Actor;
using MaLAM4Com.Actors.Kernel;
using static MaLAM4Com.Engine.Kernel.KernelMessages;

namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// The actor around one <see cref="ChannelPartition"/>: per window it sends each of its entities one
/// batch, waits for every answer, swaps cross-partition events with its peers and tells the clock
/// it is ready. Entities of one window run in parallel; nothing here blocks.
/// </summary>
public sealed class ChannelEnvironmentActor : UntypedActor
{
    private readonly ChannelPartition _partition;
    private readonly Action<int, SimEvent[], int, int> _deliver;
    private IActorRef _clock = ActorRefs.Nobody;
    private IReadOnlyList<IActorRef> _peers = [];
    private IReadOnlyList<IActorRef> _entities = [];
    private long _window = -1;
    private long _windowEnd;
    private int _outstanding;
    private bool _localDone;
    private long _exchangesReceived;

    public ChannelEnvironmentActor(ChannelPartition partition)
    {
        _partition = partition;
        _deliver = Deliver;
    }

    public static Props Props(ChannelPartition partition) => Akka.Actor.Props.Create(() => new ChannelEnvironmentActor(partition));

    protected override void OnReceive(object message)
    {
        try
        {
            switch (message)
            {
                case Wire w:
                    _clock = w.Clock;
                    _peers = w.Partitions;
                    _entities = w.Entities;
                    break;
                case Advance a:
                    _window = a.Window;
                    _windowEnd = a.EndUs;
                    _localDone = false;
                    _outstanding = 0;
                    _partition.TakeWindow(a.StartUs, a.EndUs, _deliver);
                    if (_outstanding == 0)
                        FinishLocal();
                    break;
                case BatchDone done:
                    _partition.Absorb(done);
                    if (--_outstanding == 0)
                        FinishLocal();
                    break;
                case Exchange x:
                    _partition.Accept(x.Events);
                    _exchangesReceived++;
                    TryReady();
                    break;
                case Finish:
                    Sender.Tell(new Finished(_partition.Index, _partition.Counters, _partition.Pending));
                    break;
                default:
                    Unhandled(message);
                    break;
            }
        }
        catch (Exception e)
        {
            _clock.Tell(new Failed(e is SimulationFailedException ? e.Message : e.ToString()));
        }
    }

    private void Deliver(int entity, SimEvent[] events, int offset, int count)
    {
        _outstanding++;
        _entities[entity].Tell(new DeliverBatch(_windowEnd, events, offset, count), Self);
    }

    private void FinishLocal()
    {
        var outbound = _partition.TakeOutbound();
        for (int p = 0; p < _peers.Count; p++)
        {
            if (p != _partition.Index)
                _peers[p].Tell(new Exchange(_window, outbound[p]));
        }
        _localDone = true;
        TryReady();
    }

    // Every peer sends exactly one exchange per window, so the running total says when this window's are all in.
    private void TryReady()
    {
        if (_localDone && _exchangesReceived == (_window + 1) * (_peers.Count - 1))
        {
            _localDone = false;
            var c = _partition.Counters;
            _clock.Tell(new Ready(_partition.Index, _window, _partition.NextEventTimeUs, _partition.TakeRecords(), c.Sent, c.Delivered, c.Dropped));
        }
    }
}
