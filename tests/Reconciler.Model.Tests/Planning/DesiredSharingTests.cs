using Reconciler.Model.Graph;
using Reconciler.Model.Loading;
using Reconciler.Model.Planning;
using static Reconciler.Model.Tests.TestSpecs;

namespace Reconciler.Model.Tests.Planning;

/// <summary>
/// An observed resource sharing the values it has in common with its desired resource (issue 14, fourth round): the
/// equal ones become the desired instances, the others stay, and a plan sees exactly what it saw before.
/// </summary>
public sealed class DesiredSharingTests
{
    private static readonly Lazy<ResourceGraph> SampleGraph = new(() =>
    {
        var spec = SpecLoader.LoadFile(SamplePath);
        Assert.True(spec.IsValid, string.Join("\n", spec.Diagnostics));
        return GraphBuilder.Build(spec.Document!).Graph!;
    });

    private static ResourceGraph Graph => SampleGraph.Value;

    [Fact]
    public void Share_Should_HoldTheDesiredTagsIdsAndConstantProperties_When_TheResourceIsInSync()
    {
        var shared = DesiredSharing.Share(AsRead(Graph), [Graph]);

        Assert.Equal(Graph.Resources.Count, shared.Count);
        foreach (var (observed, desired) in shared.Zip(Graph.Resources))
        {
            Assert.Same(desired.Tags, observed.Tags);
            Assert.Same(desired.LogicalId, observed.LogicalId);
            Assert.Same(Graph.Environment, observed.Environment);
            foreach (var (field, value) in observed.Properties)
            {
                // A value without references is the desired instance; a resolved one (an AWS id) stays as read.
                Assert.Equal(!References.MayHold(desired.Properties[field].Display), ReferenceEquals(desired.Properties[field], value));
            }
        }

        var vpc = shared.Single(r => r.LogicalId == "vpc/main");
        Assert.Same(Graph.Find("vpc/main")!.Properties, vpc.Properties);
        Assert.Equal("id-vpc-main", vpc.AwsId);
    }

    [Fact]
    public void Share_Should_KeepTheObservedValues_When_TheyDifferFromTheDesiredOnes()
    {
        var read = AsRead(Graph);
        var vpc = read.Single(r => r.LogicalId == "vpc/main");
        var edited = vpc with
        {
            Tags = vpc.Tags.SetItem("team", "someone-else").SetItem("extra", "by hand"),
            Properties = vpc.Properties.SetItem("cidr", FieldValue.Of("10.99.0.0/16")),
        };

        var shared = DesiredSharing.Share(edited, Graph.Find("vpc/main")!, Graph.Environment);

        Assert.Equal(edited.Tags, shared.Tags);
        Assert.Equal(edited.Properties, shared.Properties);
        Assert.Equal("someone-else", shared.Tags["team"]);
        Assert.Equal("by hand", shared.Tags["extra"]);
        Assert.Same(Graph.Find("vpc/main")!.Tags[Ownership.NameTag], shared.Tags[Ownership.NameTag]);
        Assert.Equal("10.99.0.0/16", shared.Get("cidr"));
    }

    [Fact]
    public void Plan_Should_BeTheSame_When_TheObservationSharesTheDesiredValues()
    {
        var read = AsRead(Graph).ToList();
        var subnet = read.FindIndex(r => r.LogicalId == "subnet/public-a");
        read[subnet] = read[subnet] with { Tags = read[subnet].Tags.SetItem(Ownership.EnvironmentTag, Graph.Environment).SetItem("team", "drifted") };
        var group = read.FindIndex(r => r.LogicalId == "security-group/web");
        read[group] = read[group] with { Properties = read[group].Properties.SetItem("description", FieldValue.Of("changed by hand")) };
        var kinds = ResourceKinds.All.ToHashSet();
        var options = new PlanOptions(Prune: true);

        var before = Planner.Plan(Graph, new ObservedState(read, kinds), options);
        var after = Planner.Plan(Graph, new ObservedState(DesiredSharing.Share(read, [Graph]), kinds), options);

        Assert.True(before.HasChanges);
        Assert.Equal(Describe(before), Describe(after));
    }

    private static IEnumerable<string> Describe(Plan plan) => plan.Steps.Select(s =>
        $"{s.LogicalId} {s.Action} {s.Reason} {s.AwsId} [{string.Join("; ", s.Changes.Select(c => $"{c.Path}: {c.Desired} <- {c.Actual}"))}] " +
        $"{s.Observed?.Properties} {s.Observed?.Tags}");

    /// <summary>The graph observed in sync, as a provider reads it: strings and maps of its own, references resolved to fake ids.</summary>
    private static List<ObservedResource> AsRead(ResourceGraph graph) =>
    [
        .. graph.Resources.Select(d => new ObservedResource(
            d.Kind,
            new string(d.LogicalId.AsSpan()),
            new string(graph.Environment.AsSpan()),
            "id-" + d.LogicalId.Replace('/', '-'),
            SortedMap<FieldValue>.CreateRange(Planner.ResolveAll(d, Resolve).Select(p => KeyValuePair.Create(p.Key, p.Value is ScalarValue s ? new ScalarValue(new string(s.Value.AsSpan())) : p.Value))),
            SortedMap<string>.CreateRange(d.Tags.Select(t => KeyValuePair.Create(new string(t.Key.AsSpan()), new string(t.Value.AsSpan())))),
            SortedMap<string>.CreateRange([KeyValuePair.Create("arn", "arn:" + d.LogicalId), KeyValuePair.Create("dnsName", d.LogicalId + ".example"), KeyValuePair.Create("canonicalHostedZoneId", "Z1"), KeyValuePair.Create("uri", "uri/" + d.LogicalId), KeyValuePair.Create("name", d.Name), KeyValuePair.Create("address", "db.example"), KeyValuePair.Create("port", "5432"), KeyValuePair.Create("secretArn", "arn:secret"), KeyValuePair.Create("username", "app")]))),
    ];

    private static string? Resolve(string key) => key.Contains('#', StringComparison.Ordinal) ? null : "id-" + key.Replace('/', '-');
}
