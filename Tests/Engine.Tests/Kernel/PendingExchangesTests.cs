using MaLAM4Com.Engine.Entities;
using MaLAM4Com.Engine.Kernel;

namespace MaLAM4Com.Engine.Tests.Kernel;

public sealed class PendingExchangesTests
{
    private static SimEvent At(long t, int sender) => new(t, sender, 1, 0, MessageId.Make(sender, 1), 0, 0, EventKind.Message, "x");

    [Fact]
    public void AWindowsExchangesAreTakenOnceALaterWindowOpens()
    {
        var pending = new PendingExchanges();
        pending.Add(3, 1, [At(400, 1), At(350, 1)]);
        pending.Add(4, 2, [At(500, 2)]);

        Assert.Equal(350, pending.EarliestUs);
        Assert.Empty(pending.TakeBefore(3));
        Assert.Equal([At(400, 1), At(350, 1)], pending.TakeBefore(4));
        Assert.Equal(500, pending.EarliestUs);
        Assert.Equal(1, pending.Count);
    }

    [Fact]
    public void WhatALostPeerSentInAWindowNotCompletedWithItIsWithdrawn()
    {
        var pending = new PendingExchanges();
        pending.Add(3, 1, [At(400, 1)]);
        pending.Add(4, 1, [At(500, 1), At(510, 1)]);
        pending.Add(4, 2, [At(520, 2)]);

        Assert.Equal(2, pending.Withdraw(1, fromWindow: 4));

        Assert.Equal([At(400, 1), At(520, 2)], pending.TakeBefore(5));
        Assert.Equal(long.MaxValue, pending.EarliestUs);
    }

    [Fact]
    public void AnEmptyExchangeHoldsNothing()
    {
        var pending = new PendingExchanges();
        pending.Add(0, 1, []);
        Assert.Equal(0, pending.Count);
        Assert.Equal(long.MaxValue, pending.EarliestUs);
    }
}
