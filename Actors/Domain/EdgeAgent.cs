namespace MaLAM4Com.Actors.Domain;

/// <summary>What an edge coordinator knows of one of its agents: its CSI region and the round it joins the network in.</summary>
public sealed record EdgeAgent(int Region, int JoinRound);
