using System.Collections.Immutable;
using System.Globalization;
using Reconciler.Model.Graph;
using Reconciler.Model.Kinds;
using Reconciler.Model.Planning;

namespace Reconciler.Bench.Pure;

/// <summary>
/// An observed state in which every desired resource exists exactly as desired: what the providers would report after a
/// converged apply, with every reference resolved to a made-up AWS id or attribute. Planning against it gives no change.
/// <para>
/// Each kind gets the AWS id and the attributes its provider really reports (src/Reconciler/Kinds/*/…Provider.cs, the
/// <c>Observed</c> of each): an EC2 id (<c>vpc-</c> and 17 hex digits) with none or a few attributes for the EC2 kinds,
/// an ARN for the ELB, ECS and ACM kinds, a name for the others, in the value shapes AWS answers with (issue 14, fourth
/// round: before, every resource had the same four attributes, about 0.6 KB with their strings, more than any provider
/// keeps, and an id of ~25 characters where an ARN has ~100).
/// </para>
/// </summary>
internal static class SteadyState
{
    private const string Region = "ap-northeast-1";
    private const string Account = "123456789012";

    public static ObservedState Of(IEnumerable<ResourceGraph> graphs) =>
        new([.. graphs.SelectMany(g => g.Resources.Select(r => Observe(g, r)))], ResourceKinds.All.ToHashSet());

    public static ObservedState Of(ResourceGraph graph) => Of([graph]);

