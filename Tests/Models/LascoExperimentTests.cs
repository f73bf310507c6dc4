using System.Text.Json;
using MaLAM4Com.Cli.Commands;
using MaLAM4Com.Cli.Experiments;
using MaLAM4Com.Models;

namespace MaLAM4Com.Tests.Models;

public sealed class LascoExperimentTests
{
    private static readonly ModelPreset Quick = ModelPreset.Tiny with
    {
        PretrainSamplesPerRegion = 40,
        Pretraining = ModelPreset.Tiny.Pretraining with { MaxEpochs = 3 },
        Adaptation = ModelPreset.Tiny.Adaptation with { MaxEpochs = 2 },
    };

    [Fact]
    public void SecondRunReusesTheCachedPretrainingAndTheReportHasEveryMethodPerRegion()
    {
        var directory = Directory.CreateTempSubdirectory("malam4com-lasco-").FullName;
        try
        {
            var settings = new LascoExperimentSettings(Quick, SamFamily.Transformer, TrainSamples: 40, PretrainRegions: [1, 2], AdaptationRegions: [3, 4], Path.Combine(directory, "cache"));
            using var source = new SyntheticChannels();
            var first = new LascoExperiment(settings, source, TextWriter.Null).Run();
            var second = new LascoExperiment(settings, source, TextWriter.Null).Run();
            Assert.False(first.Lam.FromCache);
            Assert.True(second.Lam.FromCache && second.Sam.FromCache);
            Assert.Equal(first.Lam.Training.ValidationNmseDb, second.Lam.Training.ValidationNmseDb);
            Assert.Equal(first.Get(3, LascoMethod.Lam).TestNmseDb, second.Get(3, LascoMethod.Lam).TestNmseDb);
            // Drawing fresh samples every epoch is a different pretraining: the cached pair must not be reused.
            var fresh = settings with { Preset = Quick with { PretrainSampling = PretrainSampling.FreshEachEpoch }, AdaptationRegions = [] };
            var third = new LascoExperiment(fresh, source, TextWriter.Null).Run();
            Assert.False(third.Lam.FromCache || third.Sam.FromCache);
            Assert.NotEqual(first.Lam.Training.ValidationNmseDb, third.Lam.Training.ValidationNmseDb);

            // The LAM's checkpoint does not depend on the SAM family: a linear run reuses it, and fits its SAMs in closed form.
            var linear = new LascoExperiment(settings with { SamFamily = SamFamily.Linear }, source, TextWriter.Null).Run();
            Assert.True(linear.Lam.FromCache);
            Assert.Equal(SamFamily.Linear, linear.Sam.Family);
            Assert.Equal(first.Get(3, LascoMethod.Lam).TestNmseDb, linear.Get(3, LascoMethod.Lam).TestNmseDb);
            Assert.Equal(second.LinearFitNmseDb[3], linear.LinearFitNmseDb[3]);
            Assert.All(linear.Results.Where(r => r.Method.Adapts()), r => Assert.NotNull(r.Ridge));
            LascoReport.Write(linear, 0.25, "test", Path.Combine(directory, "linear"));
            using (var linearSummary = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "linear", "summary.json"))))
            {
                Assert.Equal("linear", linearSummary.RootElement.GetProperty("sam_family").GetString());
                Assert.True(linearSummary.RootElement.GetProperty("ridge_lambda").GetProperty("4").GetProperty("lasco").GetDouble() > 0);
            }

            LascoReport.Write(second, 0.25, "test", directory);
            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "summary.json")));
            var region = summary.RootElement.GetProperty("nmse_db").GetProperty("3");
            Assert.Equal(LascoMethods.All.Select(m => m.Key()).Order(), region.EnumerateObject().Select(p => p.Name).Order());
            Assert.True(summary.RootElement.GetProperty("alpha").GetProperty("3").GetDouble() > 0);
            Assert.Equal(Nmse("3", "lasco") - summary.RootElement.GetProperty("linear_fit_nmse_db").GetProperty("3").GetDouble(),
                second.Get(3, LascoMethod.Lasco).TestNmseDb - second.LinearFitNmseDb[3], 3);
            var paired = summary.RootElement.GetProperty("paired_nmse_db").GetProperty("lasco_minus_sam_finetune");
            double Nmse(string r, string method) => summary.RootElement.GetProperty("nmse_db").GetProperty(r).GetProperty(method).GetDouble();
            Assert.Equal(2, paired.GetProperty("regions").GetInt32());
            Assert.Equal((Nmse("3", "lasco") - Nmse("3", "sam_finetune") + Nmse("4", "lasco") - Nmse("4", "sam_finetune")) / 2, paired.GetProperty("mean").GetDouble(), 3);
            Assert.Contains("per region LASCO minus fine-tuned SAM", File.ReadAllText(Path.Combine(directory, "results.md")));
            Assert.All(new[] { "results.md", "results.csv", "nmse_by_region.png", "validation_curves_3.png", "pretraining_curves.png" },
                f => Assert.True(new FileInfo(Path.Combine(directory, f)).Length > 0, f));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("--preset", "huge", "tiny, cpu, paper")]
    [InlineData("--sam", "quadratic", "--sam: unknown SAM family 'quadratic'; allowed: linear, transformer")]
    [InlineData("--rho", "1/3", "--rho")]
    [InlineData("--train-samples", "3", "--train-samples")]
    [InlineData("--adapt-regions", "100-101", "must not overlap")]
    public void BadOptionsExitWithCodeTwoAndNameTheOption(string option, string value, string expected)
    {
        var error = new StringWriter();
        int code = CommandLine.Run(["experiment", "lasco", option, value], TextWriter.Null, error);
        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains(expected, error.ToString());
    }
}
