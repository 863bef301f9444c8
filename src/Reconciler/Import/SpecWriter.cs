using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Reconciler.Import;

/// <summary>
/// Writes the kept entries as one spec in the style of samples/environment.yaml: sections in its order, short entries
/// on one line (<c>{ name: web, ... }</c>), defaults left out (discovery never adds them), and a <c># ...</c> comment
/// after every value that was guessed rather than read.
/// </summary>
internal static partial class SpecWriter
{
    private const int FlowWidth = 140;

    public static string Write(ImportResult result, string startedFrom)
    {
        var o = result.Options;
        var text = new StringBuilder();
        text.AppendLine($"# Written by `reconciler import {startedFrom}` from what AWS holds in {o.Region}.");
        text.AppendLine("# Check each \"guessed\" comment and the report that came with this file before `reconciler plan` and `import --adopt`.");
        text.AppendLine("apiVersion: reconciler/v1");
        text.AppendLine("kind: Environment");
        text.AppendLine("metadata:");
        text.AppendLine($"  name: {Scalar(o.Environment)}");
        text.AppendLine("spec:");
        text.AppendLine($"  region: {Scalar(o.Region)}");
        foreach (var section in ImportOptions.Sections)
        {
            var entries = result.Entries.Where(e => e.Section == section).ToList();
            if (entries.Count == 0)
            {
                continue;
            }

            text.AppendLine();
            if (section == "network")
            {
                text.AppendLine("  network:");
                WriteMapping(text, entries[0].Fields, 4);
            }
            else if (section == "dns")
            {
                text.AppendLine("  dns:");
                text.AppendLine($"    zone: {Scalar(result.Zone?.Name ?? string.Empty)}");
                text.AppendLine("    records:");
                WriteItems(text, entries.Select(e => (object)e.Fields.ToList()).ToList(), 6);
            }
            else
            {
                text.AppendLine($"  {section}:");
                WriteItems(text, entries.Select(e => (object)e.Fields.ToList()).ToList(), 4);
            }
        }

        return text.ToString();
    }

    private static void WriteMapping(StringBuilder text, IReadOnlyList<ImportedField> fields, int indent)
    {
        var pad = new string(' ', indent);
        foreach (var f in fields)
        {
            var comment = f.Comment is null ? string.Empty : $"   # {f.Comment}";
            switch (f.Value)
            {
                case List<ImportedField> map when Flow(map) is { } flow:
                    text.AppendLine($"{pad}{Key(f.Key)}: {flow}{comment}");
                    break;
                case List<ImportedField> map:
                    text.AppendLine($"{pad}{Key(f.Key)}:{comment}");
                    WriteMapping(text, map, indent + 2);
                    break;
                case List<object> list when list.All(IsScalar):
                    text.AppendLine($"{pad}{Key(f.Key)}: [{string.Join(", ", list.Select(Scalar))}]{comment}");
                    break;
                case List<object> list:
                    text.AppendLine($"{pad}{Key(f.Key)}:{comment}");
                    WriteItems(text, list, indent + 2);
                    break;
                default:
                    text.AppendLine($"{pad}{Key(f.Key)}: {Scalar(f.Value)}{comment}");
                    break;
            }
        }
    }

    private static void WriteItems(StringBuilder text, IReadOnlyList<object> items, int indent)
    {
        var pad = new string(' ', indent);
        foreach (var item in items)
        {
            if (item is List<ImportedField> map)
            {
                if (Flow(map) is { } flow)
                {
                    text.AppendLine($"{pad}- {flow}");
                    continue;
                }

                // "- " then the first key on the same line, the others under it.
                var block = new StringBuilder();
                WriteMapping(block, map, indent + 2);
                var lines = block.ToString();
                text.Append(pad).Append("- ").Append(lines.AsSpan(indent + 2));
            }
            else
            {
                text.AppendLine($"{pad}- {Scalar(item)}");
            }
        }
    }

    /// <summary>The one-line form of a mapping when it has no comment, only scalars or one-line values, and is short.</summary>
    private static string? Flow(List<ImportedField> map)
    {
        if (map.Count == 0 || map.Any(f => f.Comment is not null))
        {
            return map.Count == 0 ? "{}" : null;
        }

        var parts = new List<string>();
        foreach (var f in map)
        {
            var value = f.Value switch
            {
                List<ImportedField> inner => Flow(inner),
                List<object> list when list.All(IsScalar) => $"[{string.Join(", ", list.Select(Scalar))}]",
                List<object> => null,
                var scalar => Scalar(scalar),
            };
            if (value is null)
            {
                return null;
            }

            parts.Add($"{Key(f.Key)}: {value}");
        }

        var line = $"{{ {string.Join(", ", parts)} }}";
        return line.Length <= FlowWidth ? line : null;
    }

    private static bool IsScalar(object value) => value is string or int or bool;

    private static string Key(string key) => Plain().IsMatch(key) ? key : JsonSerializer.Serialize(key);

    /// <summary>
    /// A scalar as YAML: plain when it cannot be read as anything else (no number, boolean, null, no ':' or '#'),
    /// else double-quoted (JSON escaping is valid YAML).
    /// </summary>
    public static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s when Plain().IsMatch(s) && !Reserved().IsMatch(s) => s,
        var other => JsonSerializer.Serialize(Convert.ToString(other, CultureInfo.InvariantCulture) ?? string.Empty),
    };

    [GeneratedRegex(@"^[A-Za-z_/][A-Za-z0-9_./@-]*$|^[0-9][A-Za-z0-9_./@-]*[A-Za-z/_-][A-Za-z0-9_./@-]*$")]
    private static partial Regex Plain();

    [GeneratedRegex(@"^(true|false|yes|no|on|off|null|y|n|~)$|^[0-9._-]+$", RegexOptions.IgnoreCase)]
    private static partial Regex Reserved();
}
