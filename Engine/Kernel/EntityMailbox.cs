using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace MaLAM4Com.Engine.Kernel;

/// <summary>
/// The mailbox of simulated entities. Akka's default queue (a ConcurrentQueue) starts with a 32-slot
/// segment, about 1 KB per actor even when idle; an entity receives one batch per window, so a lock
/// around one inline slot and a queue made only on overflow costs about 50 bytes: 1 GB less at 10^6 entities.
/// </summary>
public sealed class EntityMailbox : MailboxType, IProducesMessageQueue<EntityMailbox.Queue>
{
    public const string ConfigPath = "malam4com-entity-mailbox";

    /// <summary>The configuration that makes <see cref="ConfigPath"/> name this mailbox in an actor system: every system that hosts entities has it.</summary>
    public static string Hocon => $$"""{{ConfigPath}} { mailbox-type = "{{typeof(EntityMailbox).AssemblyQualifiedName}}" }""";

    public EntityMailbox(Settings settings, Akka.Configuration.Config config) : base(settings, config)
    {
    }

    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new Queue();

    /// <summary>FIFO: the oldest envelope in the inline slot, later ones in an overflow queue.</summary>
    public sealed class Queue : IMessageQueue
    {
        private Envelope _head;
        private Queue<Envelope>? _rest;
        private int _count;

        public bool HasMessages
        {
            get
            {
                lock (this)
                    return _count > 0;
            }
        }

        public int Count
        {
            get
            {
                lock (this)
                    return _count;
            }
        }

        public void Enqueue(IActorRef receiver, Envelope envelope)
        {
            lock (this)
            {
                if (_count == 0)
                    _head = envelope;
                else
                    (_rest ??= new Queue<Envelope>()).Enqueue(envelope);
                _count++;
            }
        }

        public bool TryDequeue(out Envelope envelope)
        {
            lock (this)
            {
                if (_count == 0)
                {
                    envelope = default;
                    return false;
                }
                envelope = _head;
                _head = --_count > 0 ? _rest!.Dequeue() : default;
                return true;
            }
        }

        public void CleanUp(IActorRef owner, IMessageQueue deadletters)
        {
            while (TryDequeue(out var envelope))
                deadletters.Enqueue(owner, envelope);
        }
    }
}
