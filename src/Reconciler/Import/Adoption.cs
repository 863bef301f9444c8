using System.Collections.Concurrent;
using Reconciler.Aws;
using Reconciler.Aws.Acm;
using Reconciler.Aws.Ecr;
using Reconciler.Aws.Ecs;
using Reconciler.Aws.Elbv2;
using Reconciler.Aws.Http;
using Reconciler.Aws.Logs;
using Reconciler.Aws.Rds;
using Reconciler.Aws.Route53;
using Reconciler.Engine;
using Reconciler.Model.Graph;
using Reconciler.Providers.Dns;
using Reconciler.Providers.Ec2;

namespace Reconciler.Import;

/// <summary>
/// Hands resources found by <c>reconciler import</c> over to an environment: for each target, exactly the two ownership
/// tags the providers look for (<see cref="Ownership.EnvironmentTag"/>, <see cref="Ownership.LogicalIdTag"/>), written
/// with the kind's own tagging API, or for a Route53 record its owner TXT record. Nothing else is written: no Name tag
/// (a resource with an <c>awsName</c> keeps its own, see docs/spec.md), no setting. The current tags are read first,
/// and a resource that another environment owns is refused and left untouched. Shared kinds (IAM roles, instance
/// profiles, hosted zones) are found by name by every environment and never tagged for one: they need nothing.
/// Then it waits, bounded, until the Tagging API lists what the providers find only through it (<see cref="AdoptionListing"/>).
/// </summary>
internal sealed class Adoption(AwsComposition aws, TimeProvider time)
{
    /// <summary>Used by name by every environment of the account (their providers find them by name, not by tags).</summary>
    private static readonly HashSet<string> SharedKinds = new(StringComparer.Ordinal)
    {
        ResourceKinds.IamRole.Name, ResourceKinds.InstanceProfile.Name, ResourceKinds.HostedZone.Name,
    };

    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, IAdoptionTagger>> _taggers = new(StringComparer.Ordinal);

    public async Task<AdoptionResult> AdoptAsync(string environment, string region, IReadOnlyList<AdoptionTarget> targets, CancellationToken ct)
    {
        var taggers = _taggers.GetOrAdd(region, Taggers);
        var outcomes = new List<AdoptionOutcome>(targets.Count);
        var listable = new List<string>();
        foreach (var target in targets)
        {
            var outcome = await AdoptOneAsync(environment, target, taggers, ct).ConfigureAwait(false);
            outcomes.Add(outcome);
            if (outcome.WriteId is { } arn && arn.StartsWith("arn:", StringComparison.Ordinal) && outcome.Status is AdoptionStatus.Adopted or AdoptionStatus.AlreadyOurs && AdoptionListing.InventoryOnlyKinds.Contains(Kind(target)))
            {
                listable.Add(arn);
            }
        }

        var unlisted = listable.Count == 0 ? [] : await AdoptionListing.AwaitAsync(aws.Inventory(region), environment, listable, time, ListingBound, ct).ConfigureAwait(false);
        return new AdoptionResult(outcomes) { Unlisted = unlisted };
    }

    /// <summary>How long to wait for the Tagging API to list what was adopted (tests shorten it).</summary>
    public TimeSpan ListingBound { get; init; } = AdoptionListing.Bound;

    private static string Kind(AdoptionTarget target) =>
        target.LogicalId.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? target.LogicalId[..slash] : string.Empty;

