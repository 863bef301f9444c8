using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Leases;

/// <summary>
/// Rendezvous (highest-random-weight) hashing: an environment belongs to the live replica whose hash of
/// (replica, environment) is highest. Every replica computes the same answer from the same set of live replicas, each
/// gets about 1/N of the environments, and when a replica joins or leaves only the environments it gains or loses move.
/// </summary>
internal static class Rendezvous
{
    /// <summary>The replica that should hold <paramref name="environment"/>; null when no replica is live.</summary>
    public static string? Owner(string environment, IEnumerable<string> replicas)
    {
        string? best = null;
        ulong bestWeight = 0;
        foreach (var replica in replicas)
        {
            var weight = Weight(replica, environment);
            if (best is null || weight > bestWeight || (weight == bestWeight && string.CompareOrdinal(replica, best) < 0))
            {
                best = replica;
                bestWeight = weight;
            }
        }

        return best;
    }

    /// <summary>A stable 64-bit weight: the first 8 bytes of SHA-256 over "replica\0environment" (the same on every machine and run).</summary>
    public static ulong Weight(string replica, string environment)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(replica + "\0" + environment), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }
}
