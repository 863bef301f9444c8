using Reconciler.Aws;
using Reconciler.Aws.Acm;
using Reconciler.Engine;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers.Dns;
using Reconciler.Providers.Observation;
using Reconciler.Tests.Integration;
using Reconciler.Tests.Providers.Dns;

namespace Reconciler.Tests.Providers.Certificates;

[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class CertificateProviderTests : IDisposable
{
    private readonly DnsTestKit _k = new();

    public void Dispose() => _k.Dispose();

    [Fact]
    public async Task Certificate_Should_SayWhatItWaitsForThenConverge_When_ValidatedThroughTheZone()
    {
        var graph = DnsTestKit.Graph(TestSpecs.UniqueName("cert"));
        var zoneId = await _k.EnsureZone(graph);
        var desired = graph.Resources.Single(r => r.Kind == ResourceKinds.Certificate);

        var created = await _k.CertificateProvider.CreateAsync(_k.Resolved(desired), CancellationToken.None);

        // moto (MOTO_ACM_VALIDATION_WAIT=2) answers PENDING_VALIDATION first: the reason names the record and the zone.
        var reason = created.Readiness.Reason!;
        Assert.StartsWith("PENDING_VALIDATION: waiting for DNS validation record _", reason, StringComparison.Ordinal);
        Assert.Contains($" CNAME ", reason, StringComparison.Ordinal);
        Assert.Contains($"in zone {DnsTestKit.ZoneFor(graph.Environment)} (present in the zone)", reason, StringComparison.Ordinal);
        Assert.Contains("could not check delegation", reason, StringComparison.Ordinal);
        var pending = Assert.Single(await _k.Observe(_k.CertificateProvider, graph));
        Assert.Equal(created.AwsId, pending.AwsId);
        Assert.False(pending.Readiness.IsReady);

        // The validation CNAME is in the zone, owned through its TXT record by this certificate.
        var detail = (await _k.Acm.DescribeCertificateAsync(new CertificateArnRequest(created.AwsId), CancellationToken.None)).Certificate;
        var wanted = Assert.Single(detail.DomainValidationOptions!).ResourceRecord!;
        var records = await _k.Zones.AllRecords((await _k.Route53.GetHostedZoneAsync(zoneId, CancellationToken.None)).Zone, CancellationToken.None);
        Assert.Single(records.At(wanted.Name, "CNAME"));
        Assert.Equal(new DnsOwner(graph.Environment, desired.LogicalId), records.OwnerOf(wanted.Name));

        var issued = await WaitUntilIssued(graph);
        Assert.True(issued.Readiness.IsReady);
        Assert.Equal(created.AwsId, issued.Attributes["arn"]);
        Assert.Empty(_k.Diff(desired, issued));
    }

    /// <summary>
    /// Once the provider has requested a certificate, each observation describes its known ARN instead of listing the
    /// region's certificates, while it waits for validation and after it is issued: ListCertificates has ACM's smallest
    /// rate quota (1 per second against 10 for DescribeCertificate; ACM User Guide, Quotas, API rate quotas:
    /// https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html), and the API budget would make each pass wait for it.
    /// </summary>
    [Fact]
    public async Task Observe_Should_DescribeTheKnownArnInsteadOfListing_When_TheCertificateIsPendingOrIssued()
    {
        var graph = DnsTestKit.Graph(TestSpecs.UniqueName("certwait"));
        await _k.EnsureZone(graph);
        var desired = graph.Resources.Single(r => r.Kind == ResourceKinds.Certificate);
        var created = await _k.CertificateProvider.CreateAsync(_k.Resolved(desired), CancellationToken.None);
        Assert.False(created.Readiness.IsReady);

        var before = Calls();
        var pending = Assert.Single(await _k.Observe(_k.CertificateProvider, graph));
        var waiting = Since(before);

        Assert.Equal(created.AwsId, pending.AwsId);
        Assert.False(pending.Readiness.IsReady);
        Assert.Equal(0, waiting.GetValueOrDefault("ListCertificates"));
        Assert.Equal(1, waiting.GetValueOrDefault("DescribeCertificate"));

        var issued = await WaitUntilIssued(graph);
        before = Calls();
        var steady = Assert.Single(await _k.Observe(_k.CertificateProvider, graph));
        var described = Since(before);

        Assert.True(issued.Readiness.IsReady);
        Assert.True(steady.Readiness.IsReady);
        Assert.Equal(created.AwsId, steady.AwsId);
        Assert.Equal(0, described.GetValueOrDefault("ListCertificates"));
        Assert.Equal(1, described.GetValueOrDefault("DescribeCertificate"));
        Assert.Empty(_k.Diff(desired, steady));
    }

    /// <summary>
    /// A new process (a CLI run) knows no ARN, but the Tagging API inventory lists the certificate with our tags: it is
    /// described by that ARN, not listed. moto's GetResources lists ACM certificates, as AWS's does (Resource Groups
    /// Tagging API, supported services: ACM).
    /// </summary>
    [Fact]
    public async Task Observe_Should_DescribeTheArnTheInventoryLists_When_ANewProviderObservesAnOwnedCertificate()
    {
        var graph = DnsTestKit.Graph(TestSpecs.UniqueName("certinv"));
        await _k.EnsureZone(graph);
        var desired = graph.Resources.Single(r => r.Kind == ResourceKinds.Certificate);
        var created = await _k.CertificateProvider.CreateAsync(_k.Resolved(desired), CancellationToken.None);
        var fresh = _k.NewCertificateProvider();

        var before = Calls();
        var observed = Assert.Single(await _k.Observe(fresh, graph));
        var calls = Since(before);

        Assert.Equal(created.AwsId, observed.AwsId);
        Assert.Equal(0, calls.GetValueOrDefault("ListCertificates"));
        Assert.Equal(1, calls.GetValueOrDefault("DescribeCertificate"));
    }

    /// <summary>
    /// A known certificate deleted behind our back: DescribeCertificate answers ResourceNotFoundException ("the specified
    /// certificate cannot be found in the caller's account": ACM API reference, DescribeCertificate, Errors,
    /// https://docs.aws.amazon.com/acm/latest/APIReference/API_DescribeCertificate.html), the provider forgets the ARN and
    /// lists the region instead, so the plan sees it missing (and requests a new one) rather than failing.
    /// </summary>
    [Fact]
    public async Task Observe_Should_ListTheRegionAndFindNothing_When_TheKnownCertificateWasDeleted()
    {
        var graph = DnsTestKit.Graph(TestSpecs.UniqueName("certgone"));
        await _k.EnsureZone(graph);
        var desired = graph.Resources.Single(r => r.Kind == ResourceKinds.Certificate);
        var created = await _k.CertificateProvider.CreateAsync(_k.Resolved(desired), CancellationToken.None);
        Assert.Single(await _k.Observe(_k.CertificateProvider, graph));
        await _k.Acm.DeleteCertificateAsync(new CertificateArnRequest(created.AwsId), CancellationToken.None);

        var before = Calls();
        var observed = await _k.Observe(_k.CertificateProvider, graph);
        var calls = Since(before);

        Assert.Empty(observed);
        Assert.Equal(1, calls.GetValueOrDefault("ListCertificates"));
    }

    /// <summary>
    /// The controller's rotating shared observation of a region lists the certificates every resync (one call for up to
    /// 1,000), known or not: that is where a certificate tagged as ours that the inventory does not show yet is found.
    /// </summary>
    [Fact]
    public async Task Observe_Should_ListTheRegion_When_TheControllerObservesInRotation()
    {
        var graph = DnsTestKit.Graph(TestSpecs.UniqueName("certrot"));
        await _k.EnsureZone(graph);
        var desired = graph.Resources.Single(r => r.Kind == ResourceKinds.Certificate);
        var created = await _k.CertificateProvider.CreateAsync(_k.Resolved(desired), CancellationToken.None);

        var before = Calls();
        var observed = await ObservationScope.RunAsync(() => _k.Observe(_k.CertificateProvider, graph), new HashSet<string>(StringComparer.Ordinal));
        var calls = Since(before);

        Assert.Equal(created.AwsId, Assert.Single(observed).AwsId);
        Assert.Equal(1, calls.GetValueOrDefault("ListCertificates"));
    }

    private IReadOnlyDictionary<(string Service, string Operation, string Outcome), long> Calls() => _k.Metrics.Snapshot();

    /// <summary>ACM calls by operation since <paramref name="before"/>.</summary>
    private Dictionary<string, long> Since(IReadOnlyDictionary<(string Service, string Operation, string Outcome), long> before) =>
        _k.Metrics.Snapshot().Where(kv => kv.Key.Service == "acm")
            .GroupBy(kv => kv.Key.Operation).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value - before.GetValueOrDefault(kv.Key)));

    [Fact]
    public async Task Certificate_Should_RepairTagsAndRecordsInPlace_And_DeleteWithItsRecords_When_Asked()
    {
        var graph = DnsTestKit.Graph(TestSpecs.UniqueName("certupd"));
        var zoneId = await _k.EnsureZone(graph);
        var desired = graph.Resources.Single(r => r.Kind == ResourceKinds.Certificate);
        var created = await _k.CertificateProvider.CreateAsync(_k.Resolved(desired), CancellationToken.None);
        var detail = (await _k.Acm.DescribeCertificateAsync(new CertificateArnRequest(created.AwsId), CancellationToken.None)).Certificate;
        var record = Assert.Single(detail.DomainValidationOptions!).ResourceRecord!;
        await _k.Zones.Release(zoneId, record.Name, "CNAME", new DnsOwner(graph.Environment, desired.LogicalId), CancellationToken.None);
        var edited = DnsTestKit.Graph(graph.Environment, edit: t => t.Replace("project: demo", "project: renamed", StringComparison.Ordinal));
        var wantedNow = edited.Resources.Single(r => r.Kind == ResourceKinds.Certificate);

        var observed = Assert.Single(await _k.Observe(_k.CertificateProvider, edited));
        var changes = _k.Diff(wantedNow, observed);
        await _k.CertificateProvider.UpdateAsync(_k.Resolved(wantedNow), observed, changes, CancellationToken.None);

        Assert.Equal(["tags.project", "validationRecords"], changes.Select(c => c.Path).Order(StringComparer.Ordinal));
        Assert.StartsWith("missing _", changes.Single(c => c.Path == "validationRecords").Actual, StringComparison.Ordinal);
        var repaired = Assert.Single(await _k.Observe(_k.CertificateProvider, edited));
        Assert.Empty(_k.Diff(wantedNow, repaired));

        await _k.CertificateProvider.DeleteAsync(repaired, CancellationToken.None);

        Assert.Empty(await _k.Observe(_k.CertificateProvider, edited));
        var sets = await _k.Route53.ListResourceRecordSetsAsync(new Reconciler.Aws.Route53.ListResourceRecordSetsRequest(zoneId), CancellationToken.None);
        Assert.All(sets, s => Assert.Contains(s.Type, new[] { "SOA", "NS" }));
        await _k.CertificateProvider.DeleteAsync(repaired, CancellationToken.None); // gone is done
    }

    [Fact]
    public async Task Observe_Should_IgnoreCertificates_When_TheyAreNotOwned()
    {
        var graph = DnsTestKit.Graph(TestSpecs.UniqueName("certown"));
        var foreign = await _k.Acm.RequestCertificateAsync(new RequestCertificateRequest($"x.{DnsTestKit.ZoneFor(graph.Environment)}", "DNS", null, Guid.NewGuid().ToString("N"), [new AcmTag(Ownership.EnvironmentTag, "someone-else")]), CancellationToken.None);

        var observed = await _k.Observe(_k.CertificateProvider, graph);

        Assert.DoesNotContain(observed, o => o.AwsId == foreign.CertificateArn);
        var error = await Assert.ThrowsAsync<AwsCallException>(() => _k.Acm.DescribeCertificateAsync(new CertificateArnRequest(foreign.CertificateArn + "0"), CancellationToken.None));
        Assert.Equal(AwsErrorKind.NotFound, error.Error.Kind);
    }

    /// <summary>
    /// ACM gives every certificate of one name in an account the same validation CNAME (dflook/cloudformation-dns-certificate#7,
    /// terraform-provider-aws#13653; moto does the same): destroying either environment must leave the other's
    /// record in place, owned by the environment that still needs it, and its plan empty.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Destroy_Should_KeepTheSharedValidationRecordForTheOtherEnvironment_When_TwoCertificatesShareAName(bool destroyTheFirst)
    {
        using var h = new EngineHarness();
        var zone = TestSpecs.UniqueName("sharedcert") + ".test";
        var spec = $"dns:\n  zone: {zone}\ncertificates:\n  - {{ name: api, domain: api.{zone}, validation: dns }}";
        var first = TestSpecs.Load(TestSpecs.Small(TestSpecs.UniqueName("certa"), spec)).Graph;
        var second = TestSpecs.Load(TestSpecs.Small(TestSpecs.UniqueName("certb"), spec)).Graph;
        Assert.True((await h.Engine.ApplyAsync(first, new PlanOptions(Prune: true), CancellationToken.None)).Converged);
        Assert.True((await h.Engine.ApplyAsync(second, new PlanOptions(Prune: true), CancellationToken.None)).Converged);
        var (gone, kept) = destroyTheFirst ? (first, second) : (second, first);
        var keptArn = Assert.Single((await h.Engine.ObserveAsync(EngineHarness.Region, [kept], CancellationToken.None)).Resources, r => r.Kind == ResourceKinds.Certificate).AwsId;
        var record = Assert.Single((await _k.Acm.DescribeCertificateAsync(new CertificateArnRequest(keptArn), CancellationToken.None)).Certificate.DomainValidationOptions!).ResourceRecord!;
        var zoneId = Assert.Single(await _k.Zones.PublicZonesNamed(zone, CancellationToken.None)).Id;
        Assert.Equal(new DnsOwner(first.Environment, "certificate/api"), (await _k.Zones.RecordsAround(zoneId, record.Name, CancellationToken.None)).OwnerOf(record.Name));

        var destroyed = await h.Engine.ApplyAsync(gone, new PlanOptions(Prune: true, Destroy: true), CancellationToken.None);
        var plan = await h.Engine.PlanAsync(kept, new PlanOptions(Prune: true), CancellationToken.None);

        Assert.True(destroyed.Converged);
        Assert.False(plan.HasChanges, plan.Summary); // plan --detailed-exitcode would exit 0
        var around = await _k.Zones.RecordsAround(zoneId, record.Name, CancellationToken.None);
        Assert.Contains(around.At(record.Name, "CNAME"), s => s.Values.Select(DnsNames.Normalize).Contains(DnsNames.Normalize(record.Value)));
        Assert.Equal(new DnsOwner(kept.Environment, "certificate/api"), around.OwnerOf(record.Name));

        // Once no certificate asks for it, the last owner's destroy removes it with its ownership record.
        Assert.True((await h.Engine.ApplyAsync(kept, new PlanOptions(Prune: true, Destroy: true), CancellationToken.None)).Converged);
        var after = await _k.Zones.RecordsAround(zoneId, record.Name, CancellationToken.None);
        Assert.Empty(after.At(record.Name));
        Assert.Null(after.OwnerOf(record.Name));
    }

    [Fact]
    public async Task Destroy_Should_KeepTheValidationRecordOwnedByNobody_When_OnlyAnUntaggedCertificateStillNeedsIt()
    {
        using var h = new EngineHarness();
        var zone = TestSpecs.UniqueName("nobodycert") + ".test";
        var graph = TestSpecs.Load(TestSpecs.Small(TestSpecs.UniqueName("certn"), $"dns:\n  zone: {zone}\ncertificates:\n  - {{ name: api, domain: api.{zone}, validation: dns }}")).Graph;
        Assert.True((await h.Engine.ApplyAsync(graph, new PlanOptions(Prune: true), CancellationToken.None)).Converged);
        var byHand = await _k.Acm.RequestCertificateAsync(new RequestCertificateRequest($"api.{zone}", "DNS", null, Guid.NewGuid().ToString("N"), []), CancellationToken.None);
        var record = Assert.Single((await _k.Acm.DescribeCertificateAsync(new CertificateArnRequest(byHand.CertificateArn), CancellationToken.None)).Certificate.DomainValidationOptions!).ResourceRecord!;
        var zoneId = Assert.Single(await _k.Zones.PublicZonesNamed(zone, CancellationToken.None)).Id;

        Assert.True((await h.Engine.ApplyAsync(graph, new PlanOptions(Prune: true, Destroy: true), CancellationToken.None)).Converged);

        // The hand-made certificate still renews through the record; nobody owns it now, so no destroy ever deletes it.
        var around = await _k.Zones.RecordsAround(zoneId, record.Name, CancellationToken.None);
        Assert.Single(around.At(record.Name, "CNAME"));
        Assert.Null(around.OwnerOf(record.Name));
        Assert.Empty(around.At(DnsOwner.RecordNameFor(record.Name)));
    }

    /// <summary>
    /// A certificate that needs the record only through an alternative name: ListCertificates' summaries may not list
    /// it (moto leaves them out; AWS lists the first 100), so the listed names must not rule that certificate out.
    /// </summary>
    [Fact]
    public async Task Destroy_Should_KeepTheValidationRecord_When_AnotherCertificateNeedsItOnlyThroughAnAlternativeName()
    {
        using var h = new EngineHarness();
        var zone = TestSpecs.UniqueName("sancert") + ".test";
        var graph = TestSpecs.Load(TestSpecs.Small(TestSpecs.UniqueName("certs"), $"dns:\n  zone: {zone}\ncertificates:\n  - {{ name: api, domain: api.{zone}, validation: dns }}")).Graph;
        Assert.True((await h.Engine.ApplyAsync(graph, new PlanOptions(Prune: true), CancellationToken.None)).Converged);
        var byHand = await _k.Acm.RequestCertificateAsync(new RequestCertificateRequest($"www.{zone}", "DNS", [$"api.{zone}"], Guid.NewGuid().ToString("N"), []), CancellationToken.None);
        var record = Assert.Single(
            (await _k.Acm.DescribeCertificateAsync(new CertificateArnRequest(byHand.CertificateArn), CancellationToken.None)).Certificate.DomainValidationOptions!,
            v => v.DomainName == $"api.{zone}").ResourceRecord!;
        var zoneId = Assert.Single(await _k.Zones.PublicZonesNamed(zone, CancellationToken.None)).Id;

        Assert.True((await h.Engine.ApplyAsync(graph, new PlanOptions(Prune: true, Destroy: true), CancellationToken.None)).Converged);

        Assert.Single((await _k.Zones.RecordsAround(zoneId, record.Name, CancellationToken.None)).At(record.Name, "CNAME"));
    }

    private async Task<ObservedResource> WaitUntilIssued(ResourceGraph graph)
    {
        for (var i = 0; i < 40; i++)
        {
            var observed = Assert.Single(await _k.Observe(_k.CertificateProvider, graph));
            if (observed.Readiness.IsReady)
            {
                return observed;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        throw new TimeoutException("the certificate was not ISSUED within 10 s although MOTO_ACM_VALIDATION_WAIT is 2 s");
    }
}