    private static async Task<AdoptionOutcome> AdoptOneAsync(string environment, AdoptionTarget target, IReadOnlyDictionary<string, IAdoptionTagger> taggers, CancellationToken ct)
    {
        var slash = target.LogicalId.IndexOf('/', StringComparison.Ordinal);
        var kind = slash > 0 ? target.LogicalId[..slash] : string.Empty;
        if (SharedKinds.Contains(kind))
        {
            return new(target, AdoptionStatus.Shared, $"a {kind} is shared by the environments of the account and found by name: nothing to tag");
        }

        if (!taggers.TryGetValue(kind, out var tagger))
        {
            return new(target, AdoptionStatus.Refused, kind == ResourceKinds.RolePolicy.Name
                ? "an inline role policy is owned through its name (reconciler-<environment>-secrets), not tags: it cannot be adopted"
                : $"'{target.LogicalId}' is not kind/name of a kind that can be adopted");
        }

        TagState? current;
        try
        {
            current = await tagger.ReadAsync(kind, target.AwsId, ct).ConfigureAwait(false);
        }
        catch (AwsCallException ex)
        {
            return new(target, AdoptionStatus.Refused, $"its tags could not be read: {ex.Error.Code}: {ex.AwsMessage}");
        }

        if (current is null)
        {
            return new(target, AdoptionStatus.Refused, $"{target.AwsId} was not found");
        }

        var owner = current.Tags.GetValueOrDefault(Ownership.EnvironmentTag);
        var logicalId = current.Tags.GetValueOrDefault(Ownership.LogicalIdTag);
        if (owner == environment && logicalId == target.LogicalId)
        {
            return new(target, AdoptionStatus.AlreadyOurs, $"already {environment}'s {target.LogicalId}", owner) { WriteId = current.WriteId };
        }

        if (owner is not null)
        {
            return new(target, AdoptionStatus.Refused, owner == environment
                ? $"already {environment}'s {logicalId ?? "(no logical id)"}: left alone"
                : $"owned by environment '{owner}' ({logicalId ?? "no logical id"}): left alone", owner);
        }

        if (logicalId is not null)
        {
            return new(target, AdoptionStatus.Refused, $"carries {Ownership.LogicalIdTag}={logicalId} without {Ownership.EnvironmentTag}: left alone");
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Ownership.EnvironmentTag] = environment,
            [Ownership.LogicalIdTag] = target.LogicalId,
        };
        foreach (var (key, value) in target.ProviderTags)
        {
            tags[key] = value;
        }

        // A resource without any Name tag gets the one the spec's resources carry, which renames nothing; one that has a
        // name keeps it (the planner never renames, docs/spec.md).
        if (!current.Tags.ContainsKey(Ownership.NameTag) && kind != ResourceKinds.DnsRecord.Name)
        {
            tags[Ownership.NameTag] = Ownership.NameTagValue(environment, target.LogicalId[(slash + 1)..]);
        }

        try
        {
            await tagger.WriteAsync(kind, current, tags, ct).ConfigureAwait(false);
        }
        catch (AwsCallException ex)
        {
            return new(target, AdoptionStatus.Refused, $"could not be tagged: {ex.Error.Code}: {ex.AwsMessage}");
        }

        return new(target, AdoptionStatus.Adopted, $"tagged {Ownership.EnvironmentTag}={environment}, {Ownership.LogicalIdTag}={target.LogicalId}") { WriteId = current.WriteId };
    }

    /// <summary>The tagger of every kind that can be adopted, on the same clients (runner, budget, metrics) as the providers.</summary>
    private IReadOnlyDictionary<string, IAdoptionTagger> Taggers(string region)
    {
        var ec2 = new Ec2Tagger(new Ec2Support(aws.Ec2(region), aws.RunnerFor(region)));
        var elb = new Elbv2Tagger(new ElasticLoadBalancingV2Api(aws.Query(AwsServices.Elbv2, region)));
        var ecs = new EcsTagger(new EcsApi(aws.Json(AwsServices.Ecs, region)));
        var rds = new RdsTagger(new RdsApi(aws.Query(AwsServices.Rds, region)));
        var result = new Dictionary<string, IAdoptionTagger>(StringComparer.Ordinal);
        foreach (var kind in new[] { ResourceKinds.Vpc, ResourceKinds.Subnet, ResourceKinds.InternetGateway, ResourceKinds.ElasticIp, ResourceKinds.NatGateway, ResourceKinds.RouteTable, ResourceKinds.SecurityGroup, ResourceKinds.Instance })
        {
            result[kind.Name] = ec2;
        }

        result[ResourceKinds.LoadBalancer.Name] = elb;
        result[ResourceKinds.TargetGroup.Name] = elb;
        result[ResourceKinds.Listener.Name] = elb;
        result[ResourceKinds.EcsCluster.Name] = ecs;
        result[ResourceKinds.EcsService.Name] = ecs;
        result[ResourceKinds.TaskDefinition.Name] = ecs;
        result[ResourceKinds.DbInstance.Name] = rds;
        result[ResourceKinds.DbSubnetGroup.Name] = rds;
        result[ResourceKinds.EcrRepository.Name] = new EcrTagger(new EcrApi(aws.Json(AwsServices.Ecr, region)));
        result[ResourceKinds.LogGroup.Name] = new LogsTagger(new CloudWatchLogsApi(aws.Json(AwsServices.Logs, region)));
        result[ResourceKinds.Certificate.Name] = new AcmTagger(new AcmApi(aws.Json(AwsServices.Acm, region)));
        result[ResourceKinds.Bucket.Name] = new S3Tagger(aws.S3(region), aws.RunnerFor(region));
        result[ResourceKinds.DnsRecord.Name] = new DnsOwnerTagger(new Route53Zones(new Route53Api(aws.RestXml(AwsServices.Route53, region))));
        return result;
    }
}
