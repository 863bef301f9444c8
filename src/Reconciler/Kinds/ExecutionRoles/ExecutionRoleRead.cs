using Reconciler.Aws.Iam;

namespace Reconciler.Kinds;

/// <summary>What one read of a candidate execution role found: the role (null when IAM has none by that name) and, when it is ours, its attached policies.</summary>
internal sealed record ExecutionRoleRead(Role? Role, IReadOnlyList<string> Attached);
