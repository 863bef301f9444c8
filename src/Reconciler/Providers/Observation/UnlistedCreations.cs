using System.Collections.Concurrent;
using Reconciler.Model.Graph;

namespace Reconciler.Providers.Observation;

/// <summary>
/// What this process created (or adopted) that the Tagging API inventory has not listed since, by AWS id, with its
/// environment. GetResources is eventually consistent (https://github.com/aws/aws-sdk/issues/676): a kind whose only
/// tag-filtered listing is the inventory would miss its own new resource at the next pass, plan it again, "create" it
/// again (adopted, or an idempotent create) and so on until the inventory caught up or the apply ran out of passes,
/// which a clean-clone CI run met. Such a kind reads these ids directly until the inventory lists them. Bounded by
/// what one process creates: an id leaves when the inventory lists it or a direct read no longer finds it.
/// </summary>
internal sealed class UnlistedCreations
{
    private readonly ConcurrentDictionary<string, string> _created = new(StringComparer.Ordinal);

    /// <summary>Remembers <paramref name="id"/>, created with <paramref name="tags"/> (no ownership tag: not ours, not kept).</summary>
    public void Created(string id, IReadOnlyDictionary<string, string> tags)
    {
        if (tags.TryGetValue(Ownership.EnvironmentTag, out var environment))
        {
            _created[id] = environment;
        }
    }

    /// <summary>The inventory lists <paramref name="id"/>, or a direct read found it gone: nothing to read by id any more.</summary>
    public void Forget(string id) => _created.TryRemove(id, out _);

    /// <summary>The remembered ids of <paramref name="environments"/> that are not in <paramref name="listed"/>; the listed ones are forgotten.</summary>
    public IReadOnlyList<string> Unlisted(IReadOnlyCollection<string> environments, IEnumerable<string> listed)
    {
        foreach (var id in listed)
        {
            Forget(id);
        }

        return [.. _created.Where(kv => environments.Contains(kv.Value)).Select(kv => kv.Key).Order(StringComparer.Ordinal)];
    }
}
