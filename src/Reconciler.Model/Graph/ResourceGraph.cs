using Reconciler.Model.Spec;

namespace Reconciler.Model.Graph;

/// <summary>The desired resources of one environment, in an order where every resource follows what it depends on.</summary>
internal sealed record ResourceGraph(string Environment, string Region, IReadOnlyList<DesiredResource> Resources)
{
    /// <summary>The account the environment lives in and how to reach it (<c>spec.account</c>; null: the caller's own).</summary>
    public AccountSpec? Account { get; init; }

    /// <summary>Where its calls go and with which credentials.</summary>
    public AwsTarget Target => AwsTarget.Of(Environment, Region, Account);

    public DesiredResource? Find(string logicalId) => Resources.FirstOrDefault(r => r.LogicalId == logicalId);
}
