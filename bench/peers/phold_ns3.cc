// PHOLD on ns-3's discrete-event core (Debian libns3-dev 3.37): the PHOLD of samples/Phold, draw for
// draw. N entities start with POPULATION events each; handling an event schedules exactly one new
// event at a uniformly random entity with probability REMOTE (else at itself), LOOKAHEAD plus an
// exponential delay of mean MEAN_DELAY later (whole microseconds, rounded half away from zero).
// Every entity draws from its own xoshiro256** stream, seeded as RandomStream.Workload of the engine
// (SplitMix64 hashes of the seed, the stream number 20 and the entity), and its draws per event are
// the sample's: the delay, then the remote coin, then the target when remote. So both simulators
// handle the same events at the same times and count the same number (events before END, the end
// time, are handled; later ones are not scheduled at all).
// Each entity's start is an event at time 0, as our kernel's OnStart, not counted. Events are the
// PHOLD events handled; the wall time covers Simulator::Run only. One JSON line.
// Usage: phold_ns3 SCHEDULER ENTITIES REMOTE POPULATION LOOKAHEAD_US MEAN_DELAY_US END_US SEED
//   SCHEDULER: an ns-3 scheduler type, e.g. ns3::MapScheduler, ns3::HeapScheduler, ns3::CalendarScheduler
#include "ns3/core-module.h"

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace ns3;

namespace
{
// RandomStream.Workload's number in Engine/Randomness/RandomStream.cs.
const int64_t kWorkloadStream = 20;

uint64_t Mix(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

// StableRandom.Hash(seed, a).
uint64_t StableHash(uint64_t seed, int64_t a) { return Mix(seed ^ Mix(static_cast<uint64_t>(a))); }

uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// Engine/Randomness/Xoshiro256.cs.
struct Xoshiro256
{
    uint64_t s0, s1, s2, s3;

    explicit Xoshiro256(uint64_t seed) : s0(Mix(seed)), s1(Mix(seed + 1)), s2(Mix(seed + 2)), s3(Mix(seed + 3)) {}

    uint64_t Next()
    {
        uint64_t result = Rotl(s1 * 5, 7) * 9;
        uint64_t t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Rotl(s3, 45);
        return result;
    }

    double NextDouble() { return (Next() >> 11) * (1.0 / (1ULL << 53)); }

    double NextDoubleNonZero() { return ((Next() >> 11) + 1) * (1.0 / (1ULL << 53)); }

    // Uniform in [0, n): the high word of the 128-bit product, as Math.BigMul in PholdEntity.
    int NextBelow(int n) { return static_cast<int>((static_cast<unsigned __int128>(Next()) * static_cast<uint64_t>(n)) >> 64); }
};

int g_entities, g_population;
double g_remote, g_meanDelayUs;
int64_t g_lookaheadUs, g_endUs;
std::vector<Xoshiro256> g_random;
uint64_t g_events = 0;

void Arrive(int entity);

// PholdEntity.ScheduleNext: the successor of an event handled by ENTITY now.
void ScheduleNext(int entity)
{
    Xoshiro256& random = g_random[entity];
    int64_t delay = static_cast<int64_t>(std::round(-std::log(random.NextDoubleNonZero()) * g_meanDelayUs));
    int target = random.NextDouble() < g_remote ? random.NextBelow(g_entities) : entity;
    int64_t nowUs = Simulator::Now().GetMicroSeconds();
    if (nowUs + delay + g_lookaheadUs < g_endUs)
        Simulator::Schedule(MicroSeconds(delay + g_lookaheadUs), &Arrive, target);
}

void Arrive(int entity)
{
    g_events++;
    ScheduleNext(entity);
}

void Start(int entity)
{
    for (int i = 0; i < g_population; i++)
        ScheduleNext(entity);
}
} // namespace

int main(int argc, char** argv)
{
    if (argc != 9)
    {
        std::fprintf(stderr, "usage: phold_ns3 SCHEDULER ENTITIES REMOTE POPULATION LOOKAHEAD_US MEAN_DELAY_US END_US SEED\n");
        return 2;
    }
    std::string scheduler = argv[1];
    g_entities = std::atoi(argv[2]);
    g_remote = std::strtod(argv[3], nullptr);
    g_population = std::atoi(argv[4]);
    g_lookaheadUs = std::strtoll(argv[5], nullptr, 10);
    g_meanDelayUs = std::strtod(argv[6], nullptr);
    g_endUs = std::strtoll(argv[7], nullptr, 10);
    uint64_t seed = std::strtoull(argv[8], nullptr, 10);
    if (g_entities < 1 || g_population < 1 || g_lookaheadUs < 1 || g_endUs < 1 || !(g_remote >= 0 && g_remote <= 1) || !(g_meanDelayUs >= 0))
    {
        std::fprintf(stderr, "phold_ns3: bad arguments\n");
        return 2;
    }
    ObjectFactory factory;
    factory.SetTypeId(scheduler);
    Simulator::SetScheduler(factory);
    uint64_t stream = StableHash(seed, kWorkloadStream);
    g_random.reserve(g_entities);
    for (int e = 0; e < g_entities; e++)
        g_random.emplace_back(StableHash(stream, e));
    for (int e = 0; e < g_entities; e++)
        Simulator::Schedule(Seconds(0), &Start, e);
    auto start = std::chrono::steady_clock::now();
    Simulator::Run();
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Simulator::Destroy();
    std::printf("{\"simulator\": \"ns3\", \"version\": \"3.37\", \"scheduler\": \"%s\", \"entities\": %d, \"remote\": %g, "
                "\"events\": %llu, \"wall_s\": %.6f, \"events_per_s\": %.1f}\n",
                scheduler.c_str(), g_entities, g_remote, (unsigned long long)g_events, wall, g_events / wall);
    return 0;
}
