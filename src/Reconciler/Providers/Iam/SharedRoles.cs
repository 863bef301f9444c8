using System.Text.Json.Nodes;
using Reconciler.Aws;
using Reconciler.Aws.Iam;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Providers.Iam;

/// <summary>
/// What the two shared IAM kinds have in common. These roles are used by name, by every environment of the account,
/// and may predate us: they are never deleted, and never "repaired" destructively. Their properties are designed so
/// that only additions can be planned:
/// <list type="bullet">
/// <item><c>assumeRolePolicy</c> is the service principal that must be trusted: observed as that principal when the
/// trust policy allows it (whatever else it allows), else as the principals it does trust; the fix appends a statement.</item>
/// <item><c>managedPolicies</c> is observed as the required policies that are attached (policies attached by others
/// are not reported), so a diff can only ask to attach; nothing is ever detached.</item>
/// </list>
/// They are found by name (GetRole / GetInstanceProfile per desired name), not by tag, and reported once per
/// environment asked about: the planner then sees them in every environment's view, and never deletes a shared kind.
/// The specs set no tags on them (their tags would differ by environment and flip-flop); a role or profile we create
/// carries <see cref="SharedTag"/>.
/// </summary>
internal sealed class SharedRoles(IIamApi iam)
{
    public const string SharedTag = "reconciler:shared";

    public static IReadOnlyDictionary<string, string> CreationTags { get; } = new Dictionary<string, string>(StringComparer.Ordinal) { [SharedTag] = "true" };

    public IIamApi Iam => iam;

    /// <summary>The role, or null when IAM has none by that name.</summary>
    public async Task<Role?> FindRole(string name, CancellationToken ct)
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

    /// <summary>The instance profile, or null when IAM has none by that name.</summary>
    public async Task<InstanceProfile?> FindProfile(string name, CancellationToken ct)
    {
        try
        {
            return await iam.GetInstanceProfileAsync(new GetInstanceProfileRequest(name), ct).ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (ex.Error.Code == "NoSuchEntity")
        {
            return null;
        }
    }

    /// <summary>The canonical properties of a role against what the specs require of it (see the class comment): the iam-role kind's fields, which the instance-profile kind shares.</summary>
    public async Task<List<(string, FieldValue)>> Properties(Role role, string requiredPrincipal, IReadOnlySet<string> requiredPolicies, CancellationToken ct)
    {
        var attached = await iam.ListAttachedRolePoliciesAsync(new ListAttachedRolePoliciesRequest(role.RoleName), ct).ConfigureAwait(false);
        var trusted = TrustedServices(role.AssumeRolePolicyDocument);
        return
        [
            (IamRoleKind.AssumeRolePolicy, FieldValue.Of(trusted.Contains(requiredPrincipal) ? requiredPrincipal : string.Join(',', trusted.Order(StringComparer.Ordinal)))),
            (IamRoleKind.ManagedPolicies, FieldValue.SetOf(attached.Select(p => p.PolicyArn).Where(requiredPolicies.Contains))),
        ];
    }

    /// <summary>The same record for each environment asked about (see the class comment).</summary>
    public static IEnumerable<ObservedResource> ForEach(IReadOnlyCollection<string> environments, ResourceKind kind, string name, string awsId, IReadOnlyDictionary<string, string> tags, IEnumerable<(string Key, FieldValue Value)> properties, IEnumerable<(string Key, string Value)> attributes)
    {
        // Made once: every environment's record shares them.
        var props = properties.ToSortedMap(p => p.Key, p => p.Value);
        var tagMap = tags.ToSortedMap();
        var attrs = attributes.ToSortedMap(a => a.Key, a => a.Value);
        return environments.Select(env => new ObservedResource(kind, $"{kind.Name}/{name}", env, awsId, props, tagMap, attrs));
    }

    /// <summary>The distinct names the specs ask for, each with the union of the policies they require.</summary>
    public static IEnumerable<(string Name, string Principal, IReadOnlySet<string> Policies)> Wanted(IReadOnlyCollection<DesiredResource> desired) =>
        desired.GroupBy(d => d.Get(IamRoleKind.Name) ?? d.Name, StringComparer.Ordinal)
            .Select(g => (g.Key, g.First().Get(IamRoleKind.AssumeRolePolicy) ?? string.Empty,
                (IReadOnlySet<string>)g.SelectMany(d => d.SetOf(IamRoleKind.ManagedPolicies)).ToHashSet(StringComparer.Ordinal)));

    /// <summary>
    /// Makes the role exist, trust <paramref name="principal"/> and have <paramref name="policies"/> attached: creates
    /// it when missing (adopting one a lost answer created), appends a trust statement when needed, attaches what is
    /// missing. Nothing is ever removed.
    /// </summary>
    public async Task<Role> EnsureRole(string name, string principal, IReadOnlyCollection<string> policies, CancellationToken ct)
    {
        var role = await FindRole(name, ct).ConfigureAwait(false);
        if (role is null)
        {
            try
            {
                role = await iam.CreateRoleAsync(new CreateRoleRequest(name, TrustPolicy(principal), "Created by reconciler; shared by every environment of the account", CreationTags), ct).ConfigureAwait(false);
            }
            catch (AwsCallException ex) when (ex.Error.Code == "EntityAlreadyExists")
            {
                role = await iam.GetRoleAsync(new GetRoleRequest(name), ct).ConfigureAwait(false);
            }
        }

        if (!TrustedServices(role.AssumeRolePolicyDocument).Contains(principal))
        {
            await iam.UpdateAssumeRolePolicyAsync(new UpdateAssumeRolePolicyRequest(name, WithTrust(role.AssumeRolePolicyDocument, principal)), ct).ConfigureAwait(false);
        }

        await AttachMissing(name, policies, ct).ConfigureAwait(false);
        return role;
    }

    private async Task AttachMissing(string roleName, IReadOnlyCollection<string> policies, CancellationToken ct)
    {
        var attached = (await iam.ListAttachedRolePoliciesAsync(new ListAttachedRolePoliciesRequest(roleName), ct).ConfigureAwait(false))
            .Select(p => p.PolicyArn).ToHashSet(StringComparer.Ordinal);
        foreach (var policy in policies.Where(p => !attached.Contains(p)))
        {
            await iam.AttachRolePolicyAsync(new AttachRolePolicyRequest(roleName, policy), ct).ConfigureAwait(false);
        }
    }

    /// <summary>A trust policy letting one AWS service assume the role.</summary>
    public static string TrustPolicy(string principal) => new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(Statement(principal)),
    }.ToJsonString();

