using System.Collections.Immutable;
using Reconciler.Aws;
using Reconciler.Aws.Iam;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;
using Reconciler.Providers.Iam;
using K = Reconciler.Model.Kinds.InstanceProfileKind;

namespace Reconciler.Kinds;

/// <summary>
/// Shared EC2 instance profiles used by name (<c>ecsInstanceRole</c>): the profile, and in it a role of the same name
/// trusting EC2 with the managed policies the spec needs. A profile that exists with another role keeps it: that
/// role is checked and completed instead (additively, see <see cref="SharedRoles"/>). The AWS id is the profile's
/// NAME, which is what EC2 instances refer to (<c>${instance-profile/&lt;name&gt;}</c>); attributes: <c>arn</c>, <c>name</c>.
/// </summary>
internal sealed class InstanceProfileProvider(SharedRoles roles) : IResourceProvider
{
    public ResourceKind Kind => K.Kind;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var result = new List<ObservedResource>();
        foreach (var (name, principal, policies) in SharedRoles.Wanted(desired))
        {
            if (await roles.FindProfile(name, ct).ConfigureAwait(false) is not { } profile)
            {
                continue;
            }

            // A profile without a role is reported without the role's fields: the update then adds the role.
            List<(string, FieldValue)> properties = profile.Roles.Count == 0
                ? []
                : await roles.Properties(profile.Roles[0], principal, policies, ct).ConfigureAwait(false);
            properties.Add((K.Name, FieldValue.Of(profile.InstanceProfileName)));
            result.AddRange(SharedRoles.ForEach(environments, Kind, name, profile.InstanceProfileName, profile.Tags, properties,
                [("arn", profile.Arn), ("name", profile.InstanceProfileName)]));
        }

        return result;
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var profile = await Ensure(desired, ct).ConfigureAwait(false);
        return new CreatedResource(profile.InstanceProfileName, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
            [KeyValuePair.Create("arn", profile.Arn), KeyValuePair.Create("name", profile.InstanceProfileName)]));
    }

    /// <summary>The changes can only be a missing role, trust or policies: all are added, nothing is removed.</summary>
    public Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct) =>
        Ensure(desired, ct);

    private async Task<InstanceProfile> Ensure(ResolvedResource desired, CancellationToken ct)
    {
        var name = desired.Get(K.Name);
        var profile = await roles.FindProfile(name, ct).ConfigureAwait(false);
        if (profile is null)
        {
            try
            {
                profile = await roles.Iam.CreateInstanceProfileAsync(new CreateInstanceProfileRequest(name, SharedRoles.CreationTags), ct).ConfigureAwait(false);
            }
            catch (AwsCallException ex) when (ex.Error.Code == "EntityAlreadyExists")
            {
                profile = await roles.Iam.GetInstanceProfileAsync(new GetInstanceProfileRequest(name), ct).ConfigureAwait(false);
            }
        }

        var roleName = profile.Roles.Count > 0 ? profile.Roles[0].RoleName : name;
        await roles.EnsureRole(roleName, desired.Get(K.AssumeRolePolicy), desired.Set(K.ManagedPolicies), ct).ConfigureAwait(false);
        if (profile.Roles.Count == 0)
        {
            try
            {
                await roles.Iam.AddRoleToInstanceProfileAsync(new AddRoleToInstanceProfileRequest(name, roleName), ct).ConfigureAwait(false);
            }
            catch (AwsCallException ex) when (ex.Error.Code == "LimitExceeded")
            {
                // The profile's one role slot was filled meanwhile: by another environment ensuring the same shared
                // profile, or by this call's first attempt whose answer was lost. Done if it holds the role wanted.
                var now = await roles.Iam.GetInstanceProfileAsync(new GetInstanceProfileRequest(name), ct).ConfigureAwait(false);
                if (!now.Roles.Any(r => r.RoleName == roleName))
                {
                    throw;
                }
            }
        }

        return profile;
    }

    public Task DeleteAsync(ObservedResource actual, CancellationToken ct) => throw SharedRoles.NeverDeleted(actual);
}
