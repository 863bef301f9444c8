using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Reconciler.Aws;
using Reconciler.Aws.Acm;
using Reconciler.Aws.Route53;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;
using Reconciler.Providers.Dns;
using Reconciler.Providers.Observation;
using K = Reconciler.Model.Kinds.CertificateKind;

namespace Reconciler.Kinds;

/// <summary>
/// An ACM certificate validated through DNS: requested with its tags and an idempotency token, its validation CNAME
/// records written into the environment's hosted zone with the same TXT ownership as any record we own (so destroy
/// removes them). Until it is ISSUED the observed certificate is not ready (<see cref="Readiness"/>), with a reason that
/// says what it waits for, and its dependents (the HTTPS listener) wait with it.
/// </summary>
internal sealed class CertificateProvider(IAcmApi acm, Route53Zones zones, INameServerLookup nameServers, TaggedInventory inventory) : IResourceProvider
{
    /// <summary>Descriptions of ISSUED certificates, valid while ListCertificates shows the same status.</summary>
    private readonly DescribeCache<CertificateDetail> _details = new();

    /// <summary>Certificates of ours this process requested or observed, by ARN: described, not listed, while every one an observation wants is here.</summary>
    private readonly ConcurrentDictionary<string, KnownCertificate> _known = new(StringComparer.Ordinal);

    /// <summary>
    /// The most certificates an observation describes one by one instead of listing the region: ACM allows 10
    /// DescribeCertificate per second against 1 ListCertificates (ACM User Guide, Quotas, API rate quotas:
    /// https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html), so up to 10 descriptions cost no more of ACM's
    /// time than one listing; above that, one listing (up to 1,000 per page) and the cached descriptions are cheaper.
    /// Descriptions are also never chosen when they would make more calls than the listing (see ObserveKnownAsync).
    /// </summary>
    public const int MaxDescribedByArn = 10;

    public const string Issued = "ISSUED";
    private static readonly TimeSpan RecordsNotPublishedRetry = TimeSpan.FromSeconds(10);

    /// <summary>How soon to look again at a certificate pending validation (ACM validates within minutes once the records resolve).</summary>
    private static readonly TimeSpan PendingRetry = TimeSpan.FromSeconds(15);

    /// <summary>Certificates that still need their validation records: issued (they renew through them) or waiting to be.</summary>
    private static readonly HashSet<string> LiveStatuses = new(StringComparer.Ordinal) { Issued, "PENDING_VALIDATION" };

    public ResourceKind Kind => K.Kind;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        // ListCertificates' default filter returns RSA_2048 certificates, the key type RequestCertificate uses by default.
        // ListCertificates returns no tags and cannot filter by them: the tags come from the shared Tagging API
        // inventory (one paged GetResources for all kinds), and ListTagsForCertificate is left only for a certificate
        // the inventory does not list (yet) whose domain the spec asks for. The description of an ISSUED certificate
        // cannot change while it stays ISSUED (domain, names and validation records are fixed at the request), so it
        // is read once and kept while ListCertificates shows the same status; one not ISSUED is described each time.
        // No listing at all while every wanted certificate's ARN is known to be ours (ObserveKnownAsync).
        var wanted = desired.ToDictionary(d => (d.Tags.GetValueOrDefault(Ownership.EnvironmentTag) ?? string.Empty, d.LogicalId));
        var wantedDomains = desired.Select(d => d.Get(K.Domain)).OfType<string>().Select(DnsNames.Normalize).ToHashSet(StringComparer.Ordinal);
        var tagged = await inventory.OwnedAsync(environments, ct).ConfigureAwait(false);
        var zoneCache = new Dictionary<string, ZoneRecords?>(StringComparer.Ordinal);
        if (await ObserveKnownAsync(environments, wanted, tagged, zoneCache, ct).ConfigureAwait(false) is { } known)
        {
            return known;
        }

