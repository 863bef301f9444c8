using System.Collections.Concurrent;
using System.Text.Json;

namespace Reconciler.Tests.Leases;

/// <summary>
/// Counts, at the HTTP layer of a DynamoDB client, the calls per operation and the items DynamoDB read to answer them:
/// Scan and Query bill every item they examine (<c>ScannedCount</c>), GetItem one item, BatchGetItem one per item
/// answered; items handed back by a write (<c>ReturnValues</c>) are counted apart, as a write does not bill reads for
/// them. Read capacity is billed per item (rounded up to 4 KB) for GetItem/BatchGetItem and on the total size read for
/// Scan/Query (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html), so these
/// counts are what the lease table costs. Also compiled into bench/Reconciler.Bench (the leases mode).
/// </summary>
internal sealed class DynamoDbReads : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);
    private long _itemsRead;
    private long _itemsReturnedByWrites;

    public static Func<HttpMessageHandler, HttpMessageHandler> Wrap(DynamoDbReads reads) => inner =>
    {
        reads.InnerHandler = inner;
        return reads;
    };

    public long ItemsRead => Interlocked.Read(ref _itemsRead);

    public long ItemsReturnedByWrites => Interlocked.Read(ref _itemsReturnedByWrites);

    public long Calls => _calls.Values.Sum();

    public IReadOnlyDictionary<string, long> CallsByOperation => new SortedDictionary<string, long>(_calls, StringComparer.Ordinal);

    /// <summary>What was counted since <paramref name="before"/>: calls per operation, items read.</summary>
    public DynamoDbCost Since(DynamoDbCost before)
    {
        var now = Now();
        return new DynamoDbCost(
            now.CallsByOperation.ToDictionary(kv => kv.Key, kv => kv.Value - before.CallsByOperation.GetValueOrDefault(kv.Key)).Where(kv => kv.Value > 0).ToDictionary(),
            now.ItemsRead - before.ItemsRead,
            now.ItemsReturnedByWrites - before.ItemsReturnedByWrites);
    }

    public DynamoDbCost Now() => new(CallsByOperation, ItemsRead, ItemsReturnedByWrites);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The JSON protocol names the operation in X-Amz-Target: "DynamoDB_20120810.Scan".
        var operation = request.Headers.TryGetValues("X-Amz-Target", out var targets) ? targets.First().Split('.')[^1] : "unknown";
        _calls.AddOrUpdate(operation, 1, (_, n) => n + 1);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return response;
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        using var json = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);
        var root = json.RootElement;
        long read = operation switch
        {
            "Scan" or "Query" => root.TryGetProperty("ScannedCount", out var scanned) ? scanned.GetInt64() : 0,
            "GetItem" => root.TryGetProperty("Item", out _) ? 1 : 0,
            "BatchGetItem" => root.TryGetProperty("Responses", out var responses) ? responses.EnumerateObject().Sum(t => t.Value.GetArrayLength()) : 0,
            _ => 0,
        };
        Interlocked.Add(ref _itemsRead, read);
        if (root.TryGetProperty("Attributes", out _))
        {
            Interlocked.Increment(ref _itemsReturnedByWrites);
        }

        // The body was read: hand the caller a fresh copy with the same headers.
        var copy = new ByteArrayContent(body);
        foreach (var header in response.Content.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = copy;
        return response;
    }
}
