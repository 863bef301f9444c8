using Reconciler.Model.Graph;
using Reconciler.Model.Loading;

namespace Reconciler.Model.Tests.Kinds;

public sealed class HostedZoneRefTests
{
    [Fact]
    public void Resolve_Should_EqualWhatTheProviderObserves_When_TheZoneIdIsKnown()
    {
        var (graph, errors) = GraphBuilder.Build(SpecLoader.LoadFile(TestSpecs.SamplePath).Document!);
        Assert.Empty(errors);
        var zone = graph!.Find("dns-record/api.example.com")!.Item<HostedZoneRef>(DnsRecordKind.Zone)!;

        Assert.Equal("example.com", zone.Name);
        Assert.Equal(["hosted-zone/example.com"], zone.ReferencedIds());
        Assert.Equal(new HostedZoneRef("example.com", "Z0123"), zone.Resolve(id => id == "hosted-zone/example.com" ? "Z0123" : null));
        Assert.Equal("Z0123", zone.Resolve(_ => "Z0123").Display);
        Assert.NotEqual(new HostedZoneRef("example.com", "Z0123"), zone.Resolve(_ => "Z9999"));
    }
}
