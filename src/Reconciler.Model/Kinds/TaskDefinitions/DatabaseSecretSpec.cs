namespace Reconciler.Model.Kinds;

/// <summary>
/// A container secret taken from a database's RDS-managed master user secret, e.g.
/// <c>DATABASE_PASSWORD: { database: app-db, key: password }</c>: the secret's ARN with the JSON key, as ECS reads it.
/// </summary>
internal sealed record DatabaseSecretSpec(string Database, string Key)
{
    /// <summary>
    /// The JSON keys of the secret RDS manages: "the secret contains the username and password" (RDS user guide,
    /// "Password management with Amazon RDS and AWS Secrets Manager").
    /// </summary>
    public static IReadOnlyList<string> Keys { get; } = ["password", "username"];
}
