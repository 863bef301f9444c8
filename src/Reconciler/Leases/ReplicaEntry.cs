using System.Globalization;

namespace Reconciler.Leases;

/// <summary>
/// One replica's heartbeat in the registry item: its incarnation (the registry version its registration wrote, so
/// every registration has a new one) and when it lapses. Stored as the string <c>INCARNATION@EXPIRES_MS</c>, written
/// only by the replica itself (conditional on the value it wrote last) and removed when it is expelled.
/// </summary>
internal sealed record ReplicaEntry(string Replica, long Incarnation, DateTimeOffset ExpiresAt)
{
    public string Value => string.Create(CultureInfo.InvariantCulture, $"{Incarnation}@{ExpiresAt.ToUnixTimeMilliseconds()}");

    /// <summary>Null for a value that is not <c>INCARNATION@EXPIRES_MS</c>.</summary>
    public static ReplicaEntry? Parse(string replica, string? value)
    {
        var at = value?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        return at > 0
               && long.TryParse(value![..at], NumberStyles.Integer, CultureInfo.InvariantCulture, out var incarnation)
               && long.TryParse(value[(at + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? new ReplicaEntry(replica, incarnation, DateTimeOffset.FromUnixTimeMilliseconds(ms))
            : null;
    }
}
