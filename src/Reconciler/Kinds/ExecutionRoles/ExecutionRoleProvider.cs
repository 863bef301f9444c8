using Reconciler.Aws;
using Reconciler.Aws.Iam;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Model.Spec;
using Reconciler.Providers;
using Reconciler.Providers.Iam;
using Reconciler.Providers.Observation;
using K = Reconciler.Model.Kinds.ExecutionRoleKind;

namespace Reconciler.Kinds;

/// <summary>
/// An environment's own task execution role, <c>&lt;environment&gt;-execution</c> (<c>executionRole: { own: true }</c>).
/// Unlike the shared roles (<see cref="SharedRoles"/>) it is the environment's: created with the ownership tags in the
/// CreateRole call itself (no untagged role if the answer is lost), converged exactly (trust, managed policies), and
/// deleted with the environment, only when its tags say it is this environment's.
/// <para>
/// Found by name, since IAM has no tag filter and the Tagging API does not list IAM roles: GetRole on the roles the
/// environments' nodes name and, as for the secrets policy, on the role a live task definition of the environment
/// still names when that is the environment's own role's name (a spec that went back to a shared role leaves it
/// behind: it is then a leftover, pruned like any other). In the steady state that costs no read beyond the nodes'
/// own, and a rotating shared observation reuses the last read (<see cref="DetailMemory{T}"/>). A role of that name
/// without this environment's tags is not observed: the create then reports the name as taken, and never touches it.
/// </para>
/// </summary>
internal sealed class ExecutionRoleProvider(IIamApi iam) : IObservesAfterOthers
{
    /// <summary>At most this many roles read at once.</summary>
    private const int ConcurrentReads = 4;

    private readonly DetailMemory<ExecutionRoleRead> _reads = new();

    public ResourceKind Kind => K.Kind;

    private static string LogicalId => GraphContext.LogicalId(K.Kind, K.NodeName);

