namespace Reconciler.Import;

/// <summary>
/// One resource that <c>reconciler import</c> found and would hand over to an environment: <see cref="LogicalId"/> is
/// <c>kind/name</c> as the generated spec's graph names it, <see cref="AwsId"/> what that kind's provider uses as the
/// AWS id (an id, a name or an ARN, as its observation reports it).
/// </summary>
internal sealed record AdoptionTarget(string LogicalId, string AwsId);
