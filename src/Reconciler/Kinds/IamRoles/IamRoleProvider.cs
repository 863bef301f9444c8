using System.Collections.Immutable;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;
using Reconciler.Providers.Iam;
using K = Reconciler.Model.Kinds.IamRoleKind;

namespace Reconciler.Kinds;

/// <summary>
/// Shared IAM roles used by name (the ECS task execution role): adopted if they exist, created otherwise, with the
/// trust and the managed policies the spec needs, additively (see <see cref="SharedRoles"/>). The AWS id is the role's
/// name; <c>arn</c> is what task definitions refer to. IAM is global: the region is irrelevant.
/// </summary>
internal sealed class IamRoleProvider(SharedRoles roles) : IResourceProvider
{
    public ResourceKind Kind => K.Kind;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var result = new List<ObservedResource>();
        foreach (var (name, principal, policies) in SharedRoles.Wanted(desired))
        {
            if (await roles.FindRole(name, ct).ConfigureAwait(false) is not { } role)
            {
                continue;
            }

            var properties = await roles.Properties(role, principal, policies, ct).ConfigureAwait(false);
            properties.Add((K.Name, FieldValue.Of(role.RoleName)));
            result.AddRange(SharedRoles.ForEach(environments, Kind, name, role.RoleName, role.Tags, properties, [("arn", role.Arn), ("name", role.RoleName)]));
        }

        return result;
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var role = await roles.EnsureRole(desired.Get(K.Name), desired.Get(K.AssumeRolePolicy), desired.Set(K.ManagedPolicies), ct).ConfigureAwait(false);
        return new CreatedResource(role.RoleName, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
            [KeyValuePair.Create("arn", role.Arn), KeyValuePair.Create("name", role.RoleName)]));
    }

    /// <summary>The changes can only be a missing trust or missing policies: both are added, nothing is removed.</summary>
    public Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct) =>
        roles.EnsureRole(actual.AwsId, desired.Get(K.AssumeRolePolicy), desired.Set(K.ManagedPolicies), ct);

    public Task DeleteAsync(ObservedResource actual, CancellationToken ct) => throw SharedRoles.NeverDeleted(actual);
}
