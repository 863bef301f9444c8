using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

internal sealed record EcsTag([property: JsonPropertyName("key")] string Key, [property: JsonPropertyName("value")] string? Value)
{
    public static List<EcsTag> From(IReadOnlyDictionary<string, string> tags) => tags.Select(t => new EcsTag(t.Key, t.Value)).ToList();

    public static Dictionary<string, string> ToMap(IEnumerable<EcsTag>? tags) =>
        (tags ?? []).GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value ?? string.Empty, StringComparer.Ordinal);
}
