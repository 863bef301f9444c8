namespace Reconciler.Tests.Leases;

/// <summary>DynamoDB calls per operation and items read over some span (see <see cref="DynamoDbReads"/>).</summary>
internal sealed record DynamoDbCost(IReadOnlyDictionary<string, long> CallsByOperation, long ItemsRead, long ItemsReturnedByWrites)
{
    public long Calls => CallsByOperation.Values.Sum();

    public override string ToString() =>
        $"{Calls} calls ({string.Join(", ", CallsByOperation.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"))}), {ItemsRead} items read, {ItemsReturnedByWrites} items returned by writes";
}
