using Reconciler.Security;

namespace Reconciler.Tests.Security;

/// <summary>
/// The ABAC table against itself and against the kinds' permissions: every action has a row; a guard only uses keys
/// the row gives the guarded types (the Service Authorization Reference, through its stored export); every mutating
/// action without a guard says why; reads are never guarded.
/// </summary>
public sealed class AbacReferenceTests
{
    private static IEnumerable<string> KindActions => IamActions.ByKind.Values.SelectMany(a => a).Concat(IamActions.ImpliedByKind.Values.SelectMany(a => a));

    public static IEnumerable<object[]> Rows => AbacReference.Rows.Values.Select(r => new object[] { r.Action });

    [Fact]
    public void Rows_Should_CoverEveryActionOfEveryKind_When_ComparedWithTheKindsPermissions()
    {
        var missing = KindActions.Concat(AdoptionPolicy.TagActions).Concat(AdoptionPolicy.UntaggableWrites).Concat(AdoptionPolicy.Reads).Concat(IamActions.ImportActions)
            .Distinct(StringComparer.Ordinal).Where(a => !AbacReference.Rows.ContainsKey(a)).ToList();

        Assert.True(missing.Count == 0, "no row in AbacReference for: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Row_Should_GiveEveryGuardedTypeTheGuardsKeys_When_TheActionIsGuarded(string action)
    {
        var row = AbacReference.Rows[action];
        if (row.Guard == TagGuard.None)
        {
            Assert.Empty(row.Guarded);
            return;
        }

        Assert.True(row.RowRead, $"{action} is guarded but its row was not read");
        Assert.NotEmpty(row.Guarded);
        string[] needed = row.Guard switch
        {
            TagGuard.Owned => [AbacReference.ResourceTag],
            TagGuard.Created => [AbacReference.RequestTag, AbacReference.TagKeys],
            TagGuard.TagOnCreateOrOwned => [AbacReference.ResourceTag, AbacReference.RequestTag, AbacReference.CreateActionKeys[row.Prefix]],
            _ => [AbacReference.ResourceTag, AbacReference.RequestTag, AbacReference.TagKeys],
        };
        foreach (var type in row.Guarded)
        {
            Assert.Contains(type, row.Resources.Select(r => r.Type));
            Assert.All(needed, key => Assert.Contains(key, row.KeysOf(type)));
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Row_Should_SayWhy_When_AMutatingActionHasNoGuard(string action)
    {
        var row = AbacReference.Rows[action];

        if (row.Mutating && row.Guard == TagGuard.None)
        {
            Assert.False(string.IsNullOrWhiteSpace(row.Why), $"{action} is left unconditioned without a reason");
        }

        if (!row.RowRead)
        {
            Assert.Equal(TagGuard.None, row.Guard);
            Assert.Empty(row.Resources);
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Row_Should_NeverBeGuarded_When_TheActionReadsOrLists(string action)
    {
        var row = AbacReference.Rows[action];

        if (!row.Mutating)
        {
            Assert.Equal(TagGuard.None, row.Guard);
            Assert.False(AbacReference.Referenced.ContainsKey(action));
        }
    }

    [Fact]
    public void Referenced_Should_NameOnlyTypesTheRowListsAndNoneItGuards_When_AnActionReferencesOthers()
    {
        foreach (var (action, types) in AbacReference.Referenced)
        {
            var row = AbacReference.Rows[action];
            Assert.NotEqual(TagGuard.None, row.Guard);
            Assert.All(types, t => Assert.Contains(t, row.Resources.Select(r => r.Type)));
            Assert.Empty(types.Intersect(row.Guarded, StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Sources_Should_NameTheReferencePageOfEveryServiceWithARowRead_When_Listed()
    {
        var services = AbacReference.Rows.Values.Where(r => r.RowRead).Select(r => r.Prefix).Distinct(StringComparer.Ordinal).ToList();

        Assert.Contains("ec2", services);
        Assert.All(services, s => Assert.StartsWith("https://docs.aws.amazon.com/service-authorization/latest/reference/list_", AbacReference.Sources[s]));
        Assert.Equal(11, AbacReference.Sources.Count); // the eleven services of the brief, each with its page
    }
}
