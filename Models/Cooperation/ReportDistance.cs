namespace MaLAM4Com.Models.Cooperation;

/// <summary>
/// What an edge holding a report gets wrong about an agent's knowledge on the anchors: the squared distance of the
/// knowledge from the report, relative to the knowledge's power. A report of fewer coordinates than the knowledge
/// counts as 0 beyond them, as an edge's average leaves them to the agents that sent them.
/// </summary>
public static class ReportDistance
{
    /// <summary>The relative distance, at most 1, of <paramref name="knowledge"/> (anchors x <paramref name="width"/>) from <paramref name="report"/> (the same anchors, its own width).</summary>
    public static double Relative(ReadOnlySpan<float> knowledge, int width, ReadOnlySpan<float> report)
    {
        int anchors = knowledge.Length / width, reported = report.Length / anchors;
        double gap = 0, power = 0;
        for (int a = 0; a < anchors; a++)
        {
            for (int k = 0; k < width; k++)
            {
                float value = knowledge[a * width + k];
                // In single precision, as the values went out.
                double e = value - (k < reported ? report[a * reported + k] : 0);
                gap += e * e;
                power += (double)value * value;
            }
        }
        return Math.Min(1, gap / Math.Max(power, 1e-30));
    }
}
