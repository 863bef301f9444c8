using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Reconciler.Aws;

namespace Reconciler.Leases;

/// <summary>
/// The lease table in DynamoDB (key <c>pk</c>, string; the schema of the Scan-based version, unchanged). A lease round
/// costs in proportion to the replicas, not the environments:
/// <list type="bullet">
/// <item>One registry item, <c>pk = replicas</c>: a <c>version</c> number and one attribute per replica,
/// <c>replica#ID = "INCARNATION@EXPIRES_MS"</c> (<see cref="ReplicaEntry"/>). A heartbeat is one conditional
/// UpdateItem of this replica's attribute that hands the whole item back (ReturnValues ALL_NEW: strongly consistent and
/// no read capacity, https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html), so one call
/// both beats and reads every replica's heartbeat.</item>
/// <item>One item per environment, <c>pk = env#NAME</c>: holder, generation (the fencing token: every new holder gets a
/// higher one) and the holder's incarnation. It is not renewed every round: a lease is valid while its holder's
/// heartbeat is, and is taken over only once that incarnation is dead (<see cref="ReplicaRegistry.IsDead"/>). Items are
/// read (BatchGetItem) only for environments this replica should hold and does not, and written only to take, release
/// or confirm them.</item>
/// </list>
/// Every write that decides who holds what is conditional on the state it was decided from, so two replicas never both
/// succeed (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html;
/// a failed condition is ConditionalCheckFailedException and changes nothing). A lapsed replica is expelled (its
/// attribute removed, on the condition that it still holds the lapsed value) before anything it held is taken, so its
/// next heartbeat fails and it drops every lease. Time is the injected <see cref="TimeProvider"/>'s; replicas' clocks are
/// assumed to agree to well within a lease period. Every call goes through <see cref="AwsCallRunner"/>.
/// </summary>
internal sealed class LeaseStore(IAmazonDynamoDB dynamo, AwsCallRunner runner, LeaseOptions options, TimeProvider time)
{
    private const string Key = "pk";
    private const string EnvironmentPrefix = "env#";
    private const string RegistryKey = "replicas";
    private const string ReplicaPrefix = "replica#";
    private const string Version = "version";
    private const string ConditionFailed = "ConditionalCheckFailedException";

    /// <summary>BatchGetItem takes at most 100 keys (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html).</summary>
    private const int BatchSize = 100;

    private readonly object _lock = new();

    /// <summary>One heartbeat at a time (rounds and the checks before mutating passes both beat): each is conditional on the last.</summary>
    private readonly SemaphoreSlim _beat = new(1, 1);
    private ReplicaEntry? _me;
    private ReplicaEntry? _maybe;

    public string ReplicaId => options.ReplicaId;

    /// <summary>Until when this replica's leases are valid: the expiry of its last heartbeat known to be written; MinValue before any.</summary>
    public DateTimeOffset ValidUntil
    {
        get
        {
            lock (_lock)
            {
                return _me?.ExpiresAt ?? DateTimeOffset.MinValue;
            }
        }
    }

