namespace MaLAM4Com.Models.Cooperation;

/// <summary>One trained downstream classifier: its test accuracy, its cross-entropy on the test samples before and
/// after training, and its multiply-accumulates per sample.</summary>
public sealed record ClassifierOutcome(double Accuracy, double InitialTestLoss, double FinalTestLoss, long Macs);
