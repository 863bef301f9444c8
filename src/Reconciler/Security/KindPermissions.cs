namespace Reconciler.Security;

/// <summary>
/// What one kind's provider needs from IAM: <see cref="Actions"/> are the API operations its clients call (a test
/// keeps them equal), <see cref="Implied"/> what AWS checks besides the call (passing a role, tags sent in a create,
/// a service-linked role created on first use, named by <see cref="LinkedRoleService"/>). Declared in the kind's folder.
/// </summary>
internal sealed record KindPermissions(IReadOnlyList<string> Actions, IReadOnlyList<string>? Implied = null, string? LinkedRoleService = null);
