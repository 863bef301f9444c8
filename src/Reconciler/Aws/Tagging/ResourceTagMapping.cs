using System.Text.Json.Serialization;

namespace Reconciler.Aws.Tagging;

internal sealed record ResourceTagMapping(
    [property: JsonPropertyName("ResourceARN")] string ResourceArn,
    [property: JsonPropertyName("Tags")] IReadOnlyList<Tag>? Tags)
{
    public IEnumerable<KeyValuePair<string, string>> TagPairs => (Tags ?? []).Select(t => KeyValuePair.Create(t.Key, t.Value ?? string.Empty));
}
