namespace Reconciler.Model.Kinds;

/// <summary>
/// A container environment value taken from another resource of the same environment, e.g.
/// <c>DATABASE_HOST: { database: app-db, attribute: address }</c>: <see cref="Kind"/> is the spec key naming the
/// resource (<c>database</c>, <c>loadBalancer</c>, <c>repository</c>, <c>bucket</c>), <see cref="Name"/> its logical name.
/// </summary>
internal sealed record ResourceValueSpec(string Kind, string Name, string Attribute)
{
    public const string Database = "database";
    public const string LoadBalancer = "loadBalancer";
    public const string Repository = "repository";
    public const string Bucket = "bucket";

    /// <summary>The keys that name the resource, in the order they are tried.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [Database, LoadBalancer, Repository, Bucket];

    /// <summary>The attributes each kind offers.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Database] = ["address", "port", "name", "username"],
        [LoadBalancer] = ["dnsName"],
        [Repository] = ["uri"],
        [Bucket] = ["name"],
    };
}
