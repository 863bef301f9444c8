using System.Globalization;

namespace Reconciler.Aws.Http;

/// <summary>
/// The form parameters of a Query call. Lists are flattened the way each service's model names its members:
/// <c>Subnets.member.1</c> (ELBv2, IAM) or <c>VpcSecurityGroupIds.VpcSecurityGroupId.1</c> (RDS).
/// </summary>
internal sealed class QueryParams
{
    private readonly List<KeyValuePair<string, string>> _values = [];

    public IReadOnlyList<KeyValuePair<string, string>> Values => _values;

    public QueryParams Add(string name, string? value)
    {
        if (value is not null)
        {
            _values.Add(new(name, value));
        }

        return this;
    }

    public QueryParams Add(string name, int? value) =>
        value is null ? this : Add(name, value.Value.ToString(CultureInfo.InvariantCulture));

    public QueryParams Add(string name, bool? value) =>
        value is null ? this : Add(name, value.Value ? "true" : "false");

    public QueryParams List(string name, IEnumerable<string>? items, string member = "member")
    {
        var i = 1;
        foreach (var item in items ?? [])
        {
            _values.Add(new($"{name}.{member}.{i++}", item));
        }

        return this;
    }

    /// <summary>A list of structures: <paramref name="fields"/> gives each element's members.</summary>
    public QueryParams Structures<T>(string name, IEnumerable<T>? items, Func<T, IEnumerable<(string Field, string? Value)>> fields, string member = "member")
    {
        var i = 1;
        foreach (var item in items ?? [])
        {
            foreach (var (field, value) in fields(item))
            {
                Add($"{name}.{member}.{i}.{field}", value);
            }

            i++;
        }

        return this;
    }

    public QueryParams Tags(IReadOnlyDictionary<string, string>? tags, string name = "Tags", string member = "member") =>
        Structures(name, tags, t => [("Key", t.Key), ("Value", t.Value)], member);
}
