using Reconciler.Model.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Reconciler.Model.Yaml;

/// <summary>
/// Builds a <see cref="YNode"/> tree from YamlDotNet's event parser. It is written against the parser rather than
/// YamlDotNet's representation model so that every node keeps its line and column, duplicate keys are reported
/// with both places instead of thrown, and aliases are bounded (an alias bomb is an error, not an out-of-memory).
/// </summary>
internal static class YamlTreeReader
{
    /// <summary>The most nodes a document may expand to once aliases are followed.</summary>
    public const long MaxExpandedNodes = 100_000;

    /// <summary>The deepest nesting accepted; specs are a few levels deep.</summary>
    public const int MaxDepth = 64;

    public static (YNode? Root, IReadOnlyList<YamlDocumentError> Errors) Read(string text)
    {
        var errors = new List<YamlDocumentError>();
        State? state = null;
        try
        {
            var parser = new Parser(new StringReader(text));
            state = new State(parser, errors);
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                errors.Add(new YamlDocumentError(SourceMark.Start, "the file is empty: expected an Environment document"));
                return (null, errors);
            }

            parser.Consume<DocumentStart>();
            var root = state.ReadNode(0);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                errors.Add(new YamlDocumentError(Mark(second.Start), "a second YAML document: put one environment in each file"));
            }

