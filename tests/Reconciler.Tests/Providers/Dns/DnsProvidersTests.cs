using Reconciler.Aws.Route53;
using Reconciler.Model.Graph;
using Reconciler.Providers.Dns;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Providers.Dns;

[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DnsProvidersTests : IDisposable
{
    private readonly DnsTestKit _k = new();

    public void Dispose() => _k.Dispose();

    [Fact]
    public async Task HostedZone_Should_CreateTagAndObserveWithoutDiff_When_NoZoneOfThatNameExists()
    {
        var graph = DnsTestKit.Graph(TestSpecs.UniqueName("zone"));
        var desired = graph.Find($"hosted-zone/{DnsTestKit.ZoneFor(graph.Environment)}")!;
        Assert.Empty(await _k.Observe(_k.ZoneProvider, graph));

        var created = await _k.ZoneProvider.CreateAsync(_k.Resolved(desired), CancellationToken.None);

        var observed = Assert.Single(await _k.Observe(_k.ZoneProvider, graph));
        Assert.Equal(created.AwsId, observed.AwsId);
        Assert.DoesNotContain("/", observed.AwsId, StringComparison.Ordinal);
        Assert.Equal(graph.Environment, observed.Environment);
        Assert.Empty(_k.Diff(desired, observed));
        var tags = await _k.Route53.ListTagsForResourceAsync(created.AwsId, CancellationToken.None);
        Assert.Equal(graph.Environment, tags[Ownership.EnvironmentTag]);
        Assert.Equal(desired.LogicalId, tags[Ownership.LogicalIdTag]);
        Assert.Equal("demo", tags["project"]);

        // A tag changed by hand is drift the creator repairs in place.
        await _k.Route53.ChangeTagsForResourceAsync(new ChangeTagsForResourceRequest(created.AwsId, new Dictionary<string, string> { ["project"] = "other" }), CancellationToken.None);
        var drifted = Assert.Single(await _k.Observe(_k.ZoneProvider, graph));
        var change = Assert.Single(_k.Diff(desired, drifted));
        Assert.Equal("tags.project", change.Path);
        await _k.ZoneProvider.UpdateAsync(_k.Resolved(desired), drifted, [change], CancellationToken.None);
        Assert.Empty(_k.Diff(desired, Assert.Single(await _k.Observe(_k.ZoneProvider, graph))));
    }

    [Fact]
    public async Task HostedZone_Should_AdoptWithoutTouchingIt_When_AZoneOfThatNameExists()
    {
        var graph = DnsTestKit.Graph(TestSpecs.UniqueName("adopt"));
        var zoneName = DnsTestKit.ZoneFor(graph.Environment);
        var made = await _k.Route53.CreateHostedZoneAsync(new CreateHostedZoneRequest(zoneName, Guid.NewGuid().ToString("N"), "made by hand"), CancellationToken.None);

        var observed = Assert.Single(await _k.Observe(_k.ZoneProvider, graph));

        Assert.Equal(made.Zone.Id, observed.AwsId);
        Assert.Equal(graph.Environment, observed.Environment);
        Assert.Empty(_k.Diff(graph.Find($"hosted-zone/{zoneName}")!, observed));
        Assert.Empty(await _k.Route53.ListTagsForResourceAsync(made.Zone.Id, CancellationToken.None));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _k.ZoneProvider.DeleteAsync(observed, CancellationToken.None));
        Assert.Contains("was not created by the reconciler", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_Should_StayWithTheirOwners_When_TwoEnvironmentsShareAZone()
    {
        var zoneName = TestSpecs.UniqueName("shared") + ".test";
        var a = DnsTestKit.Graph(TestSpecs.UniqueName("env-a"), zoneName, t => t.Replace($"api.{zoneName}", $"a.{zoneName}", StringComparison.Ordinal));
        var b = DnsTestKit.Graph(TestSpecs.UniqueName("env-b"), zoneName, t => t.Replace($"api.{zoneName}", $"b.{zoneName}", StringComparison.Ordinal));
        var zoneId = await _k.EnsureZone(a);
        Assert.Equal(zoneId, await _k.EnsureZone(b)); // B adopts the zone A created
        var recordA = a.Find($"dns-record/a.{zoneName}")!;
        var recordB = b.Find($"dns-record/b.{zoneName}")!;

        await _k.RecordProvider.CreateAsync(_k.Resolved(recordA), CancellationToken.None);
        await _k.RecordProvider.CreateAsync(_k.Resolved(recordB), CancellationToken.None);

        var observed = await _k.Observe(_k.RecordProvider, a, b);
        var ofA = Assert.Single(observed, o => o.Environment == a.Environment);
        var ofB = Assert.Single(observed, o => o.Environment == b.Environment);
        Assert.Equal(recordA.LogicalId, ofA.LogicalId);
        Assert.Equal(recordB.LogicalId, ofB.LogicalId);
        Assert.Empty(_k.Diff(recordA, ofA));
        Assert.Empty(_k.Diff(recordB, ofB));
        var records = await _k.Zones.AllRecords((await _k.Route53.GetHostedZoneAsync(zoneId, CancellationToken.None)).Zone, CancellationToken.None);
        Assert.Equal(new DnsOwner(a.Environment, recordA.LogicalId), records.OwnerOf($"a.{zoneName}"));
        Assert.Equal("\"heritage=reconciler,reconciler/environment=" + a.Environment + ",reconciler/logical-id=" + recordA.LogicalId + "\"",
            Assert.Single(Assert.Single(records.At(DnsOwner.RecordNameFor($"a.{zoneName}"), "TXT")).Values));

        // A's zone cannot go while B's record is there; A's record goes, B's stays, and so does the zone.
        var zoneOfA = Assert.Single(await _k.Observe(_k.ZoneProvider, a));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _k.ZoneProvider.DeleteAsync(zoneOfA, CancellationToken.None));
        Assert.Contains($"b.{zoneName}", refused.Message, StringComparison.Ordinal);
        await _k.RecordProvider.DeleteAsync(ofA, CancellationToken.None);
        var after = await _k.Observe(_k.RecordProvider, a, b);
        Assert.Equal([b.Environment], after.Select(o => o.Environment));
        Assert.Single(await _k.Observe(_k.ZoneProvider, a));

        // Once only A's own things remain (B's record gone), A's destroy with the opt-in deletes the zone.
        await _k.RecordProvider.DeleteAsync(ofB, CancellationToken.None);
        await _k.ZoneProvider.DeleteAsync(zoneOfA, CancellationToken.None);
        Assert.Empty(await _k.Observe(_k.ZoneProvider, a));
    }

    [Fact]
    public async Task Record_Should_UpdateTheAliasInPlace_When_TheLoadBalancerChanges()
    {
        var graph = DnsTestKit.Graph(TestSpecs.UniqueName("alias"));
        await _k.EnsureZone(graph);
        var record = graph.Resources.Single(r => r.Kind == ResourceKinds.DnsRecord);
        await _k.RecordProvider.CreateAsync(_k.Resolved(record), CancellationToken.None);
        _k.Known["load-balancer/app#dnsName"] = "demo-app-999.ap-northeast-1.elb.amazonaws.com";

        var before = Assert.Single(await _k.Observe(_k.RecordProvider, graph));
        var change = Assert.Single(_k.Diff(record, before));
        await _k.RecordProvider.UpdateAsync(_k.Resolved(record), before, [change], CancellationToken.None);

        Assert.Equal("aliasTarget", change.Path);
        var after = Assert.Single(await _k.Observe(_k.RecordProvider, graph));
        Assert.Empty(_k.Diff(record, after));
        Assert.Equal(before.AwsId, after.AwsId);
    }

    [Fact]
    public async Task Record_Should_NeverOverwrite_When_AnUnownedRecordHasTheName()
    {
        var graph = DnsTestKit.Graph(TestSpecs.UniqueName("unowned"));
        var zoneId = await _k.EnsureZone(graph);
        var record = graph.Resources.Single(r => r.Kind == ResourceKinds.DnsRecord);
        var name = Route53Api.Fqdn(record.Get("name")!);
        var foreign = new ResourceRecordSet(name, "A", 60, ["192.0.2.10"], null);
        await _k.Route53.ChangeResourceRecordSetsAsync(zoneId, [RecordChange.Create(foreign)], CancellationToken.None);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _k.RecordProvider.CreateAsync(_k.Resolved(record), CancellationToken.None));

        Assert.Contains("no reconciler environment owns", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await _k.Observe(_k.RecordProvider, graph));
        var sets = await _k.Route53.ListResourceRecordSetsAsync(new ListResourceRecordSetsRequest(zoneId), CancellationToken.None);
        var kept = Assert.Single(sets, s => DnsNames.Same(s.Name, name));
        Assert.Equal(["192.0.2.10"], kept.Values);
        Assert.Null(kept.Alias);
        Assert.DoesNotContain(sets, s => s.Name.StartsWith(DnsOwner.Prefix, StringComparison.Ordinal));
    }
}
