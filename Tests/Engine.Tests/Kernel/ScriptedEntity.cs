using System.Collections.Concurrent;
using Akka.Actor;
using MaLAM4Com.Engine.Entities;

namespace MaLAM4Com.Engine.Tests.Kernel;

/// <summary>A message of a chosen size with a label.</summary>
public sealed record Note(string Label, int Bytes = 100) : ISimMessage
{
    public int SizeBytes => Bytes;
}

/// <summary>What a scripted entity handled: when, from whom (-1 for its own timers) and what.</summary>
public sealed record Handled(int Entity, long TimeUs, int From, string Label);

/// <summary>
/// A test entity whose reactions are given as a script. It logs every event it handles, so tests
/// can check order and timing, and exposes the protected entity API to the script.
/// </summary>
public sealed class ScriptedEntity : SimEntityActor
{
    private readonly Action<ScriptedEntity, Handled> _script;
    private readonly ConcurrentQueue<Handled> _log;

    public ScriptedEntity(int id, ConcurrentQueue<Handled> log, Action<ScriptedEntity, Handled> script) : base(id)
    {
        _log = log;
        _script = script;
    }

    public static Props Props(int id, ConcurrentQueue<Handled> log, Action<ScriptedEntity, Handled> script) =>
        EntityProps.Of(() => new ScriptedEntity(id, log, script));

    public int Index => Id;

    public long Time => Now;

    public int State { get; set; }

    /// <summary>The type of this entity's message queue (what its mailbox costs it).</summary>
    public Type MailboxQueue => ((ActorCell)((ActorRefWithCell)Self).Underlying).Mailbox!.MessageQueue.GetType();

    public void Tell(int to, string label, int bytes = 100) => Send(to, new Note(label, bytes));

    public void Timer(long atUs, string label) => SetTimer(atUs, label);

    public void Save() => SaveState();

    public void Record(string name, double value) => Metric(new MetricName(name), value);

    private void Log(int from, string label)
    {
        var h = new Handled(Id, Now, from, label);
        _log.Enqueue(h);
        _script(this, h);
    }

    protected override void OnStart() => Log(-1, "start");

    protected override void OnMessage(int from, object message) => Log(from, ((Note)message).Label);

    protected override void OnTimer(object payload) => Log(-1, (string)payload);

    protected override object? Snapshot() => State;

    protected override void OnRestart(object? snapshot)
    {
        State = snapshot is int s ? s : 0;
        Log(-1, snapshot is null ? "restart-cold" : "restart-restored");
    }
}
