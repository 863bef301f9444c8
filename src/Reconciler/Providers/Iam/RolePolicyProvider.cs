using System.Collections.Immutable;
using Reconciler.Aws;
using Reconciler.Aws.Iam;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers.Observation;

namespace Reconciler.Providers.Iam;

/// <summary>
/// The inline policy <c>reconciler-&lt;environment&gt;-secrets</c> on an execution role (see <see cref="SecretsPolicyDocument"/>).
/// Inline policies cannot be tagged: the environment owns the policy of that name, and only it. Every call names the
/// role and this policy (PutRolePolicy adds or replaces one policy by name; DeleteRolePolicy deletes one by name), so
/// the role's managed policies and other inline policies, other environments' included, are never touched.
/// Found by name (GetRolePolicy per desired node), as shared roles are: one that no spec asks for is not looked for.
/// That read is per environment (no listing or tag finds an inline policy); an observation that does not read an
/// environment in detail reuses the document last read (<see cref="DetailMemory{T}"/>). The AWS id is <c>ROLE/POLICY</c>.
/// </summary>
internal sealed class RolePolicyProvider(IIamApi iam) : IResourceProvider
{
    /// <summary>The document last read per AWS id; the empty string when the policy was not there.</summary>
    private readonly DetailMemory<string> _documents = new();

    public ResourceKind Kind => ResourceKinds.RolePolicy;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var result = new List<ObservedResource>();
        var asked = new List<string>();
        foreach (var node in desired)
        {
            if (!node.Tags.TryGetValue(Ownership.EnvironmentTag, out var environment) || !environments.Contains(environment))
            {
                continue;
            }

            var name = ContainerValues.PolicyName(environment);
            var id = $"{node.Name}/{name}";
            asked.Add(id);
            var document = await _documents.GetAsync(id, environment, () => ReadAsync(node.Name, name, ct)).ConfigureAwait(false);
            if (document.Length == 0)
            {
                continue;
            }

            result.Add(new ObservedResource(Kind, node.LogicalId, environment, $"{node.Name}/{name}",
                ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
                [
                    KeyValuePair.Create("role", FieldValue.Of(node.Name)),
                    KeyValuePair.Create("name", FieldValue.Of(name)),
                    KeyValuePair.Create("secrets", FieldValue.SetOf(SecretsPolicyDocument.Resources(document, SecretsPolicyDocument.ReadSecrets))),
                    KeyValuePair.Create("parameters", FieldValue.SetOf(SecretsPolicyDocument.Resources(document, SecretsPolicyDocument.ReadParameters))),
                ]),
                // The two ownership "tags" it has through its name, as the planner compares them.
                ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
                [
                    KeyValuePair.Create(Ownership.EnvironmentTag, environment),
                    KeyValuePair.Create(Ownership.LogicalIdTag, node.LogicalId),
                ]),
                ImmutableSortedDictionary<string, string>.Empty));
        }

        _documents.Keep(environments, asked);
        return result;
    }

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
        return new CreatedResource($"{desired.Get("role")}/{desired.Get("name")}");
    }

    public Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct) =>
        PutAsync(desired, ct);

    public async Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        var role = actual.Get("role") ?? throw new InvalidOperationException($"{actual.LogicalId} has no role");
        var name = actual.Get("name") ?? throw new InvalidOperationException($"{actual.LogicalId} has no name");
        _documents.Forget(actual.AwsId);
        await TaggedResources.DeleteAsync(() => iam.DeleteRolePolicyAsync(new DeleteRolePolicyRequest(role, name), ct), "NoSuchEntity").ConfigureAwait(false);
    }

    private async Task PutAsync(ResolvedResource desired, CancellationToken ct)
    {
        var secrets = desired.Set("secrets");
        var parameters = desired.Set("parameters");
        if (secrets.Count + parameters.Count == 0)
        {
            // IAM refuses a policy without statements; what it would name is not known yet (a database still creating).
            throw new NotReadyException("the secrets the execution role must read are not known yet", TimeSpan.FromSeconds(15));
        }

        _documents.Forget($"{desired.Get("role")}/{desired.Get("name")}");
        await iam.PutRolePolicyAsync(new PutRolePolicyRequest(desired.Get("role"), desired.Get("name"), SecretsPolicyDocument.Write(secrets, parameters)), ct).ConfigureAwait(false);
    }
}
