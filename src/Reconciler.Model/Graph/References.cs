using System.Text;
using Reconciler.Model.Text;

namespace Reconciler.Model.Graph;

/// <summary>
/// References between resources inside field values: <c>${subnet/public-a}</c> or <c>${load-balancer/app#dnsName}</c>.
/// The syntax is <c>${KIND/NAME}</c> or <c>${KIND/NAME#ATTRIBUTE}</c>, where KIND is one or more of a-z, 0-9 and '-',
/// NAME one or more characters other than '}' and '#', and ATTRIBUTE one or more ASCII letters. It is scanned by hand
/// rather than by a regular expression: every value of every graph and every plan goes through here, and most hold no
/// reference at all (issue 14: a regex match per value was a fifth of a steady plan's time).
/// </summary>
internal static class References
{
    /// <summary>What an unresolved reference becomes: the value is known only after apply.</summary>
    public const string Unknown = "(known after apply)";

    // A reference names no environment, so every environment's graph shares one instance of each.
    public static string To(string logicalId) => SharedStrings.Share("${" + logicalId + "}");

    public static string To(string logicalId, string attribute) => SharedStrings.Share("${" + logicalId + "#" + attribute + "}");

    public static bool IsUnknown(FieldValue value) => value.Display.Contains(Unknown, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="text"/> may hold a reference (it holds <c>${</c>); false means it surely holds none.</summary>
    public static bool MayHold(string text) => text.Contains("${", StringComparison.Ordinal);

    /// <summary>The logical ids referenced in <paramref name="text"/>.</summary>
    public static IEnumerable<string> Find(string text)
    {
        if (!MayHold(text))
        {
            return [];
        }

        var ids = new List<string>();
        var from = 0;
        while (Next(text, from) is { } match)
        {
            // A logical id: shared, as the dependencies and the graph's own ids hold it (issue 14, fourth round).
            ids.Add(SharedStrings.Share(text.Substring(match.IdStart, match.IdLength)));
            from = match.End;
        }

        return ids;
    }

    /// <summary>Replaces each reference by <paramref name="resolve"/>(reference) where it returns a value.</summary>
    public static string Substitute(string text, Func<string, string?> resolve)
    {
        if (!MayHold(text))
        {
            return text;
        }

        StringBuilder? result = null;
        var copied = 0;
        var from = 0;
        while (Next(text, from) is { } match)
        {
            // The key: the id, then '#' and the attribute when there is one, as the resolvers expect.
            var key = text.Substring(match.IdStart, match.End - 1 - match.IdStart);
            result ??= new StringBuilder(text.Length + 32);
            result.Append(text, copied, match.Start - copied).Append(resolve(key) ?? Unknown);
            copied = match.End;
            from = match.End;
        }

        return result is null ? text : result.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// The first reference at or after <paramref name="from"/>: where it starts (its '$'), where its id starts and how
    /// long the id is, and where it ends (after its '}'). A "${" that does not start a reference is skipped, and the scan
    /// goes on from the character after its '$', as a regular expression's would.
    /// </summary>
    private static (int Start, int IdStart, int IdLength, int End)? Next(string text, int from)
    {
        while (true)
        {
            var start = text.IndexOf("${", from, StringComparison.Ordinal);
            if (start < 0)
            {
                return null;
            }

            if (Match(text, start) is { } match)
            {
                return match;
            }

            from = start + 1;
        }
    }

    private static (int Start, int IdStart, int IdLength, int End)? Match(string text, int start)
    {
        var idStart = start + 2;
        var i = idStart;
        while (i < text.Length && text[i] is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        {
            i++;
        }

        if (i == idStart || i >= text.Length || text[i] != '/')
        {
            return null;
        }

        var nameStart = ++i;
        while (i < text.Length && text[i] is not ('}' or '#'))
        {
            i++;
        }

        if (i == nameStart || i >= text.Length)
        {
            return null;
        }

        var idLength = i - idStart;
        if (text[i] == '#')
        {
            var attributeStart = ++i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            if (i == attributeStart || i >= text.Length || text[i] != '}')
            {
                return null;
            }
        }

        return (start, idStart, idLength, i + 1);
    }
}
