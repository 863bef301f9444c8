using System.Globalization;
using Reconciler.Model.Yaml;

namespace Reconciler.Model.Loading;

/// <summary>
/// Reads the fields of one YAML mapping into typed values, reporting wrong types and missing fields with their
/// position. The keys a binder asks for are the keys it knows: <see cref="Finish"/> reports every other key as
/// unknown, with a suggestion, so the list of known fields is never written twice.
/// </summary>
internal sealed class MappingReader
{
    private readonly YMapping _mapping;
    private readonly BindContext _ctx;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    private MappingReader(YMapping mapping, string path, BindContext ctx)
    {
        _mapping = mapping;
        Path = path;
        _ctx = ctx;
    }

    public string Path { get; }

    public SourceMark Mark => _mapping.Mark;

    public BindContext Context => _ctx;

    /// <summary>Opens <paramref name="node"/> as a mapping; reports and returns null if it is something else.</summary>
    /// <summary>A required string: empty when missing (the error is reported), so that binding goes on.</summary>
    public string Required(string key) => String(key, required: true) ?? string.Empty;

    public static MappingReader? Open(YNode node, string path, BindContext ctx)
    {
        ctx.Positions.Add(path, node.Mark);
        if (node is YMapping mapping)
        {
            return new MappingReader(mapping, path, ctx);
        }

        ctx.Error(node.Mark, path, $"expected a mapping, found {node.Describe}");
        return null;
    }

    public string Child(string key) => Path.Length == 0 ? key : Path + "." + key;

    /// <summary>The raw node of <paramref name="key"/>, or null when absent or null.</summary>
    public YNode? Node(string key, bool required = false)
    {
        _known.Add(key);
        foreach (var (k, value) in _mapping.Entries)
        {
            if (k.Value == key)
            {
                _ctx.Positions.Add(Child(key), value.Mark);
                if (value is YScalar { IsNull: true })
                {
                    break;
                }

                return value;
            }
        }

        if (required)
        {
            _ctx.Error(_mapping.Mark, Child(key), "missing required field");
        }

        return null;
    }

    public string? String(string key, bool required = false)
    {
        var node = Node(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is YScalar scalar)
        {
            return scalar.Value;
        }

        _ctx.Error(node.Mark, Child(key), $"expected a string, found {node.Describe}");
        return null;
    }

    /// <summary>A string that must be one of <paramref name="allowed"/> (compared case-insensitively, returned as listed).</summary>
    /// <param name="unsupported">Values AWS knows that this build refuses, with why (said instead of the list of choices).</param>
    public string? Choice(string key, IReadOnlyList<string> allowed, bool required = false, IReadOnlyDictionary<string, string>? unsupported = null)
    {
        var value = String(key, required);
        if (value is null)
        {
            return null;
        }

        var hit = allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
        if (hit is null && unsupported?.FirstOrDefault(u => string.Equals(u.Key, value, StringComparison.OrdinalIgnoreCase)) is { Key: not null } refused)
        {
            _ctx.Error(MarkOf(key), Child(key), $"'{value}' is not supported by this build: {refused.Value}; use {string.Join(" or ", allowed)}");
        }
        else if (hit is null)
        {
            _ctx.Error(MarkOf(key), Child(key), $"'{value}' is not one of {string.Join(", ", allowed)}{Suggest.DidYouMean(value, allowed)}");
        }

        return hit;
    }

    public int? Int(string key, bool required = false, long min = int.MinValue, long max = int.MaxValue)
    {
        var node = Node(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is YScalar { IsPlain: true } scalar && long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            if (value < min || value > max)
            {
                _ctx.Error(node.Mark, Child(key), $"{value} is out of range {min}-{max}");
                return null;
            }

            return (int)value;
        }

        _ctx.Error(node.Mark, Child(key), $"expected a whole number, found {Show(node)}");
        return null;
    }

    /// <summary>
    /// A duration written as a whole number of seconds, minutes or hours (<c>90s</c>, <c>10m</c>, <c>1h</c>): one plain
    /// form, so a spec reads the same everywhere and the schema can state it as a pattern.
    /// </summary>
    public TimeSpan? Duration(string key, TimeSpan min, TimeSpan max)
    {
        var node = Node(key);
        if (node is null)
        {
            return null;
        }

        var text = node is YScalar { IsPlain: true } plain ? plain.Value : string.Empty;
        var unit = text.Length > 1 ? text[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 0 } : 0;
        if (unit == 0 || !long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > int.MaxValue / unit)
        {
            _ctx.Error(node.Mark, Child(key), $"expected a duration such as 90s, 10m or 1h, found {Show(node)}");
            return null;
        }

        var value = TimeSpan.FromSeconds(count * unit);
        if (value < min || value > max)
        {
            _ctx.Error(node.Mark, Child(key), $"{text} is out of range {min.TotalSeconds:0}s-{max.TotalHours:0}h");
            return null;
        }

        return value;
    }