    /// <summary>Checks that the table exists; creates it (on demand, key <c>pk</c> string) when <see cref="LeaseOptions.CreateTable"/> says so.</summary>
    public async Task EnsureTableAsync(CancellationToken ct)
    {
        var status = await TableStatusAsync(ct).ConfigureAwait(false);
        if (status == TableStatus.ACTIVE)
        {
            return;
        }

        if (status is null)
        {
            if (!options.CreateTable)
            {
                throw new InvalidOperationException($"the lease table {options.Table} does not exist: create it (key pk, string) or pass --create-lease-table");
            }

            var request = new CreateTableRequest
            {
                TableName = options.Table,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions = [new AttributeDefinition(Key, ScalarAttributeType.S)],
                KeySchema = [new KeySchemaElement(Key, KeyType.HASH)],
            };
            try
            {
                await runner.RunAsync("dynamodb", "CreateTable", CallPurpose.Mutate, t => dynamo.CreateTableAsync(request, t), ct).ConfigureAwait(false);
            }
            catch (AwsCallException ex) when (ex.Error.Code == "ResourceInUseException")
            {
                // Another replica created it first.
            }
        }

        var deadline = time.GetUtcNow() + TimeSpan.FromMinutes(2);
        while (await TableStatusAsync(ct).ConfigureAwait(false) != TableStatus.ACTIVE)
        {
            if (time.GetUtcNow() > deadline)
            {
                throw new InvalidOperationException($"the lease table {options.Table} did not become ACTIVE within 2 minutes");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), time, ct).ConfigureAwait(false);
        }
    }

    private async Task<TableStatus?> TableStatusAsync(CancellationToken ct)
    {
        try
        {
            var request = new DescribeTableRequest { TableName = options.Table };
            var answer = await runner.RunAsync("dynamodb", "DescribeTable", CallPurpose.Read, t => dynamo.DescribeTableAsync(request, t), ct).ConfigureAwait(false);
            return answer.Table.TableStatus;
        }
        catch (AwsCallException ex) when (ex.Error.Code == "ResourceNotFoundException")
        {
            return null;
        }
    }

    /// <summary>
    /// Says this replica is alive until one lease period from now and reads every replica's heartbeat, in one call. The
    /// first call registers this replica (a new incarnation); when its previous incarnation was expelled meanwhile, it
    /// registers again and says so (<see cref="ReplicaRegistry.Rejoined"/>).
    /// </summary>
    public async Task<ReplicaRegistry> HeartbeatAsync(CancellationToken ct)
    {
        await _beat.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await BeatAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _beat.Release();
        }
    }

    private async Task<ReplicaRegistry> BeatAsync(CancellationToken ct)
    {
        ReplicaEntry? me, maybe;
        lock (_lock)
        {
            (me, maybe) = (_me, _maybe);
        }

        if (me is null)
        {
            return await RegisterAsync(rejoined: false, ct).ConfigureAwait(false);
        }

        var next = me with { ExpiresAt = time.GetUtcNow() + options.Duration };
        var values = new Dictionary<string, AttributeValue> { [":next"] = S(next.Value), [":last"] = S(me.Value) };
        var condition = "#me = :last";
        if (maybe is not null)
        {
            // The previous heartbeat failed without an answer: it may have been written.
            values[":maybe"] = S(maybe.Value);
            condition += " OR #me = :maybe";
        }

        var request = RegistryUpdate("SET #me = :next", condition, new() { ["#me"] = ReplicaPrefix + options.ReplicaId }, values);
        Dictionary<string, AttributeValue>? item;
        try
        {
            item = await TryUpdateAsync(request, CallPurpose.Mutate, ct).ConfigureAwait(false);
        }
        catch (AwsCallException)
        {
            lock (_lock)
            {
                _maybe = next;
            }

            throw;
        }

        if (item is null)
        {
            // Expelled (or replaced by another process under the same name): every lease of that incarnation may be taken.
            lock (_lock)
            {
                (_me, _maybe) = (null, null);
            }

            return await RegisterAsync(rejoined: true, ct).ConfigureAwait(false);
        }

        lock (_lock)
        {
            (_me, _maybe) = (next, null);
        }

        return ToRegistry(item);
    }

    /// <summary>
    /// A new incarnation: the registry version plus one, written with the heartbeat in one update conditional on the
    /// version read, so that any read of the registry at that version or later shows it (what <see cref="ReplicaRegistry.IsDead"/> relies on).
    /// </summary>
    private async Task<ReplicaRegistry> RegisterAsync(bool rejoined, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadRegistryAsync(ct).ConfigureAwait(false);
            var entry = new ReplicaEntry(options.ReplicaId, current.Version + 1, time.GetUtcNow() + options.Duration);
            var values = new Dictionary<string, AttributeValue> { [":entry"] = S(entry.Value), [":next"] = N(entry.Incarnation) };
            if (current.Version > 0)
            {
                values[":current"] = N(current.Version);
            }

            var request = RegistryUpdate(
                "SET #me = :entry, #version = :next",
                current.Version > 0 ? "#version = :current" : "attribute_not_exists(#version)",
                new() { ["#me"] = ReplicaPrefix + options.ReplicaId, ["#version"] = Version },
                values);
            try
            {
                var item = await UpdateAsync(request, CallPurpose.Mutate, ct).ConfigureAwait(false);
                lock (_lock)
                {
                    (_me, _maybe) = (entry, null);
                }

                return ToRegistry(item) with { Rejoined = rejoined };
            }
            catch (AwsCallException ex) when (ex.Error.Code == ConditionFailed && attempt < 10)
            {
                // Another replica registered or expelled one meanwhile: read the new version and try again.
            }
        }
    }

    /// <summary>The registry item, read consistently (one GetItem, one item).</summary>
    public async Task<ReplicaRegistry> ReadRegistryAsync(CancellationToken ct)
    {
        var request = new GetItemRequest { TableName = options.Table, Key = RegistryItemKey(), ConsistentRead = true };
        var answer = await runner.RunAsync("dynamodb", "GetItem", CallPurpose.Read, t => dynamo.GetItemAsync(request, t), ct).ConfigureAwait(false);
        return ToRegistry(answer.Item);
    }

    /// <summary>
    /// Removes the heartbeat of every other replica that has lapsed, each on the condition that it still holds the value
    /// read (a late heartbeat wins, and the replica stays). Returns the registry after them.
    /// </summary>
    public async Task<ReplicaRegistry> ExpelLapsedAsync(ReplicaRegistry registry, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var stale = false;
        foreach (var entry in registry.Entries.Where(e => e.ExpiresAt < now && e.Replica != options.ReplicaId))
        {
            var request = RegistryUpdate(
                "REMOVE #gone ADD #version :one",
                "#gone = :lapsed",
                new() { ["#gone"] = ReplicaPrefix + entry.Replica, ["#version"] = Version },
                new() { [":lapsed"] = S(entry.Value), [":one"] = N(1) });
            var item = await TryUpdateAsync(request, CallPurpose.Mutate, ct).ConfigureAwait(false);
            stale = item is null; // null: expelled by another replica first, or it beat again
            if (item is not null)
            {
                registry = ToRegistry(item) with { Rejoined = registry.Rejoined };
            }
        }

        return stale ? await ReadRegistryAsync(ct).ConfigureAwait(false) with { Rejoined = registry.Rejoined } : registry;
    }

    /// <summary>On a graceful stop (after releasing every lease): the others stop counting this replica at once.</summary>
    public async Task RemoveHeartbeatAsync(CancellationToken ct)
    {
        await _beat.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await RemoveAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _beat.Release();
        }
    }

    private async Task RemoveAsync(CancellationToken ct)
    {
        ReplicaEntry? me;
        lock (_lock)
        {
            (me, _me, _maybe) = (_me, null, null);
        }

        if (me is null)
        {
            return;
        }

        // Null (condition failed): already expelled.
        var request = RegistryUpdate(
            "REMOVE #me ADD #version :one",
            "#me = :last",
            new() { ["#me"] = ReplicaPrefix + options.ReplicaId, ["#version"] = Version },
            new() { [":last"] = S(me.Value), [":one"] = N(1) });
        _ = await TryUpdateAsync(request, CallPurpose.Delete, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The lease items of <paramref name="environments"/>, read consistently (BatchGetItem, 100 keys a call); an
    /// environment without an item is left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, LeaseRecord>> ReadLeasesAsync(IReadOnlyCollection<string> environments, CancellationToken ct)
    {
        var leases = new Dictionary<string, LeaseRecord>(StringComparer.Ordinal);
        foreach (var chunk in environments.Distinct(StringComparer.Ordinal).Chunk(BatchSize))
        {
            var keys = chunk.Select(EnvironmentKey).ToList();
            while (keys.Count > 0)
            {
                var request = new BatchGetItemRequest
                {
                    RequestItems = new Dictionary<string, KeysAndAttributes> { [options.Table] = new() { Keys = keys, ConsistentRead = true } },
                };
                var answer = await runner.RunAsync("dynamodb", "BatchGetItem", CallPurpose.Read, t => dynamo.BatchGetItemAsync(request, t), ct).ConfigureAwait(false);
                foreach (var item in answer.Responses?.GetValueOrDefault(options.Table) ?? [])
                {
                    var pk = item.TryGetValue(Key, out var k) ? k.S ?? string.Empty : string.Empty;
                    if (pk.StartsWith(EnvironmentPrefix, StringComparison.Ordinal))
                    {
                        leases[pk[EnvironmentPrefix.Length..]] = ToRecord(pk[EnvironmentPrefix.Length..], item);
                    }
                }

                // A partial answer names the keys it did not read (throttling, size): ask again for those.
                keys = answer.UnprocessedKeys?.GetValueOrDefault(options.Table)?.Keys ?? [];
            }
        }

        return leases;
    }

    /// <summary>
    /// Takes the environment's lease when, as <paramref name="observed"/> shows it, it is free, already this incarnation's,
    /// held by a dead incarnation (<see cref="ReplicaRegistry.IsDead"/>), or an older version's lease that has lapsed;
    /// the write is conditional on exactly that state, and raises the generation by one. Null when it is held by a live
    /// replica, or changed since it was read.
    /// </summary>
    public async Task<Lease?> TryAcquireAsync(string environment, LeaseRecord? observed, ReplicaRegistry registry, CancellationToken ct)
    {
        var me = Me();
        if (me is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var values = new Dictionary<string, AttributeValue> { [":me"] = S(options.ReplicaId), [":incarnation"] = N(me.Incarnation), [":one"] = N(1) };
        string condition;
        if (observed?.Holder is null)
        {
            condition = "attribute_not_exists(holder)";
        }
        else if (observed.Incarnation is { } held)
        {
            if (held == me.Incarnation && observed.Holder == options.ReplicaId)
            {
                condition = "holder = :me AND incarnation = :incarnation"; // ours already (an answer lost on the way)
            }
            else if (registry.IsDead(held))
            {
                condition = "incarnation = :held AND generation = :generation";
                values[":held"] = N(held);
                values[":generation"] = N(observed.Generation);
            }
            else
            {
                return null; // a live replica's: it releases it when it sees that this replica should hold it
            }
        }
        else if (observed.LegacyExpiresAt is { } expires && expires < now)
        {
            condition = "attribute_not_exists(incarnation) AND expiresAt < :now AND generation = :generation";
            values[":now"] = N(now.ToUnixTimeMilliseconds());
            values[":generation"] = N(observed.Generation);
        }
        else
        {
            return null; // an older version's lease, not lapsed yet
        }

        var request = new UpdateItemRequest
        {
            TableName = options.Table,
            Key = EnvironmentKey(environment),
            // No expiresAt on an item of this version: an older replica running alongside cannot take it.
            UpdateExpression = "SET holder = :me, incarnation = :incarnation REMOVE expiresAt ADD generation :one",
            ConditionExpression = condition,
            ExpressionAttributeValues = values,
            ReturnValues = ReturnValue.ALL_NEW,
        };
        return await ConditionalAsync(environment, request, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// One environment on its own: heartbeat, expel the lapsed, read its item, take it if it may be taken. The lease
    /// coordinator does the same for all it should hold at once.
    /// </summary>
    public async Task<Lease?> TryAcquireAsync(string environment, CancellationToken ct)
    {
        var registry = await ExpelLapsedAsync(await HeartbeatAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        var observed = (await ReadLeasesAsync([environment], ct).ConfigureAwait(false)).GetValueOrDefault(environment);
        return await TryAcquireAsync(environment, observed, registry, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The fencing check before a mutating pass: a conditional write that succeeds only while this replica still holds
    /// the lease with the same generation. Null when it was lost (taken over, or released). The lease returned runs until
    /// this replica's heartbeat lapses (<see cref="ValidUntil"/>).
    /// </summary>
    public Task<Lease?> RenewAsync(Lease lease, CancellationToken ct) =>
        ConditionalAsync(lease.Environment, WhileHeld(lease, "SET generation = :generation", null, null), ct);

    /// <summary>
    /// Gives a held lease up at once (its generation stays, so the next holder's is higher). False when it was no
    /// longer this replica's. <c>expiresAt = 0</c> lets a replica of the older version take it too.
    /// </summary>
    public async Task<bool> ReleaseAsync(Lease lease, CancellationToken ct) =>
        await ConditionalAsync(lease.Environment, WhileHeld(lease, "SET expiresAt = :zero REMOVE holder, incarnation", ":zero", N(0)), ct).ConfigureAwait(false) is not null;

    /// <summary>An update of a lease that applies only while this replica holds it with the same generation.</summary>
    private UpdateItemRequest WhileHeld(Lease lease, string update, string? name, AttributeValue? value)
    {
        var values = new Dictionary<string, AttributeValue> { [":me"] = S(options.ReplicaId), [":generation"] = N(lease.Generation) };
        if (name is not null && value is not null)
        {
            values[name] = value;
        }

        return new UpdateItemRequest
        {
            TableName = options.Table,
            Key = EnvironmentKey(lease.Environment),
            UpdateExpression = update,
            ConditionExpression = "holder = :me AND generation = :generation",
            ExpressionAttributeValues = values,
            ReturnValues = ReturnValue.ALL_NEW,
        };
    }

    private async Task<Lease?> ConditionalAsync(string environment, UpdateItemRequest request, CancellationToken ct)
    {
        if (await TryUpdateAsync(request, CallPurpose.Mutate, ct).ConfigureAwait(false) is not { } item)
        {
            return null;
        }

        var record = ToRecord(environment, item);
        return new Lease(environment, record.Holder ?? string.Empty, record.Generation, ValidUntil);
    }

    /// <summary>A conditional update of the registry item that hands the whole item back (ReturnValues ALL_NEW).</summary>
    private UpdateItemRequest RegistryUpdate(string update, string condition, Dictionary<string, string> names, Dictionary<string, AttributeValue> values) => new()
    {
        TableName = options.Table,
        Key = RegistryItemKey(),
        UpdateExpression = update,
        ConditionExpression = condition,
        ExpressionAttributeNames = names,
        ExpressionAttributeValues = values,
        ReturnValues = ReturnValue.ALL_NEW,
    };

    /// <summary>The item after the update; throws on any error, a failed condition included.</summary>
    private async Task<Dictionary<string, AttributeValue>> UpdateAsync(UpdateItemRequest request, CallPurpose purpose, CancellationToken ct) =>
        (await runner.RunAsync("dynamodb", "UpdateItem", purpose, t => dynamo.UpdateItemAsync(request, t), ct).ConfigureAwait(false)).Attributes;

    /// <summary>The item after the update, or null when its condition failed (ConditionalCheckFailedException: nothing was written).</summary>
    private async Task<Dictionary<string, AttributeValue>?> TryUpdateAsync(UpdateItemRequest request, CallPurpose purpose, CancellationToken ct)
    {
        try
        {
            return await UpdateAsync(request, purpose, ct).ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (ex.Error.Code == ConditionFailed)
        {
            return null;
        }
    }

    private ReplicaEntry? Me()
    {
        lock (_lock)
        {
            return _me;
        }
    }

    private static ReplicaRegistry ToRegistry(Dictionary<string, AttributeValue>? item)
    {
        item ??= [];
        var version = item.TryGetValue(Version, out var v) ? Number(v) : 0;
        var entries = item
            .Where(kv => kv.Key.StartsWith(ReplicaPrefix, StringComparison.Ordinal))
            .Select(kv => ReplicaEntry.Parse(kv.Key[ReplicaPrefix.Length..], kv.Value.S))
            .OfType<ReplicaEntry>()
            .OrderBy(e => e.Replica, StringComparer.Ordinal)
            .ToList();
        return new ReplicaRegistry(version, entries);
    }

    private static LeaseRecord ToRecord(string environment, Dictionary<string, AttributeValue> item) => new(
        environment,
        item.TryGetValue("holder", out var holder) && holder.S is { Length: > 0 } h ? h : null,
        item.TryGetValue("generation", out var generation) ? Number(generation) : 0,
        item.TryGetValue("incarnation", out var incarnation) ? Number(incarnation) : null,
        item.TryGetValue("expiresAt", out var expires) ? DateTimeOffset.FromUnixTimeMilliseconds(Number(expires)) : null);

    private static long Number(AttributeValue value) =>
        long.TryParse(value.N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static Dictionary<string, AttributeValue> RegistryItemKey() => new() { [Key] = S(RegistryKey) };

    private static Dictionary<string, AttributeValue> EnvironmentKey(string environment) => new() { [Key] = S(EnvironmentPrefix + environment) };

    private static AttributeValue S(string value) => new() { S = value };

    private static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };
}
