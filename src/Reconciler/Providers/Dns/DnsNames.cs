namespace Reconciler.Providers.Dns;

/// <summary>The canonical form of DNS names in properties: lower case, no trailing dot (Route53 answers "Api.Example.com.").</summary>
internal static class DnsNames
{
    private const string DualStack = "dualstack.";

    public static string Normalize(string name) => name.Trim().TrimEnd('.').ToLowerInvariant();

    /// <summary>
    /// An alias target's DNS name: Route53 answers it lower-cased with a trailing dot, and for load balancers often
    /// prefixed "dualstack." although the load balancer's own DNSName has no such prefix.
    /// </summary>
    public static string NormalizeAlias(string name)
    {
        var normal = Normalize(name);
        return normal.StartsWith(DualStack, StringComparison.Ordinal) ? normal[DualStack.Length..] : normal;
    }

    public static bool Same(string a, string b) => Normalize(a) == Normalize(b);

    /// <summary>The name and each parent up to the top-level label: a.b.example.com, b.example.com, example.com, com.</summary>
    public static IEnumerable<string> SelfAndParents(string name)
    {
        var current = Normalize(name);
        while (current.Length > 0)
        {
            yield return current;
            var dot = current.IndexOf('.', StringComparison.Ordinal);
            current = dot < 0 ? string.Empty : current[(dot + 1)..];
        }
    }
}
