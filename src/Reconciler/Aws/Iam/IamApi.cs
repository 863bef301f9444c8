using System.Xml.Linq;
using Reconciler.Aws.Http;

namespace Reconciler.Aws.Iam;

/// <summary>IAM over AWS Query: lists flattened as <c>Tags.member.N.Key</c>; answers read from <c>&lt;OpResult&gt;</c>.</summary>
internal sealed class IamApi(QueryProtocolClient client) : IIamApi
{
    public async Task<Role> GetRoleAsync(GetRoleRequest request, CancellationToken ct)
    {
        var result = await client.CallAsync("GetRole", new QueryParams().Add("RoleName", request.RoleName), CallPurpose.Read, ct).ConfigureAwait(false);
        return ReadRole(result.Element("Role")!);
    }

    public async Task<InstanceProfile> GetInstanceProfileAsync(GetInstanceProfileRequest request, CancellationToken ct)
    {
        var result = await client.CallAsync("GetInstanceProfile", new QueryParams().Add("InstanceProfileName", request.InstanceProfileName), CallPurpose.Read, ct).ConfigureAwait(false);
        return ReadProfile(result.Element("InstanceProfile")!);
    }

    public async Task<IReadOnlyList<AttachedPolicy>> ListAttachedRolePoliciesAsync(ListAttachedRolePoliciesRequest request, CancellationToken ct)
    {
        var policies = new List<AttachedPolicy>();
        string? marker = null;
        do
        {
            var result = await client.CallAsync("ListAttachedRolePolicies", new QueryParams().Add("RoleName", request.RoleName).Add("Marker", marker), CallPurpose.Read, ct).ConfigureAwait(false);
            policies.AddRange(result.Items("AttachedPolicies").Select(p => new AttachedPolicy(p.Text("PolicyName") ?? string.Empty, p.Text("PolicyArn") ?? string.Empty)));
            marker = result.Text("IsTruncated") == "true" ? result.Text("Marker") : null;
        }
        while (!string.IsNullOrEmpty(marker));

        return policies;
    }

    public async Task<Role> CreateRoleAsync(CreateRoleRequest request, CancellationToken ct)
    {
        var parameters = new QueryParams()
            .Add("RoleName", request.RoleName)
            .Add("AssumeRolePolicyDocument", request.AssumeRolePolicyDocument)
            .Add("Description", request.Description)
            .Tags(request.Tags);
        var result = await client.CallAsync("CreateRole", parameters, CallPurpose.Mutate, ct).ConfigureAwait(false);
        return ReadRole(result.Element("Role")!);
    }

    public async Task<InstanceProfile> CreateInstanceProfileAsync(CreateInstanceProfileRequest request, CancellationToken ct)
    {
        var parameters = new QueryParams().Add("InstanceProfileName", request.InstanceProfileName).Tags(request.Tags);
        var result = await client.CallAsync("CreateInstanceProfile", parameters, CallPurpose.Mutate, ct).ConfigureAwait(false);
        return ReadProfile(result.Element("InstanceProfile")!);
    }

    public Task AddRoleToInstanceProfileAsync(AddRoleToInstanceProfileRequest request, CancellationToken ct) =>
        client.CallAsync("AddRoleToInstanceProfile", new QueryParams().Add("InstanceProfileName", request.InstanceProfileName).Add("RoleName", request.RoleName), CallPurpose.Mutate, ct);

    public Task AttachRolePolicyAsync(AttachRolePolicyRequest request, CancellationToken ct) =>
        client.CallAsync("AttachRolePolicy", new QueryParams().Add("RoleName", request.RoleName).Add("PolicyArn", request.PolicyArn), CallPurpose.Mutate, ct);

    public Task UpdateAssumeRolePolicyAsync(UpdateAssumeRolePolicyRequest request, CancellationToken ct) =>
        client.CallAsync("UpdateAssumeRolePolicy", new QueryParams().Add("RoleName", request.RoleName).Add("PolicyDocument", request.PolicyDocument), CallPurpose.Mutate, ct);

