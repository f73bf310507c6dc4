using MaLAM4Com.Cli.Tracing;
using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Tests.Tracing;

public sealed class TraceTextTests
{
    [Fact]
    public void TheKindsComeFirstNumberedAsTheirValues()
    {
        var text = new TraceText();
        Assert.Equal(Enum.GetValues<TraceKind>().Length, text.Count);
        foreach (var kind in Enum.GetValues<TraceKind>())
            Assert.Equal((int)kind, text.Id(kind.Name()));
    }

    [Fact]
    public void AStringKeepsTheNumberOfItsFirstOccurrence()
    {
        var text = new TraceText();
        int first = text.Count;
        Assert.Equal(first, text.Id("agent-7"));
        Assert.Equal(first + 1, text.Id("edge-0"));
        Assert.Equal(first, text.Id("agent-7"));
        Assert.Equal(first + 2, text.IdOrNull(""));
        Assert.Null(text.IdOrNull(null));
        Assert.Equal(first + 3, text.Count);
    }

    [Fact]
    public void TheTableParsesBackToItsStringsInTheirOrder()
    {
        var text = new TraceText();
        string[] strings = ["agent-7", "", "quote \" and <tag>", "newline\nand tab\t", "Ünïcödé ✓"];
        foreach (var s in strings)
            text.Id(s);
        Assert.Equal([.. Enum.GetValues<TraceKind>().Select(k => k.Name()), .. strings], TraceText.Parse(text.ToJson())!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("[\"a\", 1]")]
    [InlineData("[\"a\"")]
    [InlineData("[\"a\"] []")]
    public void WhatIsNotAnArrayOfStringsIsNoTable(string json)
    {
        Assert.Null(TraceText.Parse(json));
    }
}
