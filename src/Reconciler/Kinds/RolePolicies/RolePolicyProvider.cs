using Reconciler.Aws;
using Reconciler.Aws.Iam;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers.Observation;
using Reconciler.Providers;
using K = Reconciler.Model.Kinds.RolePolicyKind;

namespace Reconciler.Kinds;

/// <summary>
/// The inline policy <c>reconciler-&lt;environment&gt;-secrets</c> on an execution role (see <see cref="SecretsPolicyDocument"/>).
/// Inline policies cannot be tagged: the environment owns the policy of that name, and only it. Every call names the
/// role and this policy (PutRolePolicy adds or replaces one policy by name; DeleteRolePolicy deletes one by name), so
/// the role's managed policies and other inline policies, other environments' included, are never touched.
/// Found by name (GetRolePolicy per desired node, and per execution role a live task definition of the environment
/// names), as shared roles are. A policy found there that no node wants any more (the spec stopped naming secrets,
/// dropped the task definition or moved it to another role) is a leftover, planned like any other: deleted when the
/// environment prunes, reported as an orphan when it does not. Not unconditionally, although it is a grant: a service
/// the environment leaves in place (not pruned) may still run a revision that reads those secrets at its next task
/// start, and deleting the grant under it would break it; the orphan step says the grant is still there.
/// That read is per environment (no listing or tag finds an inline policy); an observation that does not read an
/// environment in detail reuses the document last read (<see cref="DetailMemory{T}"/>). The AWS id is <c>ROLE/POLICY</c>.
/// </summary>
internal sealed class RolePolicyProvider(IIamApi iam) : IObservesAfterOthers
{
    /// <summary>At most this many GetRolePolicy calls at once: one per execution role of the environments observed.</summary>
    private const int ConcurrentReads = 4;

    /// <summary>The document last read per AWS id; the empty string when the policy was not there.</summary>
    private readonly DetailMemory<string> _documents = new();

    public ResourceKind Kind => K.Kind;

