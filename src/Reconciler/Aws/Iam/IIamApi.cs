namespace Reconciler.Aws.Iam;

/// <summary>The IAM operations we call (named after the SDK's <c>IAmazonIdentityManagementService</c>). IAM is global.</summary>
internal interface IIamApi
{
    Task<Role> GetRoleAsync(GetRoleRequest request, CancellationToken ct);

    Task<InstanceProfile> GetInstanceProfileAsync(GetInstanceProfileRequest request, CancellationToken ct);

    /// <summary>Every page (Marker) of ListAttachedRolePolicies.</summary>
    Task<IReadOnlyList<AttachedPolicy>> ListAttachedRolePoliciesAsync(ListAttachedRolePoliciesRequest request, CancellationToken ct);

    Task<Role> CreateRoleAsync(CreateRoleRequest request, CancellationToken ct);

    Task<InstanceProfile> CreateInstanceProfileAsync(CreateInstanceProfileRequest request, CancellationToken ct);

    Task AddRoleToInstanceProfileAsync(AddRoleToInstanceProfileRequest request, CancellationToken ct);

    Task AttachRolePolicyAsync(AttachRolePolicyRequest request, CancellationToken ct);

    Task UpdateAssumeRolePolicyAsync(UpdateAssumeRolePolicyRequest request, CancellationToken ct);

    /// <summary>One inline policy of a role; NoSuchEntity when the role or the policy is not there.</summary>
    Task<RolePolicy> GetRolePolicyAsync(GetRolePolicyRequest request, CancellationToken ct);

    Task PutRolePolicyAsync(PutRolePolicyRequest request, CancellationToken ct);

    Task DeleteRolePolicyAsync(DeleteRolePolicyRequest request, CancellationToken ct);

    /// <summary>Every page (Marker) of ListRolePolicies: the names of the role's inline policies.</summary>
    Task<IReadOnlyList<string>> ListRolePoliciesAsync(ListRolePoliciesRequest request, CancellationToken ct);

    Task DetachRolePolicyAsync(DetachRolePolicyRequest request, CancellationToken ct);

    Task TagRoleAsync(TagRoleRequest request, CancellationToken ct);

    /// <summary>DeleteConflict while the role still has policies or instance profiles; NoSuchEntity when it is gone.</summary>
    Task DeleteRoleAsync(DeleteRoleRequest request, CancellationToken ct);
}
