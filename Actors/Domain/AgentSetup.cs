using MaLAM4Com.Actors.Methods;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Actors.Domain;

/// <summary>
/// What an agent is given: its index among the agents, its edge's kernel index, its CSI region, the round
/// it joins in (0 unless it joins late), the round timing, its budgets and choices, its cooperation
/// method and the model back-end.
/// </summary>
public sealed record AgentSetup(int Agent, int Edge, int Region, int JoinRound, RoundSchedule Schedule, CooperationPolicy Policy, ICooperationMethod Method, ILearningBackend Backend);
