using System.Text;
using System.Text.RegularExpressions;
using Reconciler.Model.Loading;
using Reconciler.Model.Spec;
using Reconciler.Model.Yaml;
using YamlDotNet.Core;

namespace Reconciler.Model.Editing;

/// <summary>
/// Rewrites the image tag of one container in a spec's text, the way a person would: only the characters of that
/// one scalar change (or one <c>tag</c> entry is added, in the mapping's own style), so every comment, blank line and
/// indentation elsewhere stays byte for byte. The result is loaded and checked before it is returned: it must be a
/// valid spec in which exactly that container's image changed, to the new tag.
/// </summary>
internal static partial class ImageTagEditor
{
    /// <summary>Docker's rule for a tag.</summary>
    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    public static partial Regex ValidTag();

    /// <summary>Plain scalars that YAML tools would read as something other than a string (null, bool, number, date).</summary>
    [GeneratedRegex(@"^(~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o[0-7_]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*)$")]
    private static partial Regex NonStringPlain();

    public static ImageTagEdit SetTag(string text, string location, string container, string tag, string? family = null)
    {
        if (!ValidTag().IsMatch(tag))
        {
            throw new SpecEditException($"'{tag}' is not a valid image tag: up to 128 of A-Z a-z 0-9 _ . -, not starting with . or -");
        }

        var before = SpecLoader.LoadText(text, location);
        if (before.Document is null)
        {
            throw new SpecEditException($"{location} is not a spec that can be edited:{Environment.NewLine}{string.Join(Environment.NewLine, before.Errors)}");
        }

        var (root, _) = YamlTreeReader.Read(text);
        var target = FindImage(root, container, family);
        var (edited, oldImage, newImage) = target.Image switch
        {
            YScalar reference => RewriteReference(text, reference, tag),
            YMapping mapping => RewriteMapping(text, mapping, tag),
            var other => throw new SpecEditException($"the image of container '{container}' is {other.Describe}, not a mapping or a string"),
        };

        Check(before, edited, location, target.Family, container, newImage);
        return new ImageTagEdit(edited, target.Family, container, oldImage, newImage);
    }

    private static (string Family, YNode Image) FindImage(YNode? root, string container, string? family)
    {
        var found = new List<(string Family, YNode Image, YScalar Key)>();
        foreach (var definition in Items(Get(Get(root, "spec"), "taskDefinitions")))
        {
            var name = (Get(definition, "family") as YScalar)?.Value ?? string.Empty;
            if (family is not null && name != family)
            {
                continue;
            }

            foreach (var entry in Items(Get(definition, "containers")))
            {
                if ((Get(entry, "name") as YScalar)?.Value == container && entry is YMapping m &&
                    m.Entries.FirstOrDefault(e => e.Key.Value == "image") is { Key: { } key, Value: { } image })
                {
                    found.Add((name, image, key));
                }
            }
        }

        var where = family is null ? "any task definition" : $"task definition '{family}'";
        switch (found.Count)
        {
            case 0:
                throw new SpecEditException($"no container named '{container}' with an image in {where}");
            case > 1:
                throw new SpecEditException($"container '{container}' is in several task definitions ({string.Join(", ", found.Select(f => f.Family))}): name one with --family");
        }

        var (familyName, node, imageKey) = found[0];
        // An alias (image: *shared) resolves to a node written earlier, elsewhere: editing it would change others too.
        if (node.Span.Start < imageKey.Span.End)
        {
            throw new SpecEditException($"the image of container '{container}' is a YAML alias; write it out to set its tag");
        }

        return (familyName, node);
    }

    private static (string Text, string Old, string New) RewriteReference(string text, YScalar scalar, string tag)
    {
        var reference = scalar.Value;
        if (reference.Contains('@', StringComparison.Ordinal))
        {
            throw new SpecEditException($"the image '{reference}' is pinned by digest; a tag cannot be set on it");
        }

        var colon = reference.IndexOf(':', reference.LastIndexOf('/') + 1);
        var name = colon >= 0 ? reference[..colon] : reference;
        var next = name + ":" + tag;
        return (Replace(text, scalar, next), reference, next);
    }

