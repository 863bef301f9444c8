using Reconciler.Model.Graph;

namespace Reconciler.Providers;

/// <summary>
/// A create refused because its name is taken (InvalidGroup.Duplicate, DuplicateLoadBalancerName,
/// DBInstanceAlreadyExists, RepositoryAlreadyExistsException...) by a resource that is not this one: untagged (made by
/// hand or another tool) or another environment's. Terminal: retrying cannot free the name. The one place that words
/// it, so every kind says the same: what holds the name (its id, when a lookup found it), and the two ways out.
/// </summary>
internal sealed class NameTakenException(string message, Exception inner) : InvalidOperationException(message, inner)
{
    /// <param name="what">The taken name as a person reads it: "security group web-sg in vpc-123".</param>
    /// <param name="foundId">The id of the resource holding the name, null when the lookup did not find it.</param>
    /// <param name="foundTags">Its tags, null when not read.</param>
    /// <param name="desiredTags">The tags this resource would carry (its ownership tags among them).</param>
    public static NameTakenException For(string what, string? foundId, IReadOnlyDictionary<string, string>? foundTags, IReadOnlyDictionary<string, string> desiredTags, Exception inner)
    {
        var environment = desiredTags.GetValueOrDefault(Ownership.EnvironmentTag) ?? string.Empty;
        var logicalId = desiredTags.GetValueOrDefault(Ownership.LogicalIdTag) ?? string.Empty;
        var id = foundId is { Length: > 0 } ? $" ({foundId})" : string.Empty;
        var owner = foundTags?.GetValueOrDefault(Ownership.EnvironmentTag);
        var message = owner is { Length: > 0 }
            ? $"{what} is taken by {foundTags!.GetValueOrDefault(Ownership.LogicalIdTag) ?? "a resource"} of environment {owner}{id}: " +
              "it is never adopted or changed; rename this resource in the spec"
            : foundId is { Length: > 0 }
                ? $"{what} is taken by an untagged resource{id}, made outside this reconciler: it is never adopted or changed. " +
                  $"Rename this resource in the spec, or import the existing one by adding the tags {Ownership.EnvironmentTag}={environment} and " +
                  $"{Ownership.LogicalIdTag}={logicalId} to it (the next apply adopts it)"
                : $"{what} is taken by a resource this reconciler does not own (AWS answered {Code(inner)}; it was not found again to name it): " +
                  "rename this resource in the spec, or import the existing one by adding this resource's ownership tags to it";
        return new NameTakenException(message, inner);
    }

    private static string Code(Exception inner) => inner is Aws.AwsCallException call ? call.Error.Code : inner.GetType().Name;
}
