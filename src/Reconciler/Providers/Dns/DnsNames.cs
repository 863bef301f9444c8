using System.Globalization;
using System.Text.RegularExpressions;

namespace Reconciler.Providers.Dns;

/// <summary>
/// The canonical form of DNS names in properties: lower case, no trailing dot, no escapes. Route53 answers
/// "api.example.com." for "Api.Example.com", and "\052.example.com." for "*.example.com": the API returns characters
/// other than a-z, 0-9, '-' and '_' as a backslash and three octal digits
/// (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DomainNameFormat.html; the false drift it caused
/// elsewhere: terraform-provider-aws#36699).
/// </summary>
internal static partial class DnsNames
{
    private const string DualStack = "dualstack.";

    public static string Normalize(string name) =>
        OctalEscape().Replace(name.Trim(), m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString(CultureInfo.InvariantCulture))
            .TrimEnd('.').ToLowerInvariant();

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

    [GeneratedRegex(@"\\([0-3][0-7]{2})")]
    private static partial Regex OctalEscape();
}
