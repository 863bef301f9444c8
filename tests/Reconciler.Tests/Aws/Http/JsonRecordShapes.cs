using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Reconciler.Tests.Aws.Http;

/// <summary>
/// The JSON member paths a hand-written record sends or reads, from its <see cref="JsonPropertyNameAttribute"/>s,
/// walking nested records and lists of records (maps and scalars end a path), for checking against botocore.
/// </summary>
internal static class JsonRecordShapes
{
    public static IReadOnlyList<string> Paths(Type type) => Walk(type, string.Empty, 0).ToList();

    /// <summary>Asserts every path of <paramref name="type"/> exists in the operation's input or output.</summary>
    public static void AssertMatches(BotocoreModel model, string operation, bool input, Type type)
    {
        var paths = Paths(type);
        Assert.NotEmpty(paths);
        foreach (var path in paths)
        {
            model.Member(operation, input, path);
        }
    }

    /// <summary>Asserts a request record against the operation's input and, when given, a response record against its output.</summary>
    public static void AssertOperation(BotocoreModel model, string operation, Type request, Type? response)
    {
        AssertMatches(model, operation, input: true, request);
        if (response is not null)
        {
            AssertMatches(model, operation, input: false, response);
        }
    }

    private static IEnumerable<string> Walk(Type type, string prefix, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is not { } name)
            {
                continue;
            }

            var path = prefix + name.Name;
            yield return path;
            if (depth < 4 && Element(property.PropertyType) is { } nested)
            {
                foreach (var inner in Walk(nested, path + ".", depth + 1))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The record a property holds (itself, or the element of a list); null for scalars and maps.</summary>
    private static Type? Element(Type type)
    {
        if (type == typeof(string) || type.IsPrimitive || Nullable.GetUnderlyingType(type) is not null)
        {
            return null;
        }

        if (type.IsGenericType && type.GetGenericArguments().Length == 2)
        {
            return null;
        }

        if (typeof(IEnumerable).IsAssignableFrom(type))
        {
            var element = type.IsGenericType ? type.GetGenericArguments()[0] : null;
            return element is null || element == typeof(string) ? null : Element(element);
        }

        return type.IsClass ? type : null;
    }
}