    private static (string Text, string Old, string New) RewriteMapping(string text, YMapping mapping, string tag)
    {
        var repository = (mapping.Entries.FirstOrDefault(e => e.Key.Value == "repository").Value as YScalar)?.Value ?? "?";
        var existing = mapping.Entries.FirstOrDefault(e => e.Key.Value == "tag").Value;
        if (existing is YScalar { IsNull: false } current)
        {
            return (Replace(text, current, tag), $"{repository}:{current.Value}", $"{repository}:{tag}");
        }

        if (existing is not null || mapping.Entries.Count == 0)
        {
            throw new SpecEditException("the image's tag is empty or not a string; write it as 'tag: something' first");
        }

        // No tag: the spec means "latest". Add the entry after the last one, in the mapping's style.
        var last = mapping.Entries[^1].Value;
        string edited;
        if (mapping.IsFlow)
        {
            edited = text.Insert(last.Span.End, ", tag: " + Render(ScalarStyle.Plain, tag));
        }
        else
        {
            var lineEnd = text.IndexOf('\n', last.Span.End);
            var newline = "\n";
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }
            else if (lineEnd > 0 && text[lineEnd - 1] == '\r')
            {
                lineEnd--;
                newline = "\r\n";
            }

            var indent = new string(' ', mapping.Entries[0].Key.Mark.Column - 1);
            edited = text.Insert(lineEnd, newline + indent + "tag: " + Render(ScalarStyle.Plain, tag));
        }

        return (edited, $"{repository}:latest", $"{repository}:{tag}");
    }

    /// <summary>Replaces one scalar's text with <paramref name="value"/> written in the same style.</summary>
    private static string Replace(string text, YScalar scalar, string value) =>
        string.Concat(text.AsSpan(0, scalar.Span.Start), Render(scalar.Style, value), text.AsSpan(scalar.Span.End));

    private static string Render(ScalarStyle style, string value) => style switch
    {
        ScalarStyle.Plain or ScalarStyle.Any => NonStringPlain().IsMatch(value) ? Quoted(value) : value,
        ScalarStyle.SingleQuoted => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'",
        ScalarStyle.DoubleQuoted => Quoted(value),
        _ => throw new SpecEditException("the image is written as a block scalar (| or >); write it on one line to set its tag"),
    };

    private static string Quoted(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(c is '"' or '\\' ? "\\" + c : c.ToString());
        }

        return builder.Append('"').ToString();
    }

    /// <summary>The edit must leave a valid spec in which only this container's image changed, to the new one.</summary>
    private static void Check(LoadedSpec before, string edited, string location, string family, string container, string newImage)
    {
        var after = SpecLoader.LoadText(edited, location);
        if (!after.IsValid)
        {
            throw new SpecEditException($"the edited spec would not be valid, so nothing was written:{Environment.NewLine}{string.Join(Environment.NewLine, after.Errors)}");
        }

        var old = Images(before.Document!);
        var now = Images(after.Document!);
        var changed = now.Where(kv => !old.TryGetValue(kv.Key, out var was) || was != kv.Value).Select(kv => kv.Key).ToList();
        var expected = old.GetValueOrDefault((family, container)) == newImage ? 0 : 1;
        if (old.Count != now.Count || changed.Count != expected || changed.Any(k => k != (family, container)) || now.GetValueOrDefault((family, container)) != newImage)
        {
            throw new SpecEditException($"the edit would not change exactly the image of '{container}' in '{family}' (anchors shared with other containers?); nothing was written");
        }
    }

    private static Dictionary<(string Family, string Container), string> Images(EnvironmentDocument document)
    {
        var images = new Dictionary<(string, string), string>();
        foreach (var definition in document.Spec.TaskDefinitions)
        {
            foreach (var c in definition.Containers)
            {
                images[(definition.Family, c.Name)] = c.Image.Reference ?? $"{c.Image.Repository}:{c.Image.Tag}";
            }
        }

        return images;
    }

    private static YNode? Get(YNode? node, string key) =>
        node is YMapping mapping ? mapping.Entries.FirstOrDefault(e => e.Key.Value == key).Value : null;

    private static IReadOnlyList<YNode> Items(YNode? node) => node is YSequence sequence ? sequence.Items : [];
}
