using MaLAM4Com.Actors.Methods;
using MaLAM4Com.Models.Cooperation;

namespace MaLAM4Com.Actors.Domain;

/// <summary>What the cloud is given: the method and model back-end (its LAM), each edge's kernel index with the regions of its agents, the distillation workers and how to weigh the teacher.</summary>
public sealed record CloudSetup(
    RoundSchedule Schedule,
    ICooperationMethod Method,
    ILearningBackend Backend,
    IReadOnlyDictionary<int, IReadOnlyList<int>> EdgeRegions,
    IReadOnlyList<int> Workers,
    double TeacherShare,
    bool ElasticTeacher);
