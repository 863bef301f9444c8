using System.Diagnostics;
using System.Text.Json;

namespace Reconciler.Tests.Aws.Http;

/// <summary>
/// botocore's service model on this machine (<c>botocore/data/&lt;service&gt;/&lt;version&gt;/service-2.json</c>): the ground
/// truth each hand-written operation is checked against: the operation exists, and every member we send or read exists
/// under that name, at that location.
/// </summary>
internal sealed class BotocoreModel
{
    private static readonly Lazy<string> DataDirectory = new(FindData);
    private static readonly Dictionary<string, BotocoreModel> Cache = new(StringComparer.Ordinal);

    private readonly JsonElement _root;

    private BotocoreModel(JsonElement root) => _root = root;

    public JsonElement Metadata => _root.GetProperty("metadata");

    public static BotocoreModel Load(string service)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(service, out var model))
            {
                var dir = Directory.GetDirectories(Path.Combine(DataDirectory.Value, service)).Order(StringComparer.Ordinal).Last();
                var plain = Path.Combine(dir, "service-2.json");
                using Stream stream = File.Exists(plain)
                    ? File.OpenRead(plain)
                    : new System.IO.Compression.GZipStream(File.OpenRead(plain + ".gz"), System.IO.Compression.CompressionMode.Decompress);
                model = new BotocoreModel(JsonDocument.Parse(stream).RootElement.Clone());
                Cache[service] = model;
            }

            return model;
        }
    }

    public JsonElement Operation(string name)
    {
        Assert.True(_root.GetProperty("operations").TryGetProperty(name, out var op), $"botocore has no operation {name}");
        return op;
    }

    public JsonElement Shape(string name) => _root.GetProperty("shapes").GetProperty(name);

    /// <summary>The shape a dotted member path ends in, starting at an operation's input or output ("Subnets.member" walks lists).</summary>
    public JsonElement Member(string operation, bool input, string path)
    {
        var op = Operation(operation);
        Assert.True(op.TryGetProperty(input ? "input" : "output", out var io), $"{operation} has no {(input ? "input" : "output")}");
        var shape = Shape(io.GetProperty("shape").GetString()!);
        var walked = operation;
        foreach (var part in path.Split('.'))
        {
            walked += "." + part;
            if (shape.GetProperty("type").GetString() == "list")
            {
                shape = Shape(shape.GetProperty("member").GetProperty("shape").GetString()!);
                if (part is "member" or "[]")
                {
                    continue;
                }
            }

            if (shape.GetProperty("type").GetString() == "map")
            {
                shape = Shape(shape.GetProperty(part == "key" ? "key" : "value").GetProperty("shape").GetString()!);
                continue;
            }

            var found = shape.TryGetProperty("members", out var members) && members.TryGetProperty(part, out _);
            Assert.True(found, $"botocore: {walked} does not exist");
            shape = Shape(members.GetProperty(part).GetProperty("shape").GetString()!);
        }

        return shape;
    }

    /// <summary>Asserts each input member path exists.</summary>
    public void AssertInput(string operation, params string[] paths)
    {
        foreach (var path in paths)
        {
            Member(operation, input: true, path);
        }
    }

    /// <summary>Asserts each output member path exists.</summary>
    public void AssertOutput(string operation, params string[] paths)
    {
        foreach (var path in paths)
        {
            Member(operation, input: false, path);
        }
    }

    /// <summary>Asserts the operation exists, with each input member path we send and each output member path we read.</summary>
    public void AssertOperation(string operation, string[] inputs, string[] outputs)
    {
        Operation(operation);
        AssertInput(operation, inputs);
        AssertOutput(operation, outputs);
    }

    /// <summary>The HTTP location of a top-level input member (uri, querystring, header) or null for the body.</summary>
    public string? Location(string operation, string member)
    {
        var input = Shape(Operation(operation).GetProperty("input").GetProperty("shape").GetString()!);
        var m = input.GetProperty("members").GetProperty(member);
        return m.TryGetProperty("location", out var location) ? location.GetString() : null;
    }

    /// <summary>The location name of a top-level input member (a URI label or a query key).</summary>
    public string LocationName(string operation, string member)
    {
        var input = Shape(Operation(operation).GetProperty("input").GetProperty("shape").GetString()!);
        var m = input.GetProperty("members").GetProperty(member);
        return m.TryGetProperty("locationName", out var name) ? name.GetString()! : member;
    }

    /// <summary>The list member name used when a Query list is flattened ("member", or the model's locationName).</summary>
    public string ListMemberName(string operation, string member)
    {
        var list = Member(operation, input: true, member);
        return list.GetProperty("member").TryGetProperty("locationName", out var name) ? name.GetString()! : "member";
    }

    private static string FindData()
    {
        var start = new ProcessStartInfo("python3", ["-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var dir = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return Path.Combine(dir, "data");
    }
}