        var summaries = await acm.ListCertificatesAsync(ct).ConfigureAwait(false);
        _details.Keep(summaries.Select(s => s.CertificateArn));
        // The listing is the region's: a known ARN it no longer shows is gone (deleted by someone, or expired and removed).
        var inListing = summaries.Select(s => s.CertificateArn).ToHashSet(StringComparer.Ordinal);
        foreach (var arn in _known.Keys.Where(a => !inListing.Contains(a)).ToList())
        {
            _known.TryRemove(arn, out _);
        }

        var result = new List<ObservedResource>();
        foreach (var summary in summaries)
        {
            IReadOnlyDictionary<string, string> tags;
            if (tagged.TryGetValue(summary.CertificateArn, out var listed))
            {
                tags = listed;
            }
            else if (summary.DomainName is { } domain && wantedDomains.Contains(DnsNames.Normalize(domain)))
            {
                tags = await TagsOf(summary.CertificateArn, ct).ConfigureAwait(false);
            }
            else
            {
                continue;
            }

            var environment = tags.GetValueOrDefault(Ownership.EnvironmentTag);
            var logicalId = tags.GetValueOrDefault(Ownership.LogicalIdTag);
            if (environment is null || logicalId is null || !environments.Contains(environment))
            {
                continue;
            }

            var status = summary.Status ?? string.Empty;
            var detail = await _details.GetAsync(summary.CertificateArn, status,
                async () => (await acm.DescribeCertificateAsync(new CertificateArnRequest(summary.CertificateArn), ct).ConfigureAwait(false)).Certificate,
                d => d.Status == Issued && status == Issued).ConfigureAwait(false);
            if (await ObservedAsync(detail, tags, environment, logicalId, wanted, zoneCache, ct).ConfigureAwait(false) is { } observed)
            {
                result.Add(observed);
            }
        }