            return (root, errors);
        }
        catch (YamlException ex) when (FirstTabIndent(text) is { } tab)
        {
            errors.Add(new YamlDocumentError(tab, "a tab in the indentation: YAML indents with spaces only (" + Clean(ex.Message) + ")"));
            return (null, errors);
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException is { } inner && ex.Message.Contains("See inner", StringComparison.Ordinal)
                ? inner.Message
                : ex.Message;
            errors.Add(new YamlDocumentError(Mark(ex.Start), "YAML syntax: " + Clean(message)));
            return (null, errors);
        }
        catch (TooLargeException ex)
        {
            errors.Add(new YamlDocumentError(ex.Mark, ex.Message));
            return (null, errors);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet throws these for some malformed input (an unclosed flow list, for one): still a syntax error.
            // YamlDotNet throws these for some malformed input (an unclosed flow collection, for one): still a syntax
            // error, placed at the collection left open when there is one.
            var message = state?.OpenFlow is { } open
                ? $"YAML syntax: the flow collection opened at line {open.Line}, column {open.Column} is never closed ('[' needs ']', '{{' needs '}}')"
                : "YAML syntax: " + ex.Message;
            errors.Add(new YamlDocumentError(state?.OpenFlow ?? FirstTabIndent(text) ?? SourceMark.Start, message));
            return (null, errors);
        }
    }

    /// <summary>The first tab in a line's leading white space, if any.</summary>
    private static SourceMark? FirstTabIndent(string text)
    {
        var line = 1;
        var column = 1;
        var leading = true;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
                column = 1;
                leading = true;
                continue;
            }

            if (leading && c == '\t')
            {
                return new SourceMark(line, column);
            }

            leading &= c == ' ';
            column++;
        }

        return null;
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 1, Idx: 20) - (Line: ...): "; we print the position ourselves.
        var at = message.LastIndexOf("): ", StringComparison.Ordinal);
        return at >= 0 && message.StartsWith('(') ? message[(at + 3)..] : message;
    }

    private static (int Start, int End) Span(Mark start, Mark end) => ((int)start.Index, (int)Math.Max(start.Index, end.Index));

    private static SourceMark Mark(Mark mark) => new((int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private sealed class TooLargeException(SourceMark mark, string message) : Exception(message)
    {
        public SourceMark Mark { get; } = mark;
    }

    private sealed class State(IParser parser, List<YamlDocumentError> errors)
    {
        private readonly Dictionary<string, YNode> _anchors = new(StringComparer.Ordinal);
        private long _total;

        public YNode ReadNode(int depth)
        {
            if (depth > MaxDepth)
            {
                throw new TooLargeException(Mark(parser.Current!.Start), $"the document nests deeper than {MaxDepth} levels");
            }

            var node = parser.Current switch
            {
                AnchorAlias alias => ReadAlias(alias),
                Scalar scalar => ReadScalar(scalar),
                SequenceStart start => ReadSequence(start, depth),
                MappingStart start => ReadMapping(start, depth),
                var other => throw new YamlException(other!.Start, other.End, $"unexpected {other.GetType().Name}"),
            };
            return node;
        }

        private YNode ReadAlias(AnchorAlias alias)
        {
            parser.MoveNext();
            if (!_anchors.TryGetValue(alias.Value.Value, out var target))
            {
                throw new YamlException(alias.Start, alias.End, $"the alias *{alias.Value.Value} names no anchor defined before it");
            }

            Count(target.Weight, alias.Start);
            return target;
        }

        private YScalar ReadScalar(Scalar scalar)
        {
            parser.MoveNext();
            Count(1, scalar.Start);
            // Scalars repeat across environments (a CIDR, an engine, a port): the specs of a fleet share them.
            var node = new YScalar(SharedStrings.Share(scalar.Value), scalar.Style is ScalarStyle.Plain or ScalarStyle.Any, Mark(scalar.Start))
            {
                Span = Span(scalar.Start, scalar.End),
                Style = scalar.Style,
            };
            Remember(scalar.Anchor, node);
            return node;
        }

        /// <summary>The innermost flow collection ('[' or '{') being read, for errors the parser cannot place.</summary>
        public SourceMark? OpenFlow => _openFlows.Count > 0 ? _openFlows.Peek() : null;

        private readonly Stack<SourceMark> _openFlows = new();

        private YSequence ReadSequence(SequenceStart start, int depth)
        {
            if (start.Style == SequenceStyle.Flow)
            {
                _openFlows.Push(Mark(start.Start));
            }

            parser.MoveNext();
            var items = new List<YNode>();
            long weight = 1;
            while (parser.Current is not SequenceEnd)
            {
                var item = ReadNode(depth + 1);
                weight += item.Weight;
                items.Add(item);
            }

            var end = parser.Consume<SequenceEnd>();
            if (start.Style == SequenceStyle.Flow)
            {
                _openFlows.Pop();
            }

            Count(1, start.Start);
            var node = new YSequence(items, Mark(start.Start), weight) { Span = Span(start.Start, end.End) };
            Remember(start.Anchor, node);
            return node;
        }

        private YMapping ReadMapping(MappingStart start, int depth)
        {
            if (start.Style == MappingStyle.Flow)
            {
                _openFlows.Push(Mark(start.Start));
            }

            parser.MoveNext();
            var entries = new List<KeyValuePair<YScalar, YNode>>();
            // Duplicate keys: a scan of the entries so far while the mapping is small (most are), a dictionary beyond.
            Dictionary<string, SourceMark>? seen = null;
            long weight = 1;
            while (parser.Current is not MappingEnd)
            {
                var keyNode = ReadNode(depth + 1);
                var value = ReadNode(depth + 1);
                weight += keyNode.Weight + value.Weight;
                if (keyNode is not YScalar key)
                {
                    errors.Add(new YamlDocumentError(keyNode.Mark, "a mapping key must be a plain name, not " + keyNode.Describe));
                    continue;
                }

                if (FirstMark(entries, ref seen, key.Value) is { } first)
                {
                    errors.Add(new YamlDocumentError(key.Mark, $"duplicate key '{key.Value}' (first at line {first.Line}, column {first.Column})"));
                    continue;
                }

                seen?.Add(key.Value, key.Mark);
                entries.Add(new KeyValuePair<YScalar, YNode>(key, value));
            }

            var end = parser.Consume<MappingEnd>();
            if (start.Style == MappingStyle.Flow)
            {
                _openFlows.Pop();
            }

            Count(1, start.Start);
            var node = new YMapping(entries, Mark(start.Start), weight)
            {
                Span = Span(start.Start, end.End),
                IsFlow = start.Style == MappingStyle.Flow,
            };
            Remember(start.Anchor, node);
            return node;
        }

        private const int ScanUpTo = 16;

        /// <summary>Where <paramref name="key"/> is already a key of <paramref name="entries"/>, or null.</summary>
        private static SourceMark? FirstMark(List<KeyValuePair<YScalar, YNode>> entries, ref Dictionary<string, SourceMark>? seen, string key)
        {
            if (seen is null && entries.Count >= ScanUpTo)
            {
                seen = new Dictionary<string, SourceMark>(StringComparer.Ordinal);
                foreach (var (k, _) in entries)
                {
                    seen.Add(k.Value, k.Mark);
                }
            }

            if (seen is not null)
            {
                return seen.TryGetValue(key, out var mark) ? mark : null;
            }

            foreach (var (k, _) in entries)
            {
                if (k.Value == key)
                {
                    return k.Mark;
                }
            }

            return null;
        }

        private void Remember(AnchorName anchor, YNode node)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = node;
            }
        }

        private void Count(long weight, Mark at)
        {
            _total += weight;
            if (_total > MaxExpandedNodes)
            {
                throw new TooLargeException(Mark(at), $"the document expands to more than {MaxExpandedNodes:N0} nodes (an alias bomb?)");
            }
        }
    }
}
