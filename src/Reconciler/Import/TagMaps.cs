namespace Reconciler.Import;

/// <summary>Tag lists of any service as one map (the first value of a repeated key, as the providers read them).</summary>
internal static class TagMaps
{
    public static Dictionary<string, string> Of<T>(IEnumerable<T>? tags, Func<T, string> key, Func<T, string?> value) =>
        (tags ?? []).GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => value(g.First()) ?? string.Empty, StringComparer.Ordinal);
}