    public Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct) =>
        ObserveAfterAsync(environments, desired, [], ct);

    public async Task<IReadOnlyList<ObservedResource>> ObserveAfterAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired,
        IReadOnlyList<ObservedResource> others, CancellationToken ct)
    {
        var candidates = new HashSet<(string Environment, string Name)>();
        foreach (var node in desired)
        {
            if (node.Tags.TryGetValue(Ownership.EnvironmentTag, out var environment) && environments.Contains(environment) && node.Get(K.Name) is { } name)
            {
                candidates.Add((environment, name));
            }
        }

        foreach (var td in others.Where(o => o.Kind == ResourceKinds.TaskDefinition && environments.Contains(o.Environment)))
        {
            if (RolePolicyProvider.RoleName(td.Get(TaskDefinitionKind.ExecutionRole)) is { } role && role == PhysicalNames.For(td.Environment, K.NodeName))
            {
                candidates.Add((td.Environment, role));
            }
        }

        using var gate = new SemaphoreSlim(ConcurrentReads);
        var reads = await Task.WhenAll(candidates.Select(async c =>
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                return (Candidate: c, Read: await _reads.GetAsync(c.Name, c.Environment, () => ReadAsync(c.Name, ct)).ConfigureAwait(false));
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);

        _reads.Keep(environments, candidates.Select(c => c.Name));
        var result = new List<ObservedResource>();
        foreach (var (candidate, read) in reads)
        {
            if (read.Role is { } role && IsOurs(role.Tags, candidate.Environment) && Observed(role, read.Attached) is { } observed)
            {
                result.Add(observed);
            }
        }

        return result;
    }

    /// <summary>Ours: this environment's tag and this kind's logical id. Anything else by that name is never touched.</summary>
    private static bool IsOurs(IReadOnlyDictionary<string, string> tags, string environment) =>
        tags.GetValueOrDefault(Ownership.EnvironmentTag) == environment && tags.GetValueOrDefault(Ownership.LogicalIdTag) == LogicalId;

    private ObservedResource? Observed(Role role, IReadOnlyList<string> attached) =>
        TaggedResources.Observed(Kind, role.RoleName, role.Tags,
        [
            (K.Name, FieldValue.Of(role.RoleName)),
            (K.AssumeRolePolicy, FieldValue.Of(string.Join(',', SharedRoles.TrustedServices(role.AssumeRolePolicyDocument).Order(StringComparer.Ordinal)))),
            (K.ManagedPolicies, FieldValue.SetOf(attached)),
        ],
        [("arn", role.Arn), ("name", role.RoleName)]);

    private async Task<ExecutionRoleRead> ReadAsync(string name, CancellationToken ct)
    {
        var role = await FindAsync(name, ct).ConfigureAwait(false);
        if (role is null || !role.Tags.ContainsKey(Ownership.EnvironmentTag))
        {
            return new ExecutionRoleRead(role, []);
        }

        var attached = await iam.ListAttachedRolePoliciesAsync(new ListAttachedRolePoliciesRequest(name), ct).ConfigureAwait(false);
        return new ExecutionRoleRead(role, [.. attached.Select(p => p.PolicyArn)]);
    }

    private async Task<Role?> FindAsync(string name, CancellationToken ct)
    {
        try
        {
            return await iam.GetRoleAsync(new GetRoleRequest(name), ct).ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (ex.Error.Code == "NoSuchEntity")
        {
            return null;
        }
    }

    /// <summary>
    /// CreateRole with the ownership tags (CreateRole's Tags: "a list of tags that you want to attach to the new role",
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html); a role of that name that is already
    /// this one's (a lost answer) is adopted, anyone else's reported as taken. Then the managed policies.
    /// </summary>
    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var name = desired.Get(K.Name);
        var environment = desired.Tags.GetValueOrDefault(Ownership.EnvironmentTag) ?? string.Empty;
        _reads.Forget(name);
        var role = await TaggedResources.CreateOrAdoptAsync(
            () => iam.CreateRoleAsync(new CreateRoleRequest(name, SharedRoles.TrustPolicy(desired.Get(K.AssumeRolePolicy)),
                $"Created by reconciler: the task execution role of environment {environment}", desired.Tags), ct),
            async () => await FindAsync(name, ct).ConfigureAwait(false) is { } found ? (found, found.Tags) : null,
            r => r.Arn, desired.Tags, $"the IAM role name {name}", "EntityAlreadyExists").ConfigureAwait(false);

        var attached = await iam.ListAttachedRolePoliciesAsync(new ListAttachedRolePoliciesRequest(name), ct).ConfigureAwait(false);
        await SetPoliciesAsync(name, desired.Set(K.ManagedPolicies), [.. attached.Select(p => p.PolicyArn)], ct).ConfigureAwait(false);
        return new CreatedResource(name, TaggedResources.Attributes(("arn", role.Arn), ("name", name)));
    }

    /// <summary>The role is ours: its trust is rewritten, and its managed policies made exactly the desired ones.</summary>
    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        var name = actual.AwsId;
        _reads.Forget(name);
        if (changes.Any(c => c.Path == K.AssumeRolePolicy))
        {
            await iam.UpdateAssumeRolePolicyAsync(new UpdateAssumeRolePolicyRequest(name, SharedRoles.TrustPolicy(desired.Get(K.AssumeRolePolicy))), ct).ConfigureAwait(false);
        }

        if (changes.Any(c => c.Path == K.ManagedPolicies))
        {
            await SetPoliciesAsync(name, desired.Set(K.ManagedPolicies), actual.SetOf(K.ManagedPolicies), ct).ConfigureAwait(false);
        }

        var tags = TaggedResources.ChangedTags(desired.Tags, changes);
        if (tags.Count > 0)
        {
            await iam.TagRoleAsync(new TagRoleRequest(name, tags), ct).ConfigureAwait(false);
        }
    }

    private async Task SetPoliciesAsync(string name, IReadOnlyCollection<string> desired, IReadOnlyCollection<string> attached, CancellationToken ct)
    {
        foreach (var policy in desired.Except(attached, StringComparer.Ordinal))
        {
            await iam.AttachRolePolicyAsync(new AttachRolePolicyRequest(name, policy), ct).ConfigureAwait(false);
        }

        foreach (var policy in attached.Except(desired, StringComparer.Ordinal))
        {
            await TaggedResources.DeleteAsync(() => iam.DetachRolePolicyAsync(new DetachRolePolicyRequest(name, policy), ct), "NoSuchEntity").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// DeleteRole refuses a role that still has things attached: "Before attempting to delete a role, remove the
    /// following attached items: Inline policies (DeleteRolePolicy), Attached managed policies (DetachRolePolicy),
    /// Instance profile (RemoveRoleFromInstanceProfile)" (IAM API reference, DeleteRole,
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html). So the managed policies are detached
    /// and the inline policies (the environment's secrets policy, whatever else was put on this role of ours) deleted
    /// first. We never put the role in an instance profile: if someone did, DeleteConflict is reported as it comes.
    /// Only called for a role observed with this environment's tags.
    /// </summary>
    public async Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        var name = actual.AwsId;
        _reads.Forget(name);
        try
        {
            foreach (var policy in await iam.ListAttachedRolePoliciesAsync(new ListAttachedRolePoliciesRequest(name), ct).ConfigureAwait(false))
            {
                await TaggedResources.DeleteAsync(() => iam.DetachRolePolicyAsync(new DetachRolePolicyRequest(name, policy.PolicyArn), ct), "NoSuchEntity").ConfigureAwait(false);
            }

            foreach (var policy in await iam.ListRolePoliciesAsync(new ListRolePoliciesRequest(name), ct).ConfigureAwait(false))
            {
                await TaggedResources.DeleteAsync(() => iam.DeleteRolePolicyAsync(new DeleteRolePolicyRequest(name, policy), ct), "NoSuchEntity").ConfigureAwait(false);
            }
        }
        catch (AwsCallException ex) when (ex.Error.Code == "NoSuchEntity")
        {
            return; // already gone: what a delete wants
        }

        await TaggedResources.DeleteAsync(() => iam.DeleteRoleAsync(new DeleteRoleRequest(name), ct), "NoSuchEntity").ConfigureAwait(false);
    }
}
