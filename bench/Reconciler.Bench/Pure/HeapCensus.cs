using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Reconciler.Bench.Pure;

/// <summary>
/// Where retained bytes go, by type (issue 14, fourth round: "profile first"): walks the object graph from a few roots
/// by reflection, counts each object once (to the first root that reaches it) with its size as the runtime lays it out
/// (the method table's base size, plus the elements of an array or the characters of a string), and sums by root and
/// type. Statics are not walked, so what the process holds anyway (kinds, cached keys arrays) counts only where a root
/// reaches it first. A diagnostic for the bench, not exact to the byte (no GC-side padding), but within a few percent
/// of <c>GC.GetTotalMemory</c>'s difference.
/// </summary>
internal sealed class HeapCensus
{
    private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(string Root, Type Type), (long Count, long Bytes)> _tally = [];
    private readonly Dictionary<Type, FieldInfo[]> _fields = [];

    /// <summary>Counts what <paramref name="root"/> reaches that an earlier root did not.</summary>
    public void Walk(string name, object? root)
    {
        var stack = new Stack<object>();
        Push(stack, root);
        while (stack.TryPop(out var item))
        {
            var type = item.GetType();
            var key = (name, type);
            var (count, bytes) = _tally.GetValueOrDefault(key);
            _tally[key] = (count + 1, bytes + SizeOf(item, type));

            if (item is Array array)
            {
                if (type.GetElementType() is { IsPrimitive: false, IsPointer: false, IsEnum: false })
                {
                    foreach (var value in array)
                    {
                        if (value is not null && value.GetType().IsValueType)
                        {
                            PushFields(stack, value);
                        }
                        else
                        {
                            Push(stack, value);
                        }
                    }
                }

                continue;
            }

            PushFields(stack, item);
        }
    }

    /// <summary>The table: per root, its total; then the types over all roots, largest first.</summary>
    public IEnumerable<string> Report(int environments, int top)
    {
        yield return "| Reached first from | per environment |";
        yield return "| --- | ---: |";
        foreach (var root in _tally.GroupBy(t => t.Key.Root))
        {
            yield return $"| {root.Key} | {Kb(root.Sum(t => t.Value.Bytes) / environments)} |";
        }

        yield return $"| **all** | **{Kb(_tally.Sum(t => t.Value.Bytes) / environments)}** |";
        yield return string.Empty;
        yield return "| Type (all roots) | objects per environment | bytes per environment | where (KB per environment, by root) |";
        yield return "| --- | ---: | ---: | --- |";
        foreach (var type in _tally.GroupBy(t => t.Key.Type).OrderByDescending(g => g.Sum(t => t.Value.Bytes)).Take(top))
        {
            var where = string.Join(", ", type.OrderByDescending(t => t.Value.Bytes).Select(t => $"{t.Key.Root} {Kb(t.Value.Bytes / environments)}"));
            yield return $"| `{Name(type.Key)}` | {(type.Sum(t => t.Value.Count) / (double)environments).ToString("N1", CultureInfo.InvariantCulture)} | " +
                $"{Kb(type.Sum(t => t.Value.Bytes) / environments)} | {where} |";
        }
    }

    private void Push(Stack<object> stack, object? value)
    {
        if (value is null || value is Type || value is Delegate || value is MemberInfo || value is Pointer || !_seen.Add(value))
        {
            return;
        }

        stack.Push(value);
    }

    private void PushFields(Stack<object> stack, object item)
    {
        foreach (var field in Fields(item.GetType()))
        {
            var value = field.GetValue(item);
            if (value is not null && field.FieldType.IsValueType && !field.FieldType.IsPrimitive && !field.FieldType.IsEnum)
            {
                // A struct laid out inline: its references count, not a box of it.
                PushFields(stack, value);
            }
            else if (!field.FieldType.IsValueType)
            {
                Push(stack, value);
            }
        }
    }

    private FieldInfo[] Fields(Type type)
    {
        if (_fields.TryGetValue(type, out var fields))
        {
            return fields;
        }

        var list = new List<FieldInfo>();
        for (var t = type; t is not null; t = t.BaseType)
        {
            list.AddRange(t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(f => !f.FieldType.IsPointer && !f.FieldType.IsByRefLike && !f.FieldType.IsPrimitive && !f.FieldType.IsEnum));
        }

        return _fields[type] = [.. list];
    }

    /// <summary>The size the runtime gives the object: the method table's base size (offset 4), plus the components.</summary>
    private static long SizeOf(object item, Type type)
    {
        if (item is string s)
        {
            return Align(22 + (2L * s.Length));
        }

        var baseSize = Marshal.ReadInt32(type.TypeHandle.Value, 4);
        if (item is Array array)
        {
            // The component size is the low 16 bits of the method table's first word for arrays and strings.
            var component = Marshal.ReadInt32(type.TypeHandle.Value) & 0xFFFF;
            return Align(baseSize + ((long)component * array.LongLength));
        }

        return baseSize;
    }

    private static long Align(long bytes) => (bytes + 7) & ~7L;

    private static string Name(Type type) => type.IsGenericType
        ? (type.Name.IndexOf('`', StringComparison.Ordinal) is var tick and >= 0 ? type.Name[..tick] : type.Name) + "<" + string.Join(",", type.GetGenericArguments().Select(Name)) + ">"
        : type.IsArray ? Name(type.GetElementType()!) + "[]" : type.Name;

    private static string Kb(long bytes) => (bytes / 1024.0).ToString("N2", CultureInfo.InvariantCulture) + " KB";
}