    public bool? Bool(string key, bool required = false)
    {
        var node = Node(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is YScalar { IsPlain: true } scalar)
        {
            switch (scalar.Value)
            {
                case "true" or "True" or "TRUE":
                    return true;
                case "false" or "False" or "FALSE":
                    return false;
            }
        }

        _ctx.Error(node.Mark, Child(key), $"expected true or false, found {Show(node)}");
        return null;
    }

    public IReadOnlyList<string> StringList(string key, bool required = false) =>
        List(key, (node, path) =>
        {
            if (node is YScalar { IsNull: false } scalar)
            {
                return scalar.Value;
            }

            _ctx.Error(node.Mark, path, $"expected a string, found {node.Describe}");
            return null;
        }, required);

    public IReadOnlyList<T> List<T>(string key, Func<YNode, string, T?> read, bool required = false)
        where T : class
    {
        var node = Node(key, required);
        if (node is null)
        {
            return [];
        }

        if (node is not YSequence sequence)
        {
            _ctx.Error(node.Mark, Child(key), $"expected a list, found {node.Describe}");
            return [];
        }

        var result = new List<T>(sequence.Items.Count);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var itemPath = $"{Child(key)}[{i}]";
            _ctx.Positions.Add(itemPath, sequence.Items[i].Mark);
            if (read(sequence.Items[i], itemPath) is { } item)
            {
                result.Add(item);
            }
        }

        return result;
    }

    /// <summary>A list of mappings, each bound by <paramref name="read"/>.</summary>
    public IReadOnlyList<T> Objects<T>(string key, Func<MappingReader, T?> read, bool required = false)
        where T : class =>
        List(key, (node, path) => Bind(node, path, _ctx, read), required);

    /// <summary>A nested mapping bound by <paramref name="read"/>.</summary>
    public T? Object<T>(string key, Func<MappingReader, T?> read, bool required = false)
        where T : class
    {
        var node = Node(key, required);
        return node is null ? null : Bind(node, Child(key), _ctx, read);
    }

    /// <summary>A mapping of string to string, e.g. tags or container environment.</summary>
    public IReadOnlyDictionary<string, string> StringMap(string key)
    {
        var node = Node(key);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (node is null)
        {
            return result;
        }

        if (node is not YMapping mapping)
        {
            _ctx.Error(node.Mark, Child(key), $"expected a mapping of names to values, found {node.Describe}");
            return result;
        }

        foreach (var (k, value) in mapping.Entries)
        {
            var path = $"{Child(key)}.{k.Value}";
            _ctx.Positions.Add(path, value.Mark);
            if (value is YScalar { IsNull: false } scalar)
            {
                result[k.Value] = scalar.Value;
            }
            else if (value is YScalar)
            {
                result[k.Value] = string.Empty;
            }
            else
            {
                _ctx.Error(value.Mark, path, $"expected a string value, found {value.Describe}");
            }
        }

        return result;
    }

    public SourceMark MarkOf(string key) => _ctx.Positions.Find(Child(key));

    public void Error(string key, string message) => _ctx.Error(MarkOf(key), Child(key), message);

    /// <summary>Reports every key that no read asked for.</summary>
    public void Finish()
    {
        foreach (var (key, _) in _mapping.Entries)
        {
            if (!_known.Contains(key.Value))
            {
                _ctx.Error(key.Mark, Child(key.Value), "unknown field" + Suggest.DidYouMean(key.Value, _known));
            }
        }
    }

    public static T? Bind<T>(YNode node, string path, BindContext ctx, Func<MappingReader, T?> read)
        where T : class
    {
        var reader = Open(node, path, ctx);
        if (reader is null)
        {
            return null;
        }

        var result = read(reader);
        reader.Finish();
        return result;
    }

    private static string Show(YNode node) => node is YScalar scalar ? $"'{scalar.Value}'" : node.Describe;
}