        return result;
    }

    /// <summary>
    /// When every certificate the spec wants of these environments has an ARN known to be ours (requested or observed by
    /// this process, or listed with our tags by the Tagging API inventory), each is described by that ARN
    /// (DescribeCertificate) instead of listing the region's certificates: ListCertificates has the smallest rate quota
    /// of ACM's API (1 per second, which the API budget enforces; ACM User Guide, Quotas, API rate quotas:
    /// https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html), and the passes of one apply (before the request,
    /// while waiting for validation, after the issue) would each wait for it. Every certificate the inventory lists as
    /// owned by these environments is described too, so one to prune or in conflict is still seen. Null (list instead)
    /// when an ARN is unknown, when more than <see cref="MaxDescribedByArn"/> would be described or describing would make
    /// more calls than listing with the cached descriptions (several ISSUED ones already held), in the controller's
    /// rotating shared observation (which lists the region each resync: that is where a certificate of ours the
    /// inventory does not show yet is found), and when a known certificate is gone (DescribeCertificate answers
    /// ResourceNotFoundException for a certificate not in the account: ACM API reference, DescribeCertificate, Errors,
    /// https://docs.aws.amazon.com/acm/latest/APIReference/API_DescribeCertificate.html) or no longer carries our tags.
    /// The price: a duplicate tagged as ours that the Tagging API does not list yet is seen one listing later; a plan
    /// from this observation always sees the certificate it wants, so it never requests a second one.
    /// </summary>
    private async Task<List<ObservedResource>?> ObserveKnownAsync(IReadOnlyCollection<string> environments, Dictionary<(string, string), DesiredResource> wanted,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> tagged, Dictionary<string, ZoneRecords?> zoneCache, CancellationToken ct)
    {
        if (wanted.Count == 0 || ObservationScope.Rotating)
        {
            return null;
        }

        var arns = new Dictionary<string, KnownCertificate>(StringComparer.Ordinal);
        foreach (var (arn, known) in _known)
        {
            if (environments.Contains(known.Environment))
            {
                arns[arn] = known;
            }
        }

        foreach (var (arn, tags) in tagged)
        {
            if (IsCertificate(arn) && tags.GetValueOrDefault(Ownership.EnvironmentTag) is { } environment && environments.Contains(environment) &&
                tags.GetValueOrDefault(Ownership.LogicalIdTag) is { } logicalId)
            {
                arns[arn] = new KnownCertificate(environment, logicalId, tags);
            }
        }

        // Listing costs one call plus a description of each certificate not held ISSUED in the cache; describing them
        // all costs one call each, cached or not (only a listing says a cached one is still ISSUED). So describe only
        // when that is no more calls than listing: at most one of them cached.
        var covered = arns.Values.Select(k => (k.Environment, k.LogicalId)).ToHashSet();
        if (arns.Count > MaxDescribedByArn || arns.Keys.Count(_details.Contains) > 1 || !wanted.Keys.All(covered.Contains))
        {
            return null;
        }

        var result = new List<ObservedResource>();
        foreach (var (arn, known) in arns)
        {
            CertificateDetail detail;
            IReadOnlyDictionary<string, string> tags;
            try
            {
                detail = (await acm.DescribeCertificateAsync(new CertificateArnRequest(arn), ct).ConfigureAwait(false)).Certificate;
                // The inventory's tags when it lists the certificate; else (just requested: the Tagging API lags) its own.
                tags = tagged.GetValueOrDefault(arn) ?? await TagsOf(arn, ct).ConfigureAwait(false);
            }
            catch (AwsCallException ex) when (ex.Error.Kind == AwsErrorKind.NotFound)
            {
                _known.TryRemove(arn, out _);
                _details.Forget(arn);
                return null;
            }

            // Held for a later listing, as the listing path holds it: an ISSUED description changes only with its status.
            if (detail.Status == Issued)
            {
                _details.Put(arn, Issued, detail);
            }
            else
            {
                _details.Forget(arn);
            }

            if (tags.GetValueOrDefault(Ownership.EnvironmentTag) != known.Environment || tags.GetValueOrDefault(Ownership.LogicalIdTag) != known.LogicalId)
            {
                _known.TryRemove(arn, out _);
                return null;
            }

            if (await ObservedAsync(detail, tags, known.Environment, known.LogicalId, wanted, zoneCache, ct).ConfigureAwait(false) is { } observed)
            {
                result.Add(observed);
            }
        }

        return result;
    }

    /// <summary>Whether an ARN is an ACM certificate's (arn:PARTITION:acm:REGION:ACCOUNT:certificate/ID).</summary>
    private static bool IsCertificate(string arn) =>
        arn.Split(':', 6) is [_, _, "acm", _, _, var resource] && resource.StartsWith("certificate/", StringComparison.Ordinal);

    private async Task<IReadOnlyDictionary<string, string>> TagsOf(string arn, CancellationToken ct) =>
        ((await acm.ListTagsForCertificateAsync(new CertificateArnRequest(arn), ct).ConfigureAwait(false)).Tags ?? [])
            .GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value ?? string.Empty, StringComparer.Ordinal);

    /// <summary>One owned certificate as observed; remembers its ARN as ours.</summary>
    private async Task<ObservedResource?> ObservedAsync(CertificateDetail detail, IReadOnlyDictionary<string, string> tags, string environment, string logicalId,
        Dictionary<(string, string), DesiredResource> wanted, Dictionary<string, ZoneRecords?> zoneCache, CancellationToken ct)
    {
        Remember(detail.CertificateArn, environment, logicalId, tags);
        var zone = wanted.TryGetValue((environment, logicalId), out var spec) && ZoneName(spec) is { } zoneName
            ? await Zone(zoneName, zoneCache, ct).ConfigureAwait(false)
            : null;
        var (properties, attributes, readiness) = await Describe(detail, zone, ct).ConfigureAwait(false);
        return TaggedResources.Observed(Kind, detail.CertificateArn, tags, properties, attributes) is { } observed ? observed with { Readiness = readiness } : null;
    }

    /// <summary>Remembers a certificate's ARN as ours, so later observations describe it instead of listing.</summary>
    private void Remember(string arn, string environment, string logicalId, IReadOnlyDictionary<string, string> tags) =>
        _known[arn] = new KnownCertificate(environment, logicalId, tags);

    private async Task<ZoneRecords?> Zone(string name, Dictionary<string, ZoneRecords?> cache, CancellationToken ct)
    {
        if (!cache.TryGetValue(name, out var records))
        {
            var found = await zones.PublicZonesNamed(name, ct).ConfigureAwait(false);
            records = found.Count == 0 ? null : await zones.AllRecords(found[0], ct).ConfigureAwait(false);
            cache[name] = records;
        }

        return records;
    }

    /// <summary>The name of the zone a certificate's validation records go in.</summary>
    private static string? ZoneName(DesiredResource desired) => desired.Item<HostedZoneRef>(K.Zone)?.Name;

    /// <summary>Properties in the spec's canonical form, the attribute <c>arn</c>, and not ready until ISSUED.</summary>
    private async Task<(List<(string Key, FieldValue Value)> Properties, List<(string Key, string Value)> Attributes, Readiness Readiness)> Describe(CertificateDetail detail, ZoneRecords? zone, CancellationToken ct)
    {
        var domain = DnsNames.Normalize(detail.DomainName);
        var validations = detail.DomainValidationOptions ?? [];
        var properties = new List<(string Key, FieldValue Value)>
        {
            (K.Domain, FieldValue.Of(domain)),
            // ACM lists the domain itself among the subject alternative names; the spec lists only the others.
            (K.AlternativeNames, FieldValue.SetOf((detail.SubjectAlternativeNames ?? []).Select(DnsNames.Normalize).Where(n => n != domain).Distinct())),
        };
        if (validations.FirstOrDefault()?.ValidationMethod is { } method)
        {
            properties.Add((K.Validation, FieldValue.Of(method.ToLowerInvariant())));
        }

        var missing = Missing(validations, zone);
        if (zone is not null)
        {
            properties.Add((K.Zone, FieldValue.Of(new HostedZoneRef(DnsNames.Normalize(zone.Zone.Name), zone.Zone.Id))));
            if (validations.All(v => v.ValidationMethod is null or "DNS"))
            {
                properties.Add((K.ValidationRecords, FieldValue.Of(missing.Count == 0 ? K.Present : "missing " + string.Join(", ", missing))));
            }
        }

        var attributes = new List<(string Key, string Value)> { ("arn", detail.CertificateArn) };
        var readiness = detail.Status == Issued
            ? Readiness.Ready
            : Readiness.NotReady(await WhyNotReady(detail, zone, missing, ct).ConfigureAwait(false), PendingRetry);
        return (properties, attributes, readiness);
    }

    /// <summary>The validation records ACM asks for that the zone does not hold (or that ACM has not published yet).</summary>
    private static List<string> Missing(IReadOnlyList<DomainValidation> validations, ZoneRecords? zone)
    {
        var missing = new List<string>();
        foreach (var validation in validations.Where(v => v.ValidationMethod is null or "DNS"))
        {
            if (validation.ResourceRecord is not { } wanted)
            {
                missing.Add($"{validation.DomainName} (ACM has not published its validation record yet)");
            }
            else if (zone is null || !zone.At(wanted.Name, wanted.Type).Any(s => Route53Zones.SameContent(s, ValidationRecord(wanted))))
            {
                missing.Add(DnsNames.Normalize(wanted.Name));
            }
        }

        return missing;
    }

    /// <summary>What the certificate waits for, in words a person can act on (terraform-provider-aws#9338).</summary>
    private async Task<string> WhyNotReady(CertificateDetail detail, ZoneRecords? zone, List<string> missing, CancellationToken ct)
    {
        if (detail.Status != "PENDING_VALIDATION")
        {
            var reason = detail.FailureReason is { Length: > 0 } f ? $" ({f})" : string.Empty;
            return $"{detail.Status}{reason}: this certificate will not be issued; delete it (or change its domain) so a new one is requested";
        }

        var records = string.Join("; ", (detail.DomainValidationOptions ?? [])
            .Select(v => v.ResourceRecord is { } r
                ? $"{DnsNames.Normalize(r.Name)} {r.Type} {DnsNames.Normalize(r.Value)}"
                : $"a record for {v.DomainName} that ACM has not published yet"));
        var zoneName = zone is null ? "(zone not found)" : DnsNames.Normalize(zone.Zone.Name);
        var written = missing.Count == 0 ? "present in the zone" : "not in the zone yet: " + string.Join(", ", missing);
        var delegation = zone is null ? "the zone does not exist yet" : await Delegation(zone.Zone, ct).ConfigureAwait(false);
        return $"PENDING_VALIDATION: waiting for DNS validation record {records} in zone {zoneName} ({written}); {delegation}";
    }

    /// <summary>Whether public DNS sends resolvers to this zone's Route53 name servers: best effort, never blocking.</summary>
    private async Task<string> Delegation(HostedZone zone, CancellationToken ct)
    {
        var own = (await zones.Api.GetHostedZoneAsync(zone.Id, ct).ConfigureAwait(false)).NameServers.Select(DnsNames.Normalize).Order(StringComparer.Ordinal).ToList();
        var name = DnsNames.Normalize(zone.Name);
        var published = await nameServers.NameServersAsync(name, ct).ConfigureAwait(false);
        if (published is null)
        {
            return $"could not check delegation of {name} (public DNS not asked or did not answer); it must list the zone's name servers {string.Join(", ", own)}";
        }

        if (published.Count > 0 && published.All(own.Contains))
        {
            return $"the zone is delegated to Route53 ({string.Join(", ", own)}): ACM should validate within minutes";
        }

        var answer = published.Count == 0 ? "no NS records" : string.Join(", ", published.Order(StringComparer.Ordinal));
        return $"the zone's name servers are not delegated to Route53 (public DNS answers {answer}; the zone's are {string.Join(", ", own)}): update the registrar's NS records";
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var domain = desired.Get(K.Domain);
        var alternatives = desired.Set(K.AlternativeNames).Order(StringComparer.Ordinal).ToList();
        var validation = desired.Get(K.Validation).ToUpperInvariant();
        var response = await acm.RequestCertificateAsync(new RequestCertificateRequest(
            domain,
            validation,
            alternatives.Count == 0 ? null : alternatives,
            IdempotencyToken(desired, domain, alternatives, validation),
            desired.Tags.Select(t => new AcmTag(t.Key, t.Value)).ToList()), ct).ConfigureAwait(false);

        // ACM publishes the validation records a few seconds after the request: written now if they are there, else
        // the next pass sees "validationRecords" differ and writes them (UpdateAsync).
        var zone = await ZoneById(desired.Item<HostedZoneRef>(K.Zone).Id, ct).ConfigureAwait(false);
        CertificateDetail detail;
        try
        {
            detail = (await acm.DescribeCertificateAsync(new CertificateArnRequest(response.CertificateArn), ct).ConfigureAwait(false)).Certificate;
        }
        catch (AwsCallException ex) when (ex.Error.Kind == AwsErrorKind.NotFound)
        {
            // ACM is eventually consistent right after a request: the next observation describes it.
            return new CreatedResource(response.CertificateArn)
            {
                Readiness = Readiness.NotReady("requested: ACM does not describe the new certificate yet", PendingRetry),
            };
        }

        if (validation == "DNS" && Published(detail))
        {
            await WriteValidationRecords(detail, zone, desired, ct).ConfigureAwait(false);
        }

        var records = validation == "DNS" ? await zones.AllRecords(zone, ct).ConfigureAwait(false) : null;
        Remember(detail.CertificateArn, desired.Tags[Ownership.EnvironmentTag], desired.LogicalId, desired.Tags);
        var (_, attributes, readiness) = await Describe(detail, records, ct).ConfigureAwait(false);
        return new CreatedResource(response.CertificateArn, attributes.ToImmutableSortedDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal)) { Readiness = readiness };
    }

    /// <summary>Environment, logical id and the fields the request fixes: a retry is idempotent, a replacement is a new request.</summary>
    private static string IdempotencyToken(ResolvedResource desired, string domain, IEnumerable<string> alternatives, string validation)
    {
        var basis = $"{desired.Tags[Ownership.EnvironmentTag]}|{desired.LogicalId}|{domain}|{string.Join(',', alternatives)}|{validation}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(basis)))[..32];
    }

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        var tagKeys = changes.Where(c => c.Path.StartsWith("tags.", StringComparison.Ordinal)).Select(c => c.Path[5..]).ToList();
        if (tagKeys.Count > 0)
        {
            await acm.AddTagsToCertificateAsync(new AddTagsToCertificateRequest(actual.AwsId, tagKeys.Select(k => new AcmTag(k, desired.Tags[k])).ToList()), ct).ConfigureAwait(false);
        }

        if (changes.Any(c => c.Path is K.Zone or K.ValidationRecords))
        {
            var detail = (await acm.DescribeCertificateAsync(new CertificateArnRequest(actual.AwsId), ct).ConfigureAwait(false)).Certificate;
            if (!Published(detail))
            {
                throw new NotReadyException($"{desired.LogicalId}: ACM has not published the DNS validation records yet", RecordsNotPublishedRetry);
            }

            await WriteValidationRecords(detail, await ZoneById(desired.Item<HostedZoneRef>(K.Zone).Id, ct).ConfigureAwait(false), desired, ct).ConfigureAwait(false);
        }
    }

    public async Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        _known.TryRemove(actual.AwsId, out _);
        CertificateDetail? detail;
        try
        {
            detail = (await acm.DescribeCertificateAsync(new CertificateArnRequest(actual.AwsId), ct).ConfigureAwait(false)).Certificate;
            await acm.DeleteCertificateAsync(new CertificateArnRequest(actual.AwsId), ct).ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (ex.Error.Code == "ResourceNotFoundException")
        {
            return;
        }

        // Then its validation records, if this certificate owns them (the first certificate to write a record owns it).
        // ACM asks every certificate of one domain name in an account for the same validation CNAME (and a wildcard
        // for the same one as its base name), so another certificate, of any environment or of none, may still need
        // it to renew: dflook/cloudformation-dns-certificate#7, terraform-provider-aws#13653,
        // manicminer/terraform-aws-acm-certificate#2. Such a record is kept and its ownership handed to an environment
        // whose certificate needs it (to nobody when only untagged certificates do); only a record no live
        // certificate asks for is deleted.
        var owner = new DnsOwner(actual.Environment, actual.LogicalId);
        var records = (detail.DomainValidationOptions ?? [])
            .Where(v => v.ResourceRecord is not null)
            .DistinctBy(v => DnsNames.Normalize(v.ResourceRecord!.Name))
            .ToList();
        if (records.Count == 0)
        {
            return;
        }

        var others = await OthersNeeding(detail, ct).ConfigureAwait(false);
        foreach (var validation in records)
        {
            var record = validation.ResourceRecord!;
            if (await zones.ZoneOf(record.Name, ct).ConfigureAwait(false) is not { } zone)
            {
                continue;
            }

            var needing = others.Where(o => o.Domains.Contains(BaseDomain(validation.DomainName))).ToList();
            if (needing.Count == 0)
            {
                await zones.Release(zone.Id, record.Name, record.Type, owner, ct).ConfigureAwait(false);
                continue;
            }

            var heir = needing.Select(n => n.Owner).OfType<DnsOwner>()
                .OrderBy(o => o.Environment, StringComparer.Ordinal).ThenBy(o => o.LogicalId, StringComparer.Ordinal)
                .FirstOrDefault();
            await zones.HandOver(zone.Id, record.Name, owner, heir, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The other live certificates of the region validated through DNS for one of <paramref name="deleted"/>'s domains,
    /// with their owner (null when untagged) and their domains in the form that decides the record (wildcard removed).
    /// One ListCertificates, then a description and a tag read only for those whose listed names match. ListCertificates
    /// lists RSA_2048 certificates unless asked otherwise (ACM API reference, ListCertificates Includes): a certificate of
    /// another key type for the same name is not seen.
    /// </summary>
    private async Task<List<(DnsOwner? Owner, HashSet<string> Domains)>> OthersNeeding(CertificateDetail deleted, CancellationToken ct)
    {
        var domains = (deleted.DomainValidationOptions ?? []).Select(v => BaseDomain(v.DomainName)).ToHashSet(StringComparer.Ordinal);
        var result = new List<(DnsOwner? Owner, HashSet<string> Domains)>();
        foreach (var summary in await acm.ListCertificatesAsync(ct).ConfigureAwait(false))
        {
            // The listed names rule a certificate out only when they are all its names: without the summaries (moto)
            // or with more than were listed, a name shared only through an alternative name needs the description.
            var listed = new[] { summary.DomainName }.Concat(summary.SubjectAlternativeNameSummaries ?? []).OfType<string>();
            var complete = summary.SubjectAlternativeNameSummaries is not null && !summary.HasAdditionalSubjectAlternativeNames;
            if (summary.CertificateArn == deleted.CertificateArn || !LiveStatuses.Contains(summary.Status ?? string.Empty) || (complete && !listed.Any(n => domains.Contains(BaseDomain(n)))))
            {
                continue;
            }

            HashSet<string> needs;
            IReadOnlyList<AcmTag> tags;
            try
            {
                var other = (await acm.DescribeCertificateAsync(new CertificateArnRequest(summary.CertificateArn), ct).ConfigureAwait(false)).Certificate;
                needs = (other.DomainValidationOptions ?? []).Where(v => v.ValidationMethod is null or "DNS").Select(v => BaseDomain(v.DomainName)).ToHashSet(StringComparer.Ordinal);
                if (!LiveStatuses.Contains(other.Status) || !needs.Overlaps(domains))
                {
                    continue;
                }

                tags = (await acm.ListTagsForCertificateAsync(new CertificateArnRequest(summary.CertificateArn), ct).ConfigureAwait(false)).Tags ?? [];
            }
            catch (AwsCallException ex) when (ex.Error.Kind == AwsErrorKind.NotFound)
            {
                continue; // deleted since the listing
            }

            var environment = tags.FirstOrDefault(t => t.Key == Ownership.EnvironmentTag)?.Value;
            var logicalId = tags.FirstOrDefault(t => t.Key == Ownership.LogicalIdTag)?.Value;
            result.Add((environment is { Length: > 0 } && logicalId is { Length: > 0 } ? new DnsOwner(environment, logicalId) : null, needs));
        }

        return result;
    }

    /// <summary>The name a domain's validation record is derived from: <c>*.example.com</c> validates as <c>example.com</c>.</summary>
    private static string BaseDomain(string domain)
    {
        var name = DnsNames.Normalize(domain);
        return name.StartsWith("*.", StringComparison.Ordinal) ? name[2..] : name;
    }

    private static bool Published(CertificateDetail detail) =>
        detail.DomainValidationOptions is { Count: > 0 } options && options.All(o => o.ResourceRecord is not null);

    private async Task<HostedZone> ZoneById(string zoneId, CancellationToken ct) =>
        (await zones.Api.GetHostedZoneAsync(zoneId, ct).ConfigureAwait(false)).Zone;

    /// <summary>
    /// UPSERTs each validation CNAME with its ownership record. Two certificates for one name ask for the same CNAME:
    /// a record that already holds exactly the wanted value is accepted as it is, whoever owns it.
    /// </summary>
    private async Task WriteValidationRecords(CertificateDetail detail, HostedZone zone, ResolvedResource desired, CancellationToken ct)
    {
        var owner = new DnsOwner(desired.Tags[Ownership.EnvironmentTag], desired.LogicalId);
        foreach (var record in detail.DomainValidationOptions!.Select(v => v.ResourceRecord!).DistinctBy(r => DnsNames.Normalize(r.Name)))
        {
            await zones.Claim(zone.Id, ValidationRecord(record), owner, acceptIdentical: true, ct).ConfigureAwait(false);
        }
    }

    private static ResourceRecordSet ValidationRecord(AcmResourceRecord record) =>
        new(Route53Api.Fqdn(DnsNames.Normalize(record.Name)), record.Type, Route53Zones.Ttl, [record.Value], null);
}
