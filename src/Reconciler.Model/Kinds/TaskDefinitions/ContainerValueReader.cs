using Reconciler.Model.Loading;
using Reconciler.Model.Yaml;

namespace Reconciler.Model.Kinds;

/// <summary>
/// A container's <c>environment</c> and <c>secrets</c>: each entry is a literal (a scalar, as before) or a mapping that
/// names a value of another resource of the environment, bound to a typed record (never a string parsed back later).
/// </summary>
internal static class ContainerValueReader
{
    /// <summary><c>NAME: text</c> or <c>NAME: { database|loadBalancer|repository|bucket: NAME, attribute: ATTR }</c>.</summary>
    public static (IReadOnlyDictionary<string, string> Literals, IReadOnlyDictionary<string, ResourceValueSpec> References) Environment(MappingReader r) =>
        Read(r, "environment", m =>
        {
            var named = ResourceValueSpec.Kinds.Select(k => (Kind: k, Name: m.String(k))).Where(x => x.Name is not null).ToList();
            var attribute = m.String("attribute", required: true) ?? string.Empty;
            if (named.Count != 1)
            {
                m.Context.Error(m.Mark, m.Path, $"name exactly one resource with one of: {string.Join(", ", ResourceValueSpec.Kinds)}");
                return null;
            }

            return new ResourceValueSpec(named[0].Kind, named[0].Name!, attribute);
        });

    /// <summary><c>NAME: arn-or-/parameter</c> or <c>NAME: { database: NAME, key: password|username }</c>.</summary>
    public static (IReadOnlyDictionary<string, string> Literals, IReadOnlyDictionary<string, DatabaseSecretSpec> References) Secrets(MappingReader r) =>
        Read(r, "secrets", m => new DatabaseSecretSpec(
            m.String(ResourceValueSpec.Database, required: true) ?? string.Empty,
            m.Choice("key", DatabaseSecretSpec.Keys, required: true) ?? string.Empty));

    private static (IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, T>) Read<T>(MappingReader r, string key, Func<MappingReader, T?> bind)
        where T : class
    {
        var literals = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var references = new SortedDictionary<string, T>(StringComparer.Ordinal);
        var node = r.Node(key);
        if (node is null)
        {
            return (literals, references);
        }

        if (node is not YMapping mapping)
        {
            r.Context.Error(node.Mark, r.Child(key), $"expected a mapping of names to values, found {node.Describe}");
            return (literals, references);
        }

        foreach (var (k, value) in mapping.Entries)
        {
            var path = $"{r.Child(key)}.{k.Value}";
            r.Context.Positions.Add(path, value.Mark);
            switch (value)
            {
                case YScalar { IsNull: false } scalar:
                    literals[k.Value] = scalar.Value;
                    break;
                case YScalar:
                    literals[k.Value] = string.Empty;
                    break;
                case YMapping:
                    if (MappingReader.Bind(value, path, r.Context, bind) is { } bound)
                    {
                        references[k.Value] = bound;
                    }

                    break;
                default:
                    r.Context.Error(value.Mark, path, $"expected a string value, found {value.Describe} (or a mapping naming a resource)");
                    break;
            }
        }

        return (literals, references);
    }
}
