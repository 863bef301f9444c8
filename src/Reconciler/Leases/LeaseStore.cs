using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Reconciler.Aws;

namespace Reconciler.Leases;

/// <summary>
/// The lease table in DynamoDB: one item per environment (<c>pk = env#NAME</c>: holder, generation, expiresAt in epoch
/// milliseconds) and one heartbeat per replica (<c>pk = replica#ID</c>: expiresAt). Every write that decides who holds
/// a lease is conditional, so two replicas can never both succeed: acquiring needs the lease free, lapsed or already
/// ours, and always raises the generation (the fencing token); renewing (and the check before a mutating pass) needs
/// the same holder and generation. Time is the injected <see cref="TimeProvider"/>'s; replicas' clocks are assumed to
/// agree to well within a lease period. Every call goes through <see cref="AwsCallRunner"/>.
/// </summary>
internal sealed class LeaseStore(IAmazonDynamoDB dynamo, AwsCallRunner runner, LeaseOptions options, TimeProvider time)
{
    private const string EnvironmentPrefix = "env#";
    private const string ReplicaPrefix = "replica#";
    private const string Key = "pk";

    public string ReplicaId => options.ReplicaId;

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

    /// <summary>Says this replica is alive until one lease period from now.</summary>
    public Task HeartbeatAsync(CancellationToken ct)
    {
        var request = new PutItemRequest
        {
            TableName = options.Table,
            Item = new Dictionary<string, AttributeValue>
            {
                [Key] = S(ReplicaPrefix + options.ReplicaId),
                ["expiresAt"] = N(Expiry()),
            },
        };
        return runner.RunAsync("dynamodb", "PutItem", CallPurpose.Mutate, t => dynamo.PutItemAsync(request, t), ct);
    }

    /// <summary>On a graceful stop: the others stop counting this replica at once instead of after a lease period.</summary>
    public Task RemoveHeartbeatAsync(CancellationToken ct)
    {
        var request = new DeleteItemRequest { TableName = options.Table, Key = new Dictionary<string, AttributeValue> { [Key] = S(ReplicaPrefix + options.ReplicaId) } };
        return runner.RunAsync("dynamodb", "DeleteItem", CallPurpose.Delete, t => dynamo.DeleteItemAsync(request, t), ct);
    }

    /// <summary>The whole table, read consistently (one paged Scan: one item per environment and per replica).</summary>
    public async Task<LeaseTableView> ReadAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var replicas = new List<string>();
        var leases = new Dictionary<string, Lease>(StringComparer.Ordinal);
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = new ScanRequest { TableName = options.Table, ConsistentRead = true, ExclusiveStartKey = start };
            var page = await runner.RunAsync("dynamodb", "Scan", CallPurpose.Read, t => dynamo.ScanAsync(request, t), ct).ConfigureAwait(false);
            foreach (var item in page.Items ?? [])
            {
                var pk = item.TryGetValue(Key, out var k) ? k.S ?? string.Empty : string.Empty;
                var expires = ExpiresAt(item);
                if (pk.StartsWith(ReplicaPrefix, StringComparison.Ordinal) && expires > now)
                {
                    replicas.Add(pk[ReplicaPrefix.Length..]);
                }
                else if (pk.StartsWith(EnvironmentPrefix, StringComparison.Ordinal))
                {
                    leases[pk[EnvironmentPrefix.Length..]] = ToLease(pk[EnvironmentPrefix.Length..], item);
                }
            }

            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return new LeaseTableView(replicas.Order(StringComparer.Ordinal).ToList(), leases);
    }

    /// <summary>
    /// Takes the environment's lease when it is free, lapsed or already this replica's; the generation goes up by one.
    /// Null when another replica holds it.
    /// </summary>
    public async Task<Lease?> TryAcquireAsync(string environment, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var request = new UpdateItemRequest
        {
            TableName = options.Table,
            Key = EnvironmentKey(environment),
            UpdateExpression = "SET holder = :me, expiresAt = :expires ADD generation :one",
            ConditionExpression = "attribute_not_exists(pk) OR expiresAt < :now OR holder = :me",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":me"] = S(options.ReplicaId),
                [":expires"] = N(Expiry(now)),
                [":now"] = N(now.ToUnixTimeMilliseconds()),
                [":one"] = N(1),
            },
            ReturnValues = ReturnValue.ALL_NEW,
        };
        return await ConditionalAsync(environment, request, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Extends a held lease, only while this replica still holds it with the same generation: the fencing check before
    /// a mutating pass. Null when the lease was lost (taken over after it lapsed, or released).
    /// </summary>
    public Task<Lease?> RenewAsync(Lease lease, CancellationToken ct) =>
        ConditionalAsync(lease.Environment, WhileHeld(lease, "SET expiresAt = :expires", ":expires", N(Expiry())), ct);

    /// <summary>
    /// Gives a held lease up at once (its generation stays, so the next holder's is higher). False when it was no
    /// longer this replica's.
    /// </summary>
    public async Task<bool> ReleaseAsync(Lease lease, CancellationToken ct) =>
        await ConditionalAsync(lease.Environment, WhileHeld(lease, "SET expiresAt = :zero REMOVE holder", ":zero", N(0)), ct).ConfigureAwait(false) is not null;

    /// <summary>An update of a lease that applies only while this replica holds it with the same generation.</summary>
    private UpdateItemRequest WhileHeld(Lease lease, string update, string name, AttributeValue value) => new()
    {
        TableName = options.Table,
        Key = EnvironmentKey(lease.Environment),
        UpdateExpression = update,
        ConditionExpression = "holder = :me AND generation = :generation",
        ExpressionAttributeValues = new Dictionary<string, AttributeValue>
        {
            [":me"] = S(options.ReplicaId),
            [":generation"] = N(lease.Generation),
            [name] = value,
        },
        ReturnValues = ReturnValue.ALL_NEW,
    };

    private async Task<Lease?> ConditionalAsync(string environment, UpdateItemRequest request, CancellationToken ct)
    {
        try
        {
            var answer = await runner.RunAsync("dynamodb", "UpdateItem", CallPurpose.Mutate, t => dynamo.UpdateItemAsync(request, t), ct).ConfigureAwait(false);
            return ToLease(environment, answer.Attributes);
        }
        catch (AwsCallException ex) when (ex.Error.Code == "ConditionalCheckFailedException")
        {
            return null;
        }
    }

    private long Expiry() => Expiry(time.GetUtcNow());

    private long Expiry(DateTimeOffset now) => (now + options.Duration).ToUnixTimeMilliseconds();

    private static Lease ToLease(string environment, Dictionary<string, AttributeValue> item) => new(
        environment,
        item.TryGetValue("holder", out var holder) ? holder.S ?? string.Empty : string.Empty,
        item.TryGetValue("generation", out var generation) && long.TryParse(generation.N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var g) ? g : 0,
        ExpiresAt(item));

    private static DateTimeOffset ExpiresAt(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue("expiresAt", out var expires) && long.TryParse(expires.N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MinValue;

    private static Dictionary<string, AttributeValue> EnvironmentKey(string environment) => new() { [Key] = S(EnvironmentPrefix + environment) };

    private static AttributeValue S(string value) => new() { S = value };

    private static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };
}
