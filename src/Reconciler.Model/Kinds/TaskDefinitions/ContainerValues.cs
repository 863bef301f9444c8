using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// Container values taken from other resources, as graph references, and what the execution role must read for the
/// secrets a task definition names.
/// </summary>
internal static class ContainerValues
{
    /// <summary>The reference that resolves to the value: an attribute the resource's provider observes.</summary>
    public static string Reference(ResourceValueSpec value) => value.Kind switch
    {
        ResourceValueSpec.Database => References.To($"{ResourceKinds.DbInstance.Name}/{value.Name}", value.Attribute),
        ResourceValueSpec.LoadBalancer => References.To($"{ResourceKinds.LoadBalancer.Name}/{value.Name}", value.Attribute),
        ResourceValueSpec.Repository => References.To($"{ResourceKinds.EcrRepository.Name}/{value.Name}", value.Attribute),
        // A bucket's AWS id is its name.
        ResourceValueSpec.Bucket => References.To($"{ResourceKinds.Bucket.Name}/{value.Name}"),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.Kind, "not a kind of resource value"),
    };

    /// <summary>
    /// The database's managed secret with its JSON key, as ECS reads it: <c>arn:...:secret:NAME:json-key:version-stage:version-id</c>
    /// ("Pass Secrets Manager secrets through Amazon ECS environment variables", ECS developer guide), stage and id empty
    /// for the current version.
    /// </summary>
    public static string Reference(DatabaseSecretSpec secret) => $"{SecretArn(secret)}:{secret.Key}::";

    /// <summary>The secret itself, for the execution role's policy.</summary>
    public static string SecretArn(DatabaseSecretSpec secret) => References.To($"{ResourceKinds.DbInstance.Name}/{secret.Database}", "secretArn");

    /// <summary>
    /// The secret of a literal Secrets Manager valueFrom, without a JSON key, stage or version: the first seven ':' parts
    /// (<c>arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME</c>). Null for SSM parameters.
    /// </summary>
    public static string? SecretArn(string valueFrom)
    {
        var parts = valueFrom.Split(':');
        return parts.Length >= 7 && parts[2] == "secretsmanager" ? string.Join(':', parts.Take(7)) : null;
    }

    /// <summary>
    /// The parameter of a literal SSM valueFrom: its ARN, or for a name (which ECS takes for a parameter of the task's
    /// region) <c>arn:aws:ssm:REGION:*:parameter/NAME</c>, the account left open since the spec does not name it. Null
    /// for Secrets Manager secrets.
    /// </summary>
    public static string? ParameterArn(string valueFrom, string region) =>
        valueFrom.StartsWith('/') ? $"arn:aws:ssm:{region}:*:parameter{valueFrom}"
        : valueFrom.Split(':') is { Length: >= 6 } parts && parts[2] == "ssm" ? valueFrom
        : null;
}
