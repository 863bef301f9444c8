using System.Collections.Immutable;

namespace Reconciler.Providers;

/// <summary>What a create returns: the AWS id, and attributes that other resources refer to.</summary>
internal sealed record CreatedResource(string AwsId, ImmutableSortedDictionary<string, string> Attributes)
{
    public CreatedResource(string awsId)
        : this(awsId, ImmutableSortedDictionary<string, string>.Empty)
    {
    }
}
