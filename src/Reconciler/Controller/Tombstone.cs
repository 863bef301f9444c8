namespace Reconciler.Controller;

/// <summary>
/// A spec seen gone: its environment is pruned only once it has been missing for <see cref="Grace"/> since
/// <see cref="Since"/> and from at least <see cref="MinListings"/> complete listings of <see cref="Source"/> in a row
/// (a file that blinks, an editor's delete-then-create, a late mount or a branch switch must not destroy anything).
/// The spec's return cancels it.
/// </summary>
internal sealed record Tombstone(string Source, DateTimeOffset Since, TimeSpan Grace, int Listings)
{
    public const int MinListings = 2;

    public DateTimeOffset PruneAt => Since + Grace;

    public TimeSpan Left(DateTimeOffset now) => PruneAt > now ? PruneAt - now : TimeSpan.Zero;
}
