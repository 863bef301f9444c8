namespace Reconciler.Import;

/// <summary>
/// A resource's current tags as its service reports them, and the id its tagging call takes (<see cref="WriteId"/>:
/// an ARN where the kind's AWS id is a name, as for RDS, ECR and CloudWatch Logs).
/// </summary>
internal sealed record TagState(string WriteId, IReadOnlyDictionary<string, string> Tags);
