using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Actors.Protocol;

/// <summary>
/// What an agent is given: its index among the agents, its edge's kernel index, its CSI region, the round
/// it joins in (0 unless it joins late), the round timing, its cooperation policy and the model back-end.
/// </summary>
public sealed record AgentSetup(int Agent, int Edge, int Region, int JoinRound, RoundSchedule Schedule, CooperationPolicy Policy, ILearningBackend Backend);
