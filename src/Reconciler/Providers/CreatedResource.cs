using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Providers;

/// <summary>What a create returns: the AWS id, attributes that other resources refer to, and whether it is usable yet.</summary>
internal sealed record CreatedResource(string AwsId, SortedMap<string> Attributes)
{
    public CreatedResource(string awsId)
        : this(awsId, SortedMap<string>.Empty)
    {
    }

    /// <summary>As for an observed resource: dependents of a resource that is not ready yet wait for it.</summary>
    public Readiness Readiness { get; init; } = Readiness.Ready;
}
