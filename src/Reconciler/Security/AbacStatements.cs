using Reconciler.Model.Graph;

namespace Reconciler.Security;

/// <summary>
/// The statements of a service's actions, generated from <see cref="AbacReference"/>: deletes and modifications only on
/// resources that carry <c>reconciler:environment</c> (aws:ResourceTag), creations only when they send it with
/// <c>reconciler:logical-id</c> (aws:RequestTag, aws:TagKeys), tagging calls only while one of our creations tags or on
/// our resources, each on the resource types its row names; the other resource types a request names on their own
/// statement without a condition; reads, and writes AWS offers no tag key for, on <c>*</c> in statements whose Sid says so.
/// <paramref name="environments"/> null: the tag must be present (a role of the whole controller, which serves whatever
/// specs its sources hold: a Null condition); otherwise it must equal one of these environments (a role per environment).
/// Statements never pair an action with a resource type its row does not give the condition's key for.
/// </summary>
internal static class AbacStatements
{
    public const string EnvironmentTag = Ownership.EnvironmentTag;

    public static IEnumerable<PolicyStatement> For(IEnumerable<string> actions, IReadOnlyCollection<string>? environments)
    {
        var rows = actions.Distinct(StringComparer.Ordinal)
            .Select(a => AbacReference.Rows.GetValueOrDefault(a) ?? new AbacRow(a, AccessLevel.Write, [], TagGuard.None, [], "no row in the table", RowRead: false))
            .ToList();
        var statements = new List<PolicyStatement>();
        foreach (var service in rows.GroupBy(r => r.Prefix, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            statements.AddRange(ForService(service.Key, [.. service], environments));
        }

        return statements;
    }

    /// <summary>aws:ResourceTag/reconciler:environment present, or one of the environments.</summary>
    public static PolicyCondition Owned(IReadOnlyCollection<string>? environments) => Tag("aws:ResourceTag/" + EnvironmentTag, environments);

    /// <summary>aws:RequestTag/reconciler:environment present, or one of the environments.</summary>
    public static PolicyCondition Requested(IReadOnlyCollection<string>? environments) => Tag("aws:RequestTag/" + EnvironmentTag, environments);

    /// <summary>The request also sends the logical id: what every create of the reconciler tags with.</summary>
    public static PolicyCondition LogicalIdSent { get; } = new("ForAnyValue:StringEquals", AbacReference.TagKeys, [Ownership.LogicalIdTag]);

    private static PolicyCondition Tag(string key, IReadOnlyCollection<string>? environments) =>
        environments is null ? new PolicyCondition("Null", key, ["false"]) : new PolicyCondition("StringEquals", key, [.. environments.Order(StringComparer.Ordinal)]);

    private static IEnumerable<PolicyStatement> ForService(string prefix, List<AbacRow> rows, IReadOnlyCollection<string>? environments)
    {
        var svc = Sid(prefix);
        var reads = rows.Where(r => !r.Mutating).Select(r => r.Action).ToList();
        if (reads.Count > 0)
        {
            yield return PolicyStatement.Of(svc + "Read", reads, ["*"]);
        }

        var unguarded = rows.Where(r => r.Mutating && r.Guard == TagGuard.None).Select(r => r.Action).ToList();
        if (unguarded.Count > 0)
        {
            yield return PolicyStatement.Of(svc + "NoTagCondition", unguarded, ["*"]);
        }

        var owned = rows.Where(r => r.Guard is TagGuard.Owned or TagGuard.TagOnCreateOrOwned or TagGuard.TagOnRequestOrOwned);
        foreach (var group in owned.GroupBy(r => string.Join(',', r.Guarded.Order(StringComparer.Ordinal)), StringComparer.Ordinal))
        {
            var types = group.First().Guarded;
            yield return PolicyStatement.Of(Name(svc, "Owned", types), group.Select(r => r.Action), Arns(prefix, types), Owned(environments));
        }

        foreach (var group in rows.Where(r => r.Guard == TagGuard.Created).GroupBy(r => string.Join(',', r.Guarded.Order(StringComparer.Ordinal)), StringComparer.Ordinal))
        {
            var types = group.First().Guarded;
            yield return PolicyStatement.Of(Name(svc, "Created", types), group.Select(r => r.Action), Arns(prefix, types), Requested(environments), LogicalIdSent);
        }

        // Tag-on-create through the CreateAction key: only our own creations of this policy may tag.
        var creations = rows.Where(r => r.Guard == TagGuard.Created).Select(r => r.Action[(prefix.Length + 1)..]).Order(StringComparer.Ordinal).ToList();
        var onCreate = rows.Where(r => r.Guard == TagGuard.TagOnCreateOrOwned).ToList();
        if (onCreate.Count > 0 && creations.Count > 0)
        {
            yield return PolicyStatement.Of(svc + "TagOnCreate", onCreate.Select(r => r.Action), Arns(prefix, onCreate.SelectMany(r => r.Guarded)),
                new PolicyCondition("StringEquals", AbacReference.CreateActionKeys[prefix], creations), Requested(environments));
        }

        var byRequest = rows.Where(r => r.Guard == TagGuard.TagOnRequestOrOwned).ToList();
        if (byRequest.Count > 0)
        {
            yield return PolicyStatement.Of(svc + "TagOnCreateByRequestTags", byRequest.Select(r => r.Action), Arns(prefix, byRequest.SelectMany(r => r.Guarded)),
                Requested(environments), LogicalIdSent);
        }

        // What the requests name besides their guarded resources, grouped by the exact set of types, so that no action is
        // ever granted, without a condition, a type it is guarded on.
        var referencing = rows.Where(r => r.Guard != TagGuard.None && AbacReference.Referenced.ContainsKey(r.Action));
        foreach (var group in referencing.GroupBy(r => string.Join(',', AbacReference.Referenced[r.Action].Order(StringComparer.Ordinal)), StringComparer.Ordinal))
        {
            var types = AbacReference.Referenced[group.First().Action];
            yield return PolicyStatement.Of(Name(svc, "Referenced", types), group.Select(r => r.Action), Arns(prefix, types));
        }
    }

    private static IEnumerable<string> Arns(string prefix, IEnumerable<string> types) => types.Select(t => AbacReference.Arn(prefix, t)).Distinct(StringComparer.Ordinal);

    private static string Name(string svc, string purpose, IReadOnlyList<string> types) =>
        svc + purpose + (types.Count <= 2 ? string.Concat(types.Order(StringComparer.Ordinal).Select(Sid)) : $"{types.Count}Types");

    /// <summary>A Sid part: letters and digits only, each word capitalized ("loadbalancer/app/" is "LoadbalancerApp", "" is "Any").</summary>
    public static string Sid(string text)
    {
        var words = text.Split(['-', '/', ':', '.'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? "Any" : string.Concat(words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }
}
