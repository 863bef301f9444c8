using System.Text.RegularExpressions;

namespace Reconciler.Model.Graph;

/// <summary>References between resources inside field values: <c>${subnet/public-a}</c> or <c>${load-balancer/app#dnsName}</c>.</summary>
internal static partial class References
{
    /// <summary>What an unresolved reference becomes: the value is known only after apply.</summary>
    public const string Unknown = "(known after apply)";

    public static string To(string logicalId) => "${" + logicalId + "}";

    public static string To(string logicalId, string attribute) => "${" + logicalId + "#" + attribute + "}";

    public static bool IsUnknown(FieldValue value) => value.Display.Contains(Unknown, StringComparison.Ordinal);

    /// <summary>The logical ids referenced in <paramref name="text"/>.</summary>
    public static IEnumerable<string> Find(string text) =>
        Pattern().Matches(text).Select(m => m.Groups["id"].Value);

    /// <summary>Replaces each reference by <paramref name="resolve"/>(reference) where it returns a value.</summary>
    public static string Substitute(string text, Func<string, string?> resolve)
    {
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return text;
        }

        return Pattern().Replace(text, m =>
        {
            var key = m.Groups["id"].Value + (m.Groups["attr"].Success ? "#" + m.Groups["attr"].Value : string.Empty);
            return resolve(key) ?? Unknown;
        });
    }

    [GeneratedRegex(@"\$\{(?<id>[a-z0-9-]+/[^}#]+)(#(?<attr>[A-Za-z]+))?\}")]
    private static partial Regex Pattern();
}
