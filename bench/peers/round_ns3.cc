// The bench-peers round scenario on ns-3's discrete-event core (Debian libns3-dev 3.37).
// Same scenario and event count as round_simpy.py: N agents, one edge per 1000 agents, one cloud,
// R rounds of 1 s; reports (256 B) at the round start, edge aggregates (1 KB) at +300 ms, cloud
// global knowledge (1 KB) at +600 ms relayed by each edge to its agents; 5 % i.i.d. loss, delay
// 1 ms + bytes * 8 / 100 Mbit/s. Messages are scheduled events (no packet stack: this measures the
// simulator's event core, as our kernel does). Events = deliveries + timer firings. One JSON line.
// Usage: round_ns3 AGENTS [ROUNDS] [SEED]
#include "ns3/core-module.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

using namespace ns3;

namespace
{
const int kAgentsPerEdge = 1000;
const double kLoss = 0.05;
int g_agents, g_edges, g_rounds;
uint64_t g_delivered = 0, g_timers = 0;
std::vector<int> g_reports;
int g_merged = 0;
std::mt19937_64 g_random;
std::uniform_real_distribution<double> g_unit(0.0, 1.0);

Time Delay(int bytes) { return MicroSeconds(1000) + NanoSeconds(bytes * 80); }

bool Lost() { return g_unit(g_random) < kLoss; }

void AgentGlobal(int agent, int round) { g_delivered++; }

void EdgeGlobal(int edge, int round)
{
    g_delivered++;
    int first = edge * kAgentsPerEdge;
    int last = std::min(first + kAgentsPerEdge, g_agents);
    for (int a = first; a < last; a++)
        if (!Lost())
            Simulator::Schedule(Delay(1024), &AgentGlobal, a, round);
}

void CloudAggregate(int edge, int round) { g_delivered++; g_merged++; }

void EdgeReport(int edge, int round) { g_delivered++; g_reports[edge]++; }

void CloudDeadline(int round)
{
    g_timers++;
    g_merged = 0;
    for (int e = 0; e < g_edges; e++)
        if (!Lost())
            Simulator::Schedule(Delay(1024), &EdgeGlobal, e, round);
    if (round + 1 < g_rounds)
        Simulator::Schedule(Seconds(1), &CloudDeadline, round + 1);
}

void EdgeDeadline(int edge, int round)
{
    g_timers++;
    g_reports[edge] = 0;
    if (!Lost())
        Simulator::Schedule(Delay(1024), &CloudAggregate, edge, round);
    if (round + 1 < g_rounds)
        Simulator::Schedule(Seconds(1), &EdgeDeadline, edge, round + 1);
}

void AgentRound(int agent, int round)
{
    g_timers++;
    if (!Lost())
        Simulator::Schedule(Delay(256), &EdgeReport, agent / kAgentsPerEdge, round);
    if (round + 1 < g_rounds)
        Simulator::Schedule(Seconds(1), &AgentRound, agent, round + 1);
}
} // namespace

int main(int argc, char** argv)
{
    g_agents = argc > 1 ? std::atoi(argv[1]) : 100000;
    g_rounds = argc > 2 ? std::atoi(argv[2]) : 5;
    g_random.seed(argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 42);
    g_edges = (g_agents + kAgentsPerEdge - 1) / kAgentsPerEdge;
    g_reports.assign(g_edges, 0);
    for (int a = 0; a < g_agents; a++)
        Simulator::Schedule(Seconds(0), &AgentRound, a, 0);
    for (int e = 0; e < g_edges; e++)
        Simulator::Schedule(MilliSeconds(300), &EdgeDeadline, e, 0);
    Simulator::Schedule(MilliSeconds(600), &CloudDeadline, 0);
    Simulator::Stop(Seconds(g_rounds));
    auto start = std::chrono::steady_clock::now();
    Simulator::Run();
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Simulator::Destroy();
    uint64_t events = g_delivered + g_timers;
    std::printf("{\"simulator\": \"ns3\", \"version\": \"3.37\", \"agents\": %d, \"rounds\": %d, \"delivered\": %llu, "
                "\"timers\": %llu, \"events\": %llu, \"wall_s\": %.6f, \"events_per_s\": %.1f}\n",
                g_agents, g_rounds, (unsigned long long)g_delivered, (unsigned long long)g_timers,
                (unsigned long long)events, wall, events / wall);
    return 0;
}
