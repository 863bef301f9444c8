namespace Reconciler.Leases;

/// <summary>
/// An environment's lease item as read: its holder (null when free or released), generation, the holder's incarnation
/// (null for a free item, or one written by a version before the registry) and, for such an older item, its own expiry.
/// </summary>
internal sealed record LeaseRecord(string Environment, string? Holder, long Generation, long? Incarnation, DateTimeOffset? LegacyExpiresAt);