    public Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct) =>
        ObserveAfterAsync(environments, desired, [], ct);

    /// <summary>
    /// Looks on the roles the specs' policy nodes name and, besides, on the execution roles the environment's live task
    /// definitions name (<paramref name="others"/>): that is where a policy is left behind when a spec stops naming
    /// secrets, drops the task definition or moves it to another role. Found there and wanted by no node, it is a
    /// leftover the planner prunes like any other (see the class comment). In the steady state those roles are the
    /// nodes' own, so this costs no extra read; only a task definition whose role has no node adds one GetRolePolicy.
    /// </summary>
    public async Task<IReadOnlyList<ObservedResource>> ObserveAfterAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired,
        IReadOnlyList<ObservedResource> others, CancellationToken ct)
    {
        var candidates = new List<(string Environment, string Role, string LogicalId)>();
        foreach (var node in desired)
        {
            if (node.Tags.TryGetValue(Ownership.EnvironmentTag, out var environment) && environments.Contains(environment))
            {
                candidates.Add((environment, node.Name, node.LogicalId));
            }
        }

        foreach (var td in others.Where(o => o.Kind == ResourceKinds.TaskDefinition && environments.Contains(o.Environment)))
        {
            if (RoleName(td.Get(TaskDefinitionKind.ExecutionRole)) is { } role && !candidates.Any(c => c.Environment == td.Environment && c.Role == role))
            {
                candidates.Add((td.Environment, role, GraphContext.LogicalId(K.Kind, role)));
            }
        }

        // The reads are independent (one policy each), so a few run at once; the answers keep the candidates' order.
        using var gate = new SemaphoreSlim(ConcurrentReads);
        var read = await Task.WhenAll(candidates.Select(async c =>
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                return (Candidate: c, Document: await ReadOrRememberAsync(c.Environment, c.Role, ct).ConfigureAwait(false));
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);

        _documents.Keep(environments, candidates.Select(c => Id(c.Role, K.PolicyName(c.Environment))));
        return read.Where(r => r.Document.Length > 0)
            .Select(r => Observed(r.Candidate.Environment, r.Candidate.Role, r.Candidate.LogicalId, r.Document))
            .ToList();
    }

    private Task<string> ReadOrRememberAsync(string environment, string role, CancellationToken ct)
    {
        var name = K.PolicyName(environment);
        return _documents.GetAsync(Id(role, name), environment, () => ReadAsync(role, name, ct));
    }

    private ObservedResource Observed(string environment, string role, string logicalId, string document) =>
        new(Kind, logicalId, environment, Id(role, K.PolicyName(environment)),
            SortedMap<FieldValue>.CreateRange(
            [
                KeyValuePair.Create(K.Role, FieldValue.Of(role)),
                KeyValuePair.Create(K.Name, FieldValue.Of(K.PolicyName(environment))),
                KeyValuePair.Create(K.Secrets, FieldValue.SetOf(SecretsPolicyDocument.Resources(document, SecretsPolicyDocument.ReadSecrets))),
                KeyValuePair.Create(K.Parameters, FieldValue.SetOf(SecretsPolicyDocument.Resources(document, SecretsPolicyDocument.ReadParameters))),
            ]),
            // The two ownership "tags" it has through its name, as the planner compares them.
            SortedMap<string>.CreateRange(
            [
                KeyValuePair.Create(Ownership.EnvironmentTag, environment),
                KeyValuePair.Create(Ownership.LogicalIdTag, logicalId),
            ]),
            SortedMap<string>.Empty);

    /// <summary>The AWS id of an inline policy: <c>ROLE/POLICY</c>.</summary>
    private static string Id(string role, string policy) => $"{role}/{policy}";

    /// <summary>The role's name from a task definition's executionRole (a name or <c>arn:aws:iam::ACCOUNT:role/PATH/NAME</c>); null when none.</summary>
    internal static string? RoleName(string? nameOrArn) =>
        string.IsNullOrEmpty(nameOrArn) ? null : RoleNames.FromNameOrArn(nameOrArn);

    private async Task<string> ReadAsync(string role, string name, CancellationToken ct)
    {
        try
        {
            return (await iam.GetRolePolicyAsync(new GetRolePolicyRequest(role, name), ct).ConfigureAwait(false)).PolicyDocument;
        }
        catch (AwsCallException ex) when (ex.Error.Code == "NoSuchEntity")
        {
            return string.Empty;
        }
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        await PutAsync(desired, ct).ConfigureAwait(false);
        return new CreatedResource(Id(desired.Get(K.Role), desired.Get(K.Name)));
    }

    public Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct) =>
        PutAsync(desired, ct);

    public async Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        var role = actual.Get(K.Role) ?? throw new InvalidOperationException($"{actual.LogicalId} has no role");
        var name = actual.Get(K.Name) ?? throw new InvalidOperationException($"{actual.LogicalId} has no name");
        _documents.Forget(actual.AwsId);
        await TaggedResources.DeleteAsync(() => iam.DeleteRolePolicyAsync(new DeleteRolePolicyRequest(role, name), ct), "NoSuchEntity").ConfigureAwait(false);
    }

    private async Task PutAsync(ResolvedResource desired, CancellationToken ct)
    {
        var secrets = desired.Set(K.Secrets);
        var parameters = desired.Set(K.Parameters);
        if (secrets.Count + parameters.Count == 0)
        {
            // IAM refuses a policy without statements; what it would name is not known yet (a database still creating).
            throw new NotReadyException("the secrets the execution role must read are not known yet", TimeSpan.FromSeconds(15));
        }

        _documents.Forget(Id(desired.Get(K.Role), desired.Get(K.Name)));
        await iam.PutRolePolicyAsync(new PutRolePolicyRequest(desired.Get(K.Role), desired.Get(K.Name), SecretsPolicyDocument.Write(secrets, parameters)), ct).ConfigureAwait(false);
    }
}
