#!/usr/bin/python3
"""The bench-peers round scenario in SimPy 2.3 (Debian's python3-simpy, classic API).

N agents, one edge per AGENTS_PER_EDGE agents, one cloud; R rounds of 1 s. At each round start every
agent sends a 256-byte report to its edge; at +300 ms each edge sends a 1 KB aggregate of the reports
it got to the cloud; at +600 ms the cloud sends a 1 KB global message to every edge, which relays it
to each of its agents. Every message is lost with probability 0.05, otherwise it arrives after
1 ms + bytes * 8 / 100 Mbit/s. Events counted: message deliveries + timer firings (round starts and
deadlines); sends and losses are not events. Prints one JSON line.
Usage: round_simpy.py AGENTS [ROUNDS] [SEED]
"""
import json
import random
import sys
import time

from SimPy.Simulation import Process, activate, hold, initialize, now, simulate

AGENTS_PER_EDGE = 1000
PERIOD, EDGE_DEADLINE, CLOUD_DEADLINE = 1.0, 0.3, 0.6
LOSS, PROPAGATION, RATE_BPS = 0.05, 0.001, 100e6
REPORT_BYTES, AGGREGATE_BYTES, GLOBAL_BYTES = 256, 1024, 1024


class World:
    def __init__(self, agents, rounds, seed):
        self.agents, self.rounds = agents, rounds
        self.edges = (agents + AGENTS_PER_EDGE - 1) // AGENTS_PER_EDGE
        self.random = random.Random(seed)
        self.delivered = 0
        self.timers = 0
        self.reports = [0] * self.edges
        self.merged = 0

    def send(self, handler, target, round_, size):
        if self.random.random() < LOSS:
            return
        delivery = Delivery(self, handler, target, round_)
        activate(delivery, delivery.run(), delay=PROPAGATION + size * 8 / RATE_BPS)

    # Handlers of delivered messages.
    def edge_report(self, edge, round_):
        self.reports[edge] += 1

    def cloud_aggregate(self, edge, round_):
        self.merged += 1

    def edge_global(self, edge, round_):
        first = edge * AGENTS_PER_EDGE
        for agent in range(first, min(first + AGENTS_PER_EDGE, self.agents)):
            self.send(self.agent_global, agent, round_, GLOBAL_BYTES)

    def agent_global(self, agent, round_):
        pass


class Delivery(Process):
    def __init__(self, world, handler, target, round_):
        Process.__init__(self)
        self.world, self.handler, self.target, self.round = world, handler, target, round_

    def run(self):
        self.world.delivered += 1
        self.handler(self.target, self.round)
        yield hold, self, 0


class Member(Process):
    """An agent, an edge or the cloud: a process of the world with its index."""

    def __init__(self, world, index=0):
        Process.__init__(self)
        self.world, self.index = world, index


class Agent(Member):
    def run(self):
        w = self.world
        for r in range(w.rounds):
            yield hold, self, r * PERIOD - now()
            w.timers += 1
            w.send(w.edge_report, self.index // AGENTS_PER_EDGE, r, REPORT_BYTES)


class Edge(Member):
    def run(self):
        w = self.world
        for r in range(w.rounds):
            yield hold, self, r * PERIOD + EDGE_DEADLINE - now()
            w.timers += 1
            w.reports[self.index] = 0
            w.send(w.cloud_aggregate, self.index, r, AGGREGATE_BYTES)


class Cloud(Member):
    def run(self):
        w = self.world
        for r in range(w.rounds):
            yield hold, self, r * PERIOD + CLOUD_DEADLINE - now()
            w.timers += 1
            w.merged = 0
            for edge in range(w.edges):
                w.send(w.edge_global, edge, r, GLOBAL_BYTES)


def main():
    agents = int(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 42
    initialize()
    world = World(agents, rounds, seed)
    for a in range(agents):
        p = Agent(world, a)
        activate(p, p.run())
    for e in range(world.edges):
        p = Edge(world, e)
        activate(p, p.run())
    cloud = Cloud(world)
    activate(cloud, cloud.run())
    start = time.perf_counter()
    simulate(until=rounds * PERIOD)
    wall = time.perf_counter() - start
    events = world.delivered + world.timers
    print(json.dumps({"simulator": "simpy", "version": "2.3.1", "agents": agents, "rounds": rounds,
                      "delivered": world.delivered, "timers": world.timers, "events": events,
                      "wall_s": wall, "events_per_s": events / wall}))


if __name__ == "__main__":
    main()
