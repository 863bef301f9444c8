using System.Text.Json.Serialization;
using Reconciler.Model.Graph;

namespace Reconciler.Controller;

/// <summary>What the controller knows of one environment, for /status and <c>reconciler status</c>.</summary>
internal sealed record EnvironmentStatus(
    string Environment,
    string Location,
    string Mode,
    string Result,
    DateTimeOffset? LastPass,
    double LastDurationSeconds,
    int DriftCount,
    int Repaired,
    int Failed,
    IReadOnlyList<string> WaitingFor,
    IReadOnlyList<string> Problems)
{
    /// <summary>With several replicas: the replica holding this environment's lease (the one answering).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Replica { get; init; }

    /// <summary>With several replicas: the generation (fencing token) of the lease the last pass ran under.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? LeaseGeneration { get; init; }

    /// <summary>The account and region the environment lives in (<c>111111111111/eu-west-1</c>; the region alone without <c>spec.account</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Account { get; init; }

    /// <summary>The same account, typed, for the metrics' <c>account</c> label; null before the first pass.</summary>
    [JsonIgnore]
    public AwsTarget? Target { get; init; }

    /// <summary>A pending tombstone: when its spec was first seen gone.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? TombstonedSince { get; init; }

    /// <summary>A pending tombstone: when its grace ends (the prune also waits for a second complete listing).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? PruneAt { get; init; }

    /// <summary>A pending tombstone: seconds left of its grace when the status was read (set by <see cref="StatusStore"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? PruneInSeconds { get; init; }
}
