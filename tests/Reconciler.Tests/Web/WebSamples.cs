using System.Collections.Immutable;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Web;

namespace Reconciler.Tests.Web;

/// <summary>Small plans and nodes for the dashboard's unit tests: a VPC and a security group whose ingress drifted.</summary>
internal static class WebSamples
{
    public const string Environment = "web-unit";

    public static PlanStep Vpc { get; } = new(PlanAction.NoOp, ResourceKinds.Vpc, "vpc/main",
        new DesiredResource(ResourceKinds.Vpc, "main", Props(("cidr", FieldValue.Of("10.0.0.0/16"))), [], Tags()),
        new ObservedResource(ResourceKinds.Vpc, "vpc/main", Environment, "vpc-1", Props(("cidr", FieldValue.Of("10.0.0.0/16"))), Tags(), Tags()),
        [], "in sync");

    /// <summary>The group's ingress opened to 3306 by hand: an update of one field.</summary>
    public static PlanStep DriftedGroup { get; } = new(PlanAction.Update, ResourceKinds.SecurityGroup, "security-group/web",
        new DesiredResource(ResourceKinds.SecurityGroup, "web", Props(("ingress", FieldValue.SetOf(["tcp:443"])), ("vpc", FieldValue.Of("${vpc/main}"))), ["vpc/main"], Tags()),
        new ObservedResource(ResourceKinds.SecurityGroup, "security-group/web", Environment, "sg-1",
            Props(("ingress", FieldValue.SetOf(["tcp:3306", "tcp:443"])), ("vpc", FieldValue.Of("vpc-1"))), Tags(), Tags()),
        [new FieldChange("ingress", "[tcp:443]", "[tcp:3306, tcp:443]", false, Removed: ["tcp:3306"])], "fields differ: ingress");

    public static Plan DriftedPlan { get; } = new(Environment, [Vpc, DriftedGroup]);

    public static NodeView Node(string id, params string[] dependsOn) =>
        new(id, id.Split('/')[0], 10, null, NodeState.InSync, null, dependsOn, []);

    private static ImmutableSortedDictionary<string, FieldValue> Props(params (string Key, FieldValue Value)[] values) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, values.Select(v => KeyValuePair.Create(v.Key, v.Value)));

    private static ImmutableSortedDictionary<string, string> Tags() => ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);
}
