namespace Reconciler.Leases;

/// <summary>
/// One environment's lease as this replica holds it: the generation is the fencing token (a new holder always gets a
/// higher one), and the lease lapses at <see cref="ExpiresAt"/> unless renewed.
/// </summary>
internal sealed record Lease(string Environment, string Holder, long Generation, DateTimeOffset ExpiresAt);
