using MaLAM4Com.Actors.Methods;
using MaLAM4Com.Cli.Config;
using MaLAM4Com.Engine.Config;

namespace MaLAM4Com.Tests.Protocol;

public sealed class MethodRegistryTests
{
    [Fact]
    public void BuiltInsAreFoundByShortNameAndOthersByTypeName()
    {
        Assert.Equal(["malam4com", "local", "fedavg", "fd_full"], CooperationMethods.BuiltInNames);
        Assert.Same(CooperationMethods.FdFull, CooperationMethods.Resolve("fd_full"));
        var byType = CooperationMethods.Resolve(typeof(PlainAverage).AssemblyQualifiedName!);
        Assert.IsType<PlainAverage>(byType);
        Assert.IsType<PlainAverage>(CooperationMethods.Resolve(typeof(PlainAverage).FullName!));
    }

    [Fact]
    public void WhatCannotBeAMethodIsRefusedSayingWhatIsAllowed()
    {
        Assert.Contains("allowed: malam4com, local, fedavg, fd_full", Assert.Throws<ArgumentException>(() => CooperationMethods.Resolve("gossip")).Message);
        Assert.Contains("no such type", Assert.Throws<ArgumentException>(() => CooperationMethods.Resolve("MyLab.Nothing, MyLab")).Message);
        Assert.Contains("not a concrete class implementing ICooperationMethod", Assert.Throws<ArgumentException>(() => CooperationMethods.Resolve(typeof(string).FullName!)).Message);
        Assert.Contains("a name of its own", Assert.Throws<ArgumentException>(() => CooperationMethods.Resolve(typeof(Impostor).FullName!)).Message);
    }

    [Fact]
    public void TheConfigNamesTheMethodAndItsPluginsWithClearErrors()
    {
        Assert.IsType<PlainAverage>(SettingsLoader.Load(null, [$"scenario.learning.method=\"{typeof(PlainAverage).FullName}\""]).Scenario.Method);
        var unknown = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, ["scenario.learning.method=gossip"]));
        Assert.Contains("config key 'scenario.learning.method' = \"gossip\"", unknown.Message);
        var plugin = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, ["plugins=[\"no/such/Lab.dll\"]"]));
        Assert.Contains("config key 'plugins[0]' = \"no/such/Lab.dll\": no such file", plugin.Message);
        var notAssembly = Path.GetTempFileName();
        try
        {
            var bad = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, [$"plugins=[\"{notAssembly}\"]"]));
            Assert.Contains("not a loadable .NET assembly", bad.Message);
        }
        finally
        {
            File.Delete(notAssembly);
        }
    }

    /// <summary>A method of a user's own: FedAvg's exchange without the cloud's weighting by samples.</summary>
    public sealed class PlainAverage : CooperationMethod
    {
        public override string Name => "plain_average";

        public override KnowledgeScope Scope => KnowledgeScope.Global;
    }

    public sealed class Impostor : CooperationMethod
    {
        public override string Name => "local";

        public override KnowledgeScope Scope => KnowledgeScope.None;
    }
}
