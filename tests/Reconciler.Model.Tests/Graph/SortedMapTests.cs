using System.Collections.Immutable;
using Reconciler.Model.Graph;

namespace Reconciler.Model.Tests.Graph;

/// <summary>
/// The compact map of properties, tags and attributes (issue 14): the same answers as the ordinal
/// <see cref="ImmutableSortedDictionary{TKey,TValue}"/> it replaced, value equality, and keys arrays shared between maps
/// with the same key set.
/// </summary>
public sealed class SortedMapTests
{
    private static SortedMap<string> Map(params (string Key, string Value)[] entries) => entries.ToSortedMap(e => e.Key, e => e.Value);

    [Fact]
    public void Enumeration_Should_FollowOrdinalOrder_When_KeysAreGivenInAnyOrder()
    {
        var map = Map(("b", "2"), ("B", "1"), ("a", "3"), ("_", "0"), ("tags.z", "4"));

        Assert.Equal(new[] { "B", "_", "a", "b", "tags.z" }, map.Keys);
        Assert.Equal(new[] { "1", "0", "3", "2", "4" }, map.Values);
        Assert.Equal(map.Keys, map.Select(e => e.Key));
    }

    [Fact]
    public void Lookups_Should_AnswerAsTheDictionary_When_KeysArePresentOrAbsent()
    {
        var entries = Enumerable.Range(0, 40).Select(i => KeyValuePair.Create($"key-{i * 7 % 40}", $"value-{i}")).ToList();
        var map = entries.ToSortedMap();
        var dictionary = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, entries);

        foreach (var key in dictionary.Keys.Append("absent").Append("key-").Append("key-99"))
        {
            Assert.Equal(dictionary.ContainsKey(key), map.ContainsKey(key));
            Assert.Equal(dictionary.TryGetValue(key, out var expected), map.TryGetValue(key, out var actual));
            Assert.Equal(expected, actual);
            Assert.Equal(dictionary.GetValueOrDefault(key), map.GetValueOrDefault(key));
        }

        Assert.Equal(dictionary.Count, map.Count);
        Assert.Equal("value-0", map["key-0"]);
        Assert.Throws<KeyNotFoundException>(() => map["absent"]);
    }

    [Fact]
    public void Conversion_Should_KeepEveryEntryInOrdinalOrder_When_MadeFromAnImmutableSortedDictionary()
    {
        var ordinal = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("b", "2"), KeyValuePair.Create("a", "1")]);
        // The default comparer is not ordinal ("B" sorts after "a" in it): the map re-sorts such a dictionary.
        var other = ImmutableSortedDictionary.CreateRange([KeyValuePair.Create("a", "1"), KeyValuePair.Create("B", "2")]);

        SortedMap<string> fromOrdinal = ordinal;
        SortedMap<string> fromOther = other;

        Assert.Equal(Map(("a", "1"), ("b", "2")), fromOrdinal);
        Assert.Equal(new[] { "B", "a" }, fromOther.Keys);
        Assert.Same(SortedMap<string>.Empty, (SortedMap<string>)ImmutableSortedDictionary<string, string>.Empty);
    }

    [Fact]
    public void Equals_Should_CompareEntries_When_MapsAreDifferentInstances()
    {
        var a = Map(("x", "1"), ("y", "2"));
        var b = Map(("y", "2"), ("x", "1"));

        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.False(a.Equals(Map(("x", "1"), ("y", "3"))));
        Assert.False(a.Equals(Map(("x", "1"))));
        Assert.False(a.Equals(Map(("x", "1"), ("z", "2"))));
        Assert.False(a.Equals(null));
    }

    [Fact]
    public void SetItem_Should_ReturnANewMapAndLeaveTheOldOne_When_AValueChangesOrAKeyIsAdded()
    {
        var map = Map(("b", "2"), ("d", "4"));

        var changed = map.SetItem("b", "20");
        var added = map.SetItem("c", "3").SetItem("a", "1").SetItem("e", "5");

        Assert.Equal(Map(("b", "20"), ("d", "4")), changed);
        Assert.Equal(new[] { "a", "b", "c", "d", "e" }, added.Keys);
        Assert.Equal(new[] { "1", "2", "3", "4", "5" }, added.Values);
        Assert.Equal(Map(("b", "2"), ("d", "4")), map);
        Assert.Same(map, map.SetItem("b", "2"));
    }

    [Fact]
    public void Remove_Should_DropTheKey_When_ItIsPresent()
    {
        var map = Map(("a", "1"), ("b", "2"), ("c", "3"));

        Assert.Equal(Map(("a", "1"), ("c", "3")), map.Remove("b"));
        Assert.Same(map, map.Remove("absent"));
        Assert.Same(SortedMap<string>.Empty, Map(("a", "1")).Remove("a"));
        Assert.Equal(3, map.Count);
    }

    [Fact]
    public void Add_Should_Throw_When_TheKeyHoldsAnotherValue()
    {
        var map = Map(("a", "1"));

        Assert.Equal(Map(("a", "1"), ("b", "2")), map.Add("b", "2"));
        Assert.Same(map, map.Add("a", "1"));
        Assert.Throws<ArgumentException>(() => map.Add("a", "2"));
        Assert.Throws<ArgumentException>(() => new[] { ("a", "1"), ("a", "2") }.ToSortedMap(e => e.Item1, e => e.Item2));
        Assert.Equal(Map(("a", "1")), new[] { ("a", "1"), ("a", "1") }.ToSortedMap(e => e.Item1, e => e.Item2));
    }

    [Fact]
    public void KeyArray_Should_BeShared_When_MapsHaveTheSameKeySet()
    {
        // Built apart, from strings of their own, as two resources of one kind are.
        var first = Map((new string("cidr".AsSpan()), "10.0.0.0/16"), ("enableDnsHostnames", "true"));
        var second = Map(("enableDnsHostnames", "false"), (new string("cidr".AsSpan()), "10.1.0.0/16"));
        var third = first.SetItem("cidr", "10.2.0.0/16");

        Assert.Same(first.KeyArray, second.KeyArray);
        Assert.Same(first.KeyArray, third.KeyArray);
        Assert.NotSame(first.KeyArray, first.SetItem("other", "x").KeyArray);
        Assert.Same(first.KeyArray, first.SetItem("other", "x").Remove("other").KeyArray);
    }

    [Fact]
    public void LastWins_Should_KeepTheLaterValueInOrdinalOrder_When_AKeyIsGivenTwice()
    {
        var map = SortedMap<string>.LastWins([("b", "1"), ("a", "2"), ("b", "3"), ("C", "4"), ("a", "5"), ("b", "6")]);

        Assert.Equal(new[] { "C", "a", "b" }, map.Keys);
        Assert.Equal(new[] { "4", "5", "6" }, map.Values);
        Assert.Same(SortedMap<string>.Empty, SortedMap<string>.LastWins([]));
    }

    [Fact]
    public void SelectValues_Should_ReturnTheSameMap_When_NoValueChanges()
    {
        var map = Map(("a", "1"), ("b", "2"));

        Assert.Same(map, map.SelectValues((_, v) => v));
        var changed = map.SelectValues((k, v) => k == "b" ? "20" : v);
        Assert.Equal(Map(("a", "1"), ("b", "20")), changed);
        Assert.Same(map.KeyArray, changed.KeyArray);
    }
}