    /// <summary>
    /// The same observation as the controller's shared snapshot holds it: each resource with maps of its own (a provider
    /// builds them from the AWS answer) and tag values that are strings of their own (the SDK reads them from the
    /// answer); scalar property values stay shared, as <c>FieldValue.Of</c> shares a provider's too.
    /// </summary>
    public static ObservedState AsRead(ObservedState state) =>
        new([.. state.Resources.Select(r =>
        {
            var tags = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, r.Tags.Select(t => KeyValuePair.Create(t.Key, new string(t.Value.AsSpan()))));
            // A provider takes the environment and the logical id from the tags it read (TaggedResources.Observed).
            return r with
            {
                // A provider makes its scalars with FieldValue.Of, which shares equal ones (an id many resources name).
                Properties = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
                    r.Properties.Select(p => KeyValuePair.Create(p.Key, p.Value is ScalarValue scalar ? FieldValue.Of(new string(scalar.Value.AsSpan())) : p.Value))),
                Tags = tags,
                Environment = tags.GetValueOrDefault(Ownership.EnvironmentTag) ?? r.Environment,
                LogicalId = tags.GetValueOrDefault(Ownership.LogicalIdTag) ?? r.LogicalId,
            };
        })], state.Kinds);

    private static ObservedResource Observe(ResourceGraph graph, DesiredResource desired)
    {
        var id = AwsId(graph, desired);
        var properties = Planner.ResolveAll(desired, key => Resolve(graph, key));
        return new ObservedResource(desired.Kind, desired.LogicalId, graph.Environment, id, properties, desired.Tags,
            SortedMap<string>.CreateRange(Attributes(graph, desired, id, properties).Select(a => KeyValuePair.Create(a.Key, a.Value))));
    }

    private static string? Resolve(ResourceGraph graph, string key)
    {
        var hash = key.IndexOf('#', StringComparison.Ordinal);
        var target = graph.Find(hash < 0 ? key : key[..hash]) ?? throw new InvalidOperationException($"{graph.Environment}: no resource {key}");
        var id = AwsId(graph, target);
        if (hash < 0)
        {
            return id;
        }

        var attribute = key[(hash + 1)..];
        var properties = Planner.ResolveAll(target, k => Resolve(graph, k));
        return Attributes(graph, target, id, properties).Where(a => a.Key == attribute).Select(a => a.Value).FirstOrDefault()
            ?? throw new InvalidOperationException($"{graph.Environment}: {target.Kind}'s provider reports no attribute {attribute}");
    }

    /// <summary>The AWS id each provider gives its resources (ObservedResource.AwsId).</summary>
    private static string AwsId(ResourceGraph graph, DesiredResource desired)
    {
        var name = Physical(graph, desired);
        var hex = Hex(graph.Environment + "/" + desired.LogicalId);
        return desired.Kind.Name switch
        {
            "vpc" => "vpc-" + hex,
            "subnet" => "subnet-" + hex,
            "internet-gateway" => "igw-" + hex,
            "elastic-ip" => "eipalloc-" + hex,
            "nat-gateway" => "nat-" + hex,
            "route-table" => "rtb-" + hex,
            "security-group" => "sg-" + hex,
            "instance" => "i-" + hex,
            "hosted-zone" => "/hostedzone/Z" + hex[..13].ToUpperInvariant(),
            "certificate" => $"arn:aws:acm:{Region}:{Account}:certificate/{Uuid(hex)}",
            "ecs-cluster" => $"arn:aws:ecs:{Region}:{Account}:cluster/{name}",
            "ecs-service" => $"arn:aws:ecs:{Region}:{Account}:service/{graph.Environment}-app/{name}",
            "task-definition" => $"arn:aws:ecs:{Region}:{Account}:task-definition/{name}:1",
            "target-group" => $"arn:aws:elasticloadbalancing:{Region}:{Account}:targetgroup/{name}/{hex[..16]}",
            "load-balancer" => $"arn:aws:elasticloadbalancing:{Region}:{Account}:loadbalancer/app/{name}/{hex[..16]}",
            "listener" => $"arn:aws:elasticloadbalancing:{Region}:{Account}:listener/app/{graph.Environment}-web/{hex[..16]}/{Hex(hex)[..16]}",
            "dns-record" => $"/hostedzone/Z{hex[..13].ToUpperInvariant()}/{desired.Get("name") ?? name}/{desired.Get("type") ?? "A"}",
            "role-policy" => $"{References.Substitute(desired.Get("role") ?? name, k => graph.Find(k) is { } role ? AwsId(graph, role) : null)}/{desired.Get("name") ?? name}",
            // IAM roles and instance profiles, log groups, buckets, repositories, DB subnet groups and instances: by name.
            _ => Own(name),
        };
    }

    /// <summary>What each kind's provider puts in Attributes when it observes (the keys and the shapes of the values).</summary>
    private static IEnumerable<(string Key, string Value)> Attributes(ResourceGraph graph, DesiredResource desired, string id, SortedMap<FieldValue> properties)
    {
        var name = Physical(graph, desired);
        var hex = Hex(id);
        switch (desired.Kind.Name)
        {
            case "elastic-ip":
                yield return (ElasticIpKind.PublicIpAttribute, $"203.0.{Convert.ToInt32(hex[..2], 16)}.{Convert.ToInt32(hex[2..4], 16)}");
                yield return (ElasticIpKind.AssociationAttribute, "eipassoc-" + hex);
                break;
            case "nat-gateway":
            case "instance":
                yield return ("state", Own(desired.Kind.Name == "instance" ? "running" : "available"));
                if (desired.Kind.Name == "instance")
                {
                    yield return ("privateIp", $"10.0.{Convert.ToInt32(hex[..2], 16)}.{Convert.ToInt32(hex[2..4], 16)}");
                    yield return ("imageId", "ami-" + hex);
                }

                break;
            case "route-table":
                // One association id per associated subnet (DescribeRouteTables' Associations).
                foreach (var subnet in properties.TryGetValue("subnets", out var subnets) && subnets is SetValue set ? set.Items : [])
                {
                    yield return (RouteTableKind.AssociationPrefix + subnet, "rtbassoc-" + Hex(subnet));
                }

                break;
            case "iam-role":
            case "execution-role":
                yield return ("arn", $"arn:aws:iam::{Account}:role/{name}");
                yield return ("name", id); // RoleName: the id's own string
                break;
            case "instance-profile":
                yield return ("arn", $"arn:aws:iam::{Account}:instance-profile/{name}");
                yield return ("name", id);
                break;
            case "hosted-zone":
                yield return (HostedZoneKind.CreatedByAttribute, new string(graph.Environment.AsSpan()));
                break;
            case "certificate":
            case "target-group":
            case "listener":
            case "task-definition":
                // The provider passes the same member (CertificateArn, Arn, TaskDefinitionArn) as the id and the arn.
                yield return ("arn", id);
                if (desired.Kind.Name == "task-definition")
                {
                    yield return ("revision", Own("1"));
                }

                break;
            case "log-group":
                yield return ("name", id);
                yield return ("arn", $"arn:aws:logs:{Region}:{Account}:log-group:{name}:*");
                break;
            case "ecr-repository":
                yield return ("uri", $"{Account}.dkr.ecr.{Region}.amazonaws.com/{name}");
                yield return ("arn", $"arn:aws:ecr:{Region}:{Account}:repository/{name}");
                break;
            case "s3-bucket":
                yield return ("arn", "arn:aws:s3:::" + name);
                break;
            case "ecs-cluster":
                yield return ("arn", id);
                yield return ("name", new string(name.AsSpan()));
                break;
            case "db-subnet-group":
                yield return ("arn", $"arn:aws:rds:{Region}:{Account}:subgrp:{name}");
                yield return ("vpc", properties.TryGetValue("vpc", out var vpc) ? new string(vpc.Display.AsSpan()) : "vpc-" + hex);
                break;
            case "db-instance":
                yield return ("arn", $"arn:aws:rds:{Region}:{Account}:db:{name}");
                yield return ("status", Own("available"));
                yield return ("engineVersion", Own(desired.Get(DbInstanceKind.EngineVersion) ?? "16.4"));
                yield return ("address", $"{name}.c{hex[..11]}.{Region}.rds.amazonaws.com");
                yield return ("port", Own(desired.Get("port") ?? "5432"));
                yield return ("secretArn", $"arn:aws:secretsmanager:{Region}:{Account}:secret:rds!db-{Uuid(hex)}-{hex[..6]}");
                yield return ("name", Own(desired.Get(DbInstanceKind.DatabaseName) ?? "app"));
                yield return ("username", Own(desired.Get(DbInstanceKind.MasterUsername) ?? "app"));
                break;
            case "load-balancer":
                yield return ("arn", id);
                yield return (LoadBalancerKind.DnsNameAttribute, $"{name}-{Convert.ToInt64(hex[..8], 16)}.{Region}.elb.amazonaws.com");
                yield return (LoadBalancerKind.CanonicalHostedZoneIdAttribute, Own("Z14GRHDCWA56QT"));
                yield return (LoadBalancerKind.StateAttribute, Own("active"));
                break;
            case "ecs-service":
                yield return ("arn", id);
                yield return ("status", Own("ACTIVE"));
                yield return ("rolloutState", Own("COMPLETED"));
                yield return ("rolloutStateReason", Own($"ECS deployment ecs-svc/{Convert.ToInt64(hex[..15], 16)} completed."));
                yield return ("rolloutTaskDefinition", properties.TryGetValue("taskDefinition", out var td) ? new string(td.Display.AsSpan()) : id);
                break;
            default:
                // vpc, subnet, internet-gateway, security-group, dns-record, role-policy: none.
                break;
        }
    }

    /// <summary>The resource's name in AWS where the graph gives one (<c>name</c>), else one made of the environment and the logical name.</summary>
    private static string Physical(ResourceGraph graph, DesiredResource desired) =>
        desired.Get("name") is { } name && !References.MayHold(name) ? name : $"{graph.Environment}-{desired.Name.Replace('/', '-')}";

    /// <summary>A string of its own, as the SDK reads each answer's values.</summary>
    private static string Own(string value) => new(value.AsSpan());

    /// <summary>17 hex digits from a stable hash of <paramref name="seed"/> (FNV-1a, 64 bits), as EC2's ids have.</summary>
    private static string Hex(string seed)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in seed)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (hash.ToString("x16", CultureInfo.InvariantCulture) + (hash % 16).ToString("x", CultureInfo.InvariantCulture))[..17];
    }

    private static string Uuid(string hex) => $"{hex[..8]}-{hex[8..12]}-4{hex[12..15]}-8{hex[15..17]}0-{hex[..12]}";
}
