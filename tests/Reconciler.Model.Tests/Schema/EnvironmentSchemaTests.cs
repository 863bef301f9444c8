using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Reconciler.Model.Loading;
using YamlDotNet.RepresentationModel;

namespace Reconciler.Model.Tests.Schema;

/// <summary>
/// Keeps schema/environment.schema.json (for editors) in step with SpecBinder (the source of truth): every key of the
/// sample is in the schema, and every property, required list, default, enum and range of the schema is what the
/// binder does, found by editing the sample and loading it with <see cref="SpecLoader.LoadText"/>.
/// </summary>
public sealed partial class EnvironmentSchemaTests
{
    private const string UnknownField = "unknown field";
    private const string MissingRequired = "missing required field";
    private const string OutOfRange = "out of range";
    private const string ControlKey = "zzNotAField";

    private static readonly Lazy<string> Root = new(() => FindRepoRoot());
    private static readonly Lazy<JsonElement> SchemaRoot = new(() => JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(SchemaPath)));
    private static readonly Lazy<string> SampleText = new(() => File.ReadAllText(SamplePath));

    [GeneratedRegex(@"(?:one of|use) (?<list>.+?)(?: \(did you mean '[^']*'\?\))?$")]
    private static partial Regex ChoiceList();

    private static string SchemaPath => Path.Combine(Root.Value, "schema", "environment.schema.json");

    private static string SamplePath => Path.Combine(Root.Value, "samples", "environment.yaml");

    [Fact]
    public void SchemaFile_Should_ParseAndResolveEveryRef_When_Read()
    {
        var schema = JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(SchemaPath));
        Assert.Equal(JsonValueKind.Object, schema.ValueKind);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.GetProperty("$schema").GetString());

        var failures = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        CollectRefs(schema, "#", failures, used);
        foreach (var def in schema.GetProperty("$defs").EnumerateObject())
        {
            if (!used.Contains("#/$defs/" + def.Name))
            {
                failures.Add($"#/$defs/{def.Name} is never referenced");
            }
        }

        Assert.NotEmpty(used);
        Fail(failures);
    }

    [Fact]
    public void SchemaObjects_Should_BeClosedDescribedAndConsistent_When_Declared()
    {
        var failures = new List<string>();
        CheckStructure(SchemaRoot.Value, "#", failures);
        Fail(failures);
    }

    [Fact]
    public void Sample_Should_PointEditorsAtSchema_When_OpenedInEditor()
    {
        var first = SampleText.Value.Split('\n')[0].TrimEnd('\r');
        const string Prefix = "# yaml-language-server: $schema=";
        Assert.StartsWith(Prefix, first, StringComparison.Ordinal);
        var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(SamplePath)!, first[Prefix.Length..]));
        Assert.Equal(Path.GetFullPath(SchemaPath), target);
    }

    [Fact]
    public void SampleKeys_Should_BeSchemaProperties_When_SampleIsWalkedAlongSchema()
    {
        var failures = new List<string>();
        var root = LoadSampleYaml().Documents[0].RootNode;
        var visited = WalkSample(root, SchemaRoot.Value, string.Empty, failures);
        Assert.True(visited > 100, $"only {visited} sample keys were walked");
        Fail(failures);
    }

    [Fact]
    public void SchemaObjectSites_Should_CoverEveryNestedShape_When_Enumerated()
    {
        var paths = ObjectSites().Select(s => PathText(s.Path)).ToList();
        Assert.Equal(paths.Count, paths.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(string.Empty, paths);
        Assert.Contains("spec.securityGroups[0].egress[0]", paths);
        Assert.Contains("spec.loadBalancers[0].targetGroups[0].healthCheck", paths);
        Assert.Contains("spec.taskDefinitions[0].containers[0].image", paths);
        Assert.Contains("spec.services[0].loadBalancer", paths);
        Assert.Contains("spec.buckets[0]", paths);
    }

    [Fact]
    public void SchemaProperties_Should_BeKnownToBinder_When_InjectedIntoSample()
    {
        var failures = new List<string>();
        foreach (var site in ObjectSites())
        {
            // Control: a key the binder cannot know must be reported at this path, else the object was never bound
            // there and the checks below would pass for nothing.
            var control = Load(EditSample(site.Path, map => Set(map, ControlKey, new YamlScalarNode("x"))));
            var controlPath = Join(PathText(site.Path), ControlKey);
            if (!control.Diagnostics.Any(d => d.Path == controlPath && d.Message.StartsWith(UnknownField, StringComparison.Ordinal)))
            {
                failures.Add($"{controlPath}: an unknown key was not reported, so the binder does not read a mapping at {PathText(site.Path)}");
                continue;
            }

            foreach (var property in Properties(site.Schema))
            {
                var path = Join(PathText(site.Path), property.Name);
                var loaded = Load(EditSample(site.Path, map => Set(map, property.Name, ExampleValue(property.Value))));
                foreach (var d in loaded.Diagnostics.Where(d => d.Path == path && d.Message.Contains(UnknownField, StringComparison.Ordinal)))
                {
                    failures.Add($"{path}: the schema declares it, the binder says: {d.Message}");
                }
            }
        }

        Fail(failures);
    }

    [Fact]
    public void SchemaRequired_Should_MatchBinderRequiredFields_When_PropertyIsRemoved()
    {
        var failures = new List<string>();
        foreach (var site in ObjectSites())
        {
            var required = RequiredOf(site.Schema);
            var conditional = ConditionalNames(site.Schema);
            foreach (var property in Properties(site.Schema))
            {
                var path = Join(PathText(site.Path), property.Name);
                var loaded = Load(EditSample(site.Path, map => Remove(map, property.Name)));
                var missing = loaded.Diagnostics.Any(d => d.Path == path && d.Message == MissingRequired);
                if (required.Contains(property.Name) && !missing)
                {
                    failures.Add($"{path}: the schema requires it, the binder does not");
                }
                else if (!required.Contains(property.Name) && missing && !conditional.Contains(property.Name))
                {
                    failures.Add($"{path}: the binder requires it, the schema does not");
                }
            }
        }

        Fail(failures);
    }

    [Fact]
    public void SchemaDefaults_Should_MatchBoundValues_When_PropertyIsOmitted()
    {
        var failures = new List<string>();
        var checkedDefaults = 0;
        foreach (var site in ObjectSites())
        {
            foreach (var property in Properties(site.Schema))
            {
                if (!Keyword(property.Value, "default", out var expected))
                {
                    continue;
                }

                checkedDefaults++;
                var path = Join(PathText(site.Path), property.Name);
                var loaded = Load(EditSample(site.Path, map => Remove(map, property.Name)));
                if (loaded.Document is null)
                {
                    failures.Add($"{path}: the document did not bind without it");
                    continue;
                }

                if (!TryGetRecordValue(loaded.Document, [.. site.Path, Seg.Field(property.Name)], out var actual, out var error))
                {
                    failures.Add($"{path}: {error}");
                    continue;
                }

                var want = JsonText(expected);
                var got = RecordText(actual);
                var comparison = actual is Enum ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                if (!string.Equals(want, got, comparison))
                {
                    failures.Add($"{path}: the schema's default is {want}, the binder gives {got}");
                }
            }
        }

        Assert.True(checkedDefaults > 20, $"only {checkedDefaults} defaults were checked");
        Fail(failures);
    }

    [Fact]
    public void SchemaEnums_Should_MatchBinderChoices_When_EachValueIsInjected()
    {
        var failures = new List<string>();
        var checkedEnums = 0;
        foreach (var site in ObjectSites())
        {
            foreach (var property in Properties(site.Schema))
            {
                var schema = Resolve(property.Value);
                var inList = false;
                if (!TryGetChoices(schema, out var choices))
                {
                    if (!schema.TryGetProperty("items", out var items) || !TryGetChoices(Resolve(items), out choices))
                    {
                        continue;
                    }

                    inList = true;
                }

                checkedEnums++;
                var path = Join(PathText(site.Path), property.Name);
                var valuePath = inList ? path + "[0]" : path;
                YamlNode Wrap(YamlNode scalar) => inList ? new YamlSequenceNode(scalar) : scalar;
                foreach (var choice in choices)
                {
                    var loaded = Load(EditSample(site.Path, map => Set(map, property.Name, Wrap(Scalar(choice)))));
                    foreach (var d in loaded.Errors.Where(d => d.Path == valuePath))
                    {
                        failures.Add($"{valuePath}: the schema allows {JsonText(choice)}, the binder says: {d.Message}");
                    }
                }

                if (choices.All(c => c.ValueKind == JsonValueKind.String))
                {
                    // A wrong choice must be refused, and where the binder lists its choices they must be the schema's.
                    var loaded = Load(EditSample(site.Path, map => Set(map, property.Name, Wrap(new YamlScalarNode("zz-not-a-choice")))));
                    var refusal = loaded.Errors.FirstOrDefault(d => d.Path == valuePath);
                    var schemaChoices = choices.Select(JsonText).ToList();
                    if (refusal is null)
                    {
                        failures.Add($"{valuePath}: the schema limits it to {string.Join(", ", schemaChoices)}, the binder accepts anything");
                    }
                    else if (ChoiceList().Match(refusal.Message) is { Success: true } listed &&
                             !listed.Groups["list"].Value.Split(", ").ToHashSet(StringComparer.Ordinal).SetEquals(schemaChoices))
                    {
                        failures.Add($"{valuePath}: the schema lists {string.Join(", ", schemaChoices)}, the binder lists {listed.Groups["list"].Value}");
                    }
                }
            }
        }

        Assert.True(checkedEnums > 10, $"only {checkedEnums} enums were checked");
        Fail(failures);
    }

    [Fact]
    public void SchemaRanges_Should_MatchBinderLimits_When_BoundaryValuesAreInjected()
    {
        var failures = new List<string>();
        var checkedRanges = 0;
        foreach (var site in ObjectSites())
        {
            var conditional = ConditionalNames(site.Schema);
            foreach (var property in Properties(site.Schema))
            {
                if (conditional.Contains(property.Name) || !HasType(Resolve(property.Value), "integer") ||
                    !Keyword(property.Value, "minimum", out var minimum) || !Keyword(property.Value, "maximum", out var maximum))
                {
                    continue;
                }

                checkedRanges++;
                var path = Join(PathText(site.Path), property.Name);
                var min = minimum.GetInt64();
                var max = maximum.GetInt64();
                foreach (var (value, inside) in new[] { (min, true), (max, true), (min - 1, false), (max + 1, false) })
                {
                    var text = value.ToString(CultureInfo.InvariantCulture);
                    var loaded = Load(EditSample(site.Path, map => Set(map, property.Name, new YamlScalarNode(text))));
                    var rejected = loaded.Diagnostics.Any(d => d.Path == path && d.Message.Contains(OutOfRange, StringComparison.Ordinal));
                    if (inside == rejected)
                    {
                        failures.Add($"{path}: the schema's range is {min}-{max}, the binder {(rejected ? "rejects" : "accepts")} {text}");
                    }
                }
            }
        }

        Assert.True(checkedRanges >= 15, $"only {checkedRanges} ranges were checked");
        Fail(failures);
    }

    // ---- the schema ----

    private sealed record Site(IReadOnlyList<Seg> Path, JsonElement Schema);

    /// <summary>One step of a field path: a key, or the first item of a list.</summary>
    private readonly record struct Seg(string? Key)
    {
        public static Seg Field(string key) => new(key);

        public static Seg FirstItem => new(null);

        public bool IsItem => Key is null;
    }

    /// <summary>Every object shape reachable from the root, with the field path where it sits in a document.</summary>
    private static List<Site> ObjectSites()
    {
        var sites = new List<Site>();
        Visit(SchemaRoot.Value, [], 0);
        return sites;

        void Visit(JsonElement raw, List<Seg> path, int depth)
        {
            Assert.True(depth < 32, $"the schema nests deeper than expected at {PathText(path)}");
            var schema = Resolve(raw);
            if (schema.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (schema.TryGetProperty("properties", out var properties))
            {
                sites.Add(new Site(path, schema));
                foreach (var property in properties.EnumerateObject())
                {
                    Visit(property.Value, [.. path, Seg.Field(property.Name)], depth + 1);
                }
            }

            if (schema.TryGetProperty("items", out var items))
            {
                Visit(items, [.. path, Seg.FirstItem], depth + 1);
            }

            foreach (var keyword in new[] { "oneOf", "anyOf" })
            {
                if (schema.TryGetProperty(keyword, out var branches))
                {
                    foreach (var branch in branches.EnumerateArray())
                    {
                        Visit(branch, path, depth + 1);
                    }
                }
            }
        }
    }

    private static IEnumerable<JsonProperty> Properties(JsonElement schema) =>
        schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject() : [];

    private static HashSet<string> RequiredOf(JsonElement schema) =>
        schema.TryGetProperty("required", out var required)
            ? required.EnumerateArray().Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];

    /// <summary>Names that conditional subschemas (allOf, oneOf, anyOf, if/then/else) require or constrain.</summary>
    private static HashSet<string> ConditionalNames(JsonElement schema)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var keyword in new[] { "allOf", "oneOf", "anyOf", "if", "then", "else" })
        {
            if (!schema.TryGetProperty(keyword, out var sub))
            {
                continue;
            }

            foreach (var branch in sub.ValueKind == JsonValueKind.Array ? sub.EnumerateArray().ToList() : [sub])
            {
                if (branch.ValueKind != JsonValueKind.Object || branch.TryGetProperty("$ref", out _))
                {
                    continue;
                }

                names.UnionWith(RequiredOf(branch));
                names.UnionWith(Properties(branch).Select(p => p.Name));
                names.UnionWith(ConditionalNames(branch));
            }
        }

        return names;
    }

    private static JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference); hops++)
        {
            Assert.True(hops < 16, "a $ref cycle");
            Assert.True(TryResolvePointer(reference.GetString()!, out schema), $"unresolved $ref {reference.GetString()}");
        }

        return schema;
    }

    private static bool TryResolvePointer(string reference, out JsonElement target)
    {
        target = SchemaRoot.Value;
        if (!reference.StartsWith('#'))
        {
            return false;
        }

        foreach (var raw in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty(token, out target))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A keyword of a property schema, written beside its $ref or in the schema the $ref points to.</summary>
    private static bool Keyword(JsonElement schema, string name, out JsonElement value) =>
        schema.TryGetProperty(name, out value) || Resolve(schema).TryGetProperty(name, out value);

    private static bool HasType(JsonElement schema, string type)
    {
        if (!schema.TryGetProperty("type", out var declared))
        {
            return false;
        }

        return declared.ValueKind == JsonValueKind.Array
            ? declared.EnumerateArray().Any(t => t.GetString() == type)
            : declared.GetString() == type;
    }

    private static bool TryGetChoices(JsonElement schema, out List<JsonElement> choices)
    {
        if (schema.TryGetProperty("enum", out var values))
        {
            choices = [.. values.EnumerateArray()];
            return true;
        }

        if (schema.TryGetProperty("const", out var value))
        {
            choices = [value];
            return true;
        }

        choices = [];
        return false;
    }

    private static void CollectRefs(JsonElement element, string at, List<string> failures, HashSet<string> used)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "$ref")
                    {
                        var reference = property.Value.GetString() ?? string.Empty;
                        used.Add(reference);
                        if (!TryResolvePointer(reference, out _))
                        {
                            failures.Add($"{at}: $ref {reference} does not resolve");
                        }
                    }
                    else
                    {
                        CollectRefs(property.Value, $"{at}/{property.Name}", failures, used);
                    }
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CollectRefs(item, $"{at}/{i++}", failures, used);
                }

                break;
        }
    }

    /// <summary>Walks schemas by keyword: objects closed, properties described, required declared, defaults allowed.</summary>
    private static void CheckStructure(JsonElement schema, string at, List<string> failures)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var hasProperties = schema.TryGetProperty("properties", out var properties);
        if (HasType(schema, "object"))
        {
            if (!schema.TryGetProperty("additionalProperties", out var additional))
            {
                failures.Add($"{at}: an object without additionalProperties");
            }
            else if (hasProperties && additional.ValueKind != JsonValueKind.False)
            {
                failures.Add($"{at}: an object with properties must have additionalProperties: false");
            }

            if (hasProperties)
            {
                foreach (var property in properties.EnumerateObject())
                {
                    if (!property.Value.TryGetProperty("description", out var description) || string.IsNullOrWhiteSpace(description.GetString()))
                    {
                        failures.Add($"{at}/properties/{property.Name}: no description");
                    }
                }

                foreach (var name in RequiredOf(schema).Where(n => !properties.TryGetProperty(n, out _)))
                {
                    failures.Add($"{at}: requires '{name}', which is not a property");
                }
            }
        }

        if (schema.TryGetProperty("default", out var value))
        {
            var resolved = Resolve(schema);
            if (resolved.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonText(a) == JsonText(value)))
            {
                failures.Add($"{at}: the default {JsonText(value)} is not in its enum");
            }

            if (value.ValueKind == JsonValueKind.Number &&
                ((resolved.TryGetProperty("minimum", out var min) && value.GetDouble() < min.GetDouble()) ||
                 (resolved.TryGetProperty("maximum", out var max) && value.GetDouble() > max.GetDouble())))
            {
                failures.Add($"{at}: the default {JsonText(value)} is out of its range");
            }
        }

        if (hasProperties)
        {
            foreach (var property in properties.EnumerateObject())
            {
                CheckStructure(property.Value, $"{at}/properties/{property.Name}", failures);
            }
        }

        foreach (var keyword in new[] { "items", "additionalProperties", "propertyNames", "not", "if", "then", "else" })
        {
            if (schema.TryGetProperty(keyword, out var sub))
            {
                CheckStructure(sub, $"{at}/{keyword}", failures);
            }
        }

        foreach (var keyword in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(keyword, out var branches))
            {
                var i = 0;
                foreach (var branch in branches.EnumerateArray())
                {
                    CheckStructure(branch, $"{at}/{keyword}/{i++}", failures);
                }
            }
        }

        if (schema.TryGetProperty("$defs", out var defs))
        {
            foreach (var def in defs.EnumerateObject())
            {
                CheckStructure(def.Value, $"{at}/$defs/{def.Name}", failures);
            }
        }
    }

    /// <summary>The branch of <paramref name="schema"/> (itself or one of its oneOf/anyOf) that takes a value of <paramref name="kind"/>.</summary>
    private static JsonElement? Branch(JsonElement schema, string kind)
    {
        schema = Resolve(schema);
        if (HasType(schema, kind) || (kind == "object" && schema.TryGetProperty("properties", out _)))
        {
            return schema;
        }

        foreach (var keyword in new[] { "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(keyword, out var branches))
            {
                foreach (var branch in branches.EnumerateArray())
                {
                    if (Branch(branch, kind) is { } hit)
                    {
                        return hit;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Follows the sample and the schema together; returns how many keys were found in the schema.</summary>
    private static int WalkSample(YamlNode node, JsonElement schema, string path, List<string> failures)
    {
        var count = 0;
        switch (node)
        {
            case YamlMappingNode map:
                if (Branch(schema, "object") is not { } objectSchema)
                {
                    failures.Add($"{Show(path)}: a mapping where the schema takes none");
                    break;
                }

                foreach (var (keyNode, value) in map.Children)
                {
                    var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
                    var child = Join(path, key);
                    if (objectSchema.TryGetProperty("properties", out var properties) && properties.TryGetProperty(key, out var propertySchema))
                    {
                        count += 1 + WalkSample(value, propertySchema, child, failures);
                    }
                    else if (objectSchema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
                    {
                        count += 1 + WalkSample(value, additional, child, failures);
                    }
                    else
                    {
                        failures.Add($"{child}: in the sample, not in the schema");
                    }
                }

                break;
            case YamlSequenceNode sequence:
                if (Branch(schema, "array") is not { } arraySchema || !arraySchema.TryGetProperty("items", out var items))
                {
                    failures.Add($"{Show(path)}: a list where the schema takes none");
                    break;
                }

                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    count += WalkSample(sequence.Children[i], items, $"{path}[{i}]", failures);
                }

                break;
            default:
                if (new[] { "string", "integer", "number", "boolean", "null" }.All(kind => Branch(schema, kind) is null))
                {
                    failures.Add($"{Show(path)}: a scalar where the schema takes an object or a list");
                }

                break;
        }

        return count;
    }

    /// <summary>A value of the property's type: its first enum value, its minimum, "x", true, [] or {}.</summary>
    private static YamlNode ExampleValue(JsonElement propertySchema)
    {
        var schema = Resolve(propertySchema);
        if (TryGetChoices(schema, out var choices))
        {
            return Scalar(choices[0]);
        }

        if (schema.TryGetProperty("oneOf", out var branches))
        {
            return ExampleValue(branches.EnumerateArray().First());
        }

        var type = !schema.TryGetProperty("type", out var declared) ? "string"
            : declared.ValueKind == JsonValueKind.Array ? declared[0].GetString()
            : declared.GetString();
        return type switch
        {
            "integer" or "number" => new YamlScalarNode(schema.TryGetProperty("minimum", out var min) ? min.GetRawText() : "1"),
            "boolean" => new YamlScalarNode("true"),
            "array" => new YamlSequenceNode(),
            "object" => new YamlMappingNode(),
            _ => new YamlScalarNode("x"),
        };
    }

    private static string JsonText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    private static YamlScalarNode Scalar(JsonElement value) => new(JsonText(value));

    // ---- the sample ----

    private static YamlStream LoadSampleYaml()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(SampleText.Value));
        return stream;
    }

    /// <summary>
    /// The sample as text after <paramref name="edit"/> ran on the mapping at <paramref name="path"/>; missing mappings
    /// and lists on the way are created (a list gets one empty mapping).
    /// </summary>
    private static string EditSample(IReadOnlyList<Seg> path, Action<YamlMappingNode> edit)
    {
        var stream = LoadSampleYaml();
        YamlNode current = stream.Documents[0].RootNode;
        for (var i = 0; i < path.Count; i++)
        {
            var nextIsItem = i + 1 < path.Count && path[i + 1].IsItem;
            YamlNode Fresh() => nextIsItem ? new YamlSequenceNode() : new YamlMappingNode();
            bool Fits(YamlNode node) => nextIsItem ? node is YamlSequenceNode : node is YamlMappingNode;

            if (path[i].Key is { } key)
            {
                var map = (YamlMappingNode)current;
                var child = Get(map, key);
                if (child is null || !Fits(child))
                {
                    child = Fresh();
                    Set(map, key, child);
                }

                current = child;
            }
            else
            {
                var sequence = (YamlSequenceNode)current;
                if (sequence.Children.Count == 0)
                {
                    sequence.Children.Add(Fresh());
                }
                else if (!Fits(sequence.Children[0]))
                {
                    sequence.Children[0] = Fresh();
                }

                current = sequence.Children[0];
            }
        }

        edit((YamlMappingNode)current);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    private static YamlNode? KeyNode(YamlMappingNode map, string key) =>
        map.Children.Keys.FirstOrDefault(k => k is YamlScalarNode s && s.Value == key);

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        KeyNode(map, key) is { } k ? map.Children[k] : null;

    private static void Set(YamlMappingNode map, string key, YamlNode value)
    {
        if (KeyNode(map, key) is { } existing)
        {
            map.Children[existing] = value;
        }
        else
        {
            map.Add(new YamlScalarNode(key), value);
        }
    }

    private static void Remove(YamlMappingNode map, string key)
    {
        if (KeyNode(map, key) is { } existing)
        {
            map.Children.Remove(existing);
        }
    }

    private static LoadedSpec Load(string yaml) => SpecLoader.LoadText(yaml, "schema-test.yaml");

    // ---- the bound records ----

    /// <summary>Follows a field path through the records by property name (camelCase key to PascalCase property).</summary>
    private static bool TryGetRecordValue(object root, IReadOnlyList<Seg> path, out object? value, out string error)
    {
        value = root;
        foreach (var seg in path)
        {
            if (value is null)
            {
                error = "the record path ends in null";
                return false;
            }

            if (seg.Key is { } key)
            {
                var name = char.ToUpperInvariant(key[0]) + key[1..];
                var property = value.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
                if (property is null)
                {
                    error = $"{value.GetType().Name} has no property {name}";
                    return false;
                }

                value = property.GetValue(value);
            }
            else
            {
                var first = value is IEnumerable items ? items.Cast<object?>().FirstOrDefault() : null;
                if (first is null)
                {
                    error = $"{value.GetType().Name} is not a non-empty list";
                    return false;
                }

                value = first;
            }
        }

        error = string.Empty;
        return true;
    }

    private static string RecordText(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };

    // ---- paths and helpers ----

    private static string PathText(IEnumerable<Seg> path)
    {
        var text = string.Empty;
        foreach (var seg in path)
        {
            text = seg.Key is { } key ? Join(text, key) : text + "[0]";
        }

        return text;
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private static string Show(string path) => path.Length == 0 ? "(root)" : path;

    private static void Fail(List<string> failures)
    {
        if (failures.Count > 0)
        {
            Assert.Fail($"{failures.Count} problem(s) with schema/environment.schema.json:\n" + string.Join("\n", failures));
        }
    }

    private static string FindRepoRoot([CallerFilePath] string sourceFile = "")
    {
        // The build output may live outside the repository (--artifacts-path), so fall back to this file's own path.
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile), Directory.GetCurrentDirectory() })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Reconciler.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Reconciler.sln not found above " + AppContext.BaseDirectory);
    }
}