    private static JsonObject Statement(string principal) => new()
    {
        ["Effect"] = "Allow",
        ["Principal"] = new JsonObject { ["Service"] = principal },
        ["Action"] = "sts:AssumeRole",
    };

    /// <summary>The trust policy with a statement for <paramref name="principal"/> appended; the others are kept as they are.</summary>
    public static string WithTrust(string document, string principal)
    {
        var root = (string.IsNullOrWhiteSpace(document) ? null : JsonNode.Parse(document) as JsonObject) ?? new JsonObject { ["Version"] = "2012-10-17" };
        var statements = root["Statement"] switch
        {
            JsonArray array => array,
            JsonObject single => new JsonArray(single.DeepClone()),
            _ => [],
        };
        statements.Add(Statement(principal));
        root["Statement"] = statements;
        return root.ToJsonString();
    }

    /// <summary>The services an Allow statement lets call sts:AssumeRole (lower case, as AWS compares them).</summary>
    public static HashSet<string> TrustedServices(string document)
    {
        var services = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(document) || JsonNode.Parse(document) is not JsonObject root)
        {
            return services;
        }

        var statements = root["Statement"] is JsonArray array ? array.OfType<JsonObject>() : root["Statement"] is JsonObject one ? [one] : [];
        foreach (var statement in statements)
        {
            var allows = (string?)statement["Effect"] == "Allow" &&
                         Strings(statement["Action"]).Any(a => a is "sts:AssumeRole" or "sts:*" or "*");
            if (allows && statement["Principal"] is JsonObject principal)
            {
                services.UnionWith(Strings(principal["Service"]).Select(s => s.ToLowerInvariant()));
            }
        }

        return services;
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(n => n?.GetValue<string>()).OfType<string>(),
        JsonValue value when value.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    /// <summary>What <see cref="IResourceProvider.DeleteAsync"/> of a shared kind throws: the planner never asks, and if it ever does, this is a bug to see.</summary>
    public static InvalidOperationException NeverDeleted(ObservedResource actual) =>
        new($"{actual.LogicalId} ({actual.AwsId}) is shared by every environment of the account: the reconciler never deletes it");
}