    /// <summary>
    /// GetRolePolicy: "The policy document returned in this structure is URL-encoded compliant with RFC 3986" (IAM API
    /// reference), undone here as for a role's trust policy.
    /// </summary>
    public async Task<RolePolicy> GetRolePolicyAsync(GetRolePolicyRequest request, CancellationToken ct)
    {
        var result = await client.CallAsync("GetRolePolicy", new QueryParams().Add("RoleName", request.RoleName).Add("PolicyName", request.PolicyName), CallPurpose.Read, ct).ConfigureAwait(false);
        return new RolePolicy(result.Text("RoleName") ?? request.RoleName, result.Text("PolicyName") ?? request.PolicyName, Decode(result.Text("PolicyDocument") ?? string.Empty));
    }

    public Task PutRolePolicyAsync(PutRolePolicyRequest request, CancellationToken ct) =>
        client.CallAsync("PutRolePolicy", new QueryParams().Add("RoleName", request.RoleName).Add("PolicyName", request.PolicyName).Add("PolicyDocument", request.PolicyDocument), CallPurpose.Mutate, ct);

    public Task DeleteRolePolicyAsync(DeleteRolePolicyRequest request, CancellationToken ct) =>
        client.CallAsync("DeleteRolePolicy", new QueryParams().Add("RoleName", request.RoleName).Add("PolicyName", request.PolicyName), CallPurpose.Mutate, ct);

    public async Task<IReadOnlyList<string>> ListRolePoliciesAsync(ListRolePoliciesRequest request, CancellationToken ct)
    {
        var names = new List<string>();
        string? marker = null;
        do
        {
            var result = await client.CallAsync("ListRolePolicies", new QueryParams().Add("RoleName", request.RoleName).Add("Marker", marker), CallPurpose.Read, ct).ConfigureAwait(false);
            names.AddRange(result.Items("PolicyNames").Select(p => p.Value));
            marker = result.Text("IsTruncated") == "true" ? result.Text("Marker") : null;
        }
        while (!string.IsNullOrEmpty(marker));

        return names;
    }

    public Task DetachRolePolicyAsync(DetachRolePolicyRequest request, CancellationToken ct) =>
        client.CallAsync("DetachRolePolicy", new QueryParams().Add("RoleName", request.RoleName).Add("PolicyArn", request.PolicyArn), CallPurpose.Mutate, ct);

    public Task TagRoleAsync(TagRoleRequest request, CancellationToken ct) =>
        client.CallAsync("TagRole", new QueryParams().Add("RoleName", request.RoleName).Tags(request.Tags), CallPurpose.Mutate, ct);

    public Task DeleteRoleAsync(DeleteRoleRequest request, CancellationToken ct) =>
        client.CallAsync("DeleteRole", new QueryParams().Add("RoleName", request.RoleName), CallPurpose.Mutate, ct);

    private static string Decode(string document) => document.TrimStart().StartsWith('{') ? document : Uri.UnescapeDataString(document);

    /// <summary>A role element; its trust policy comes URL-encoded (as AWS documents it), which is undone here.</summary>
    private static Role ReadRole(XElement role)
    {
        var document = Decode(role.Text("AssumeRolePolicyDocument") ?? string.Empty);
        return new Role(role.Text("RoleName") ?? string.Empty, role.Text("Arn") ?? string.Empty, document, ReadTags(role));
    }

    private static InstanceProfile ReadProfile(XElement profile) =>
        new(profile.Text("InstanceProfileName") ?? string.Empty, profile.Text("Arn") ?? string.Empty, profile.Items("Roles").Select(ReadRole).ToList(), ReadTags(profile));

    private static Dictionary<string, string> ReadTags(XElement element) =>
        element.Items("Tags").GroupBy(t => t.Text("Key") ?? string.Empty, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Text("Value") ?? string.Empty, StringComparer.Ordinal);
}
