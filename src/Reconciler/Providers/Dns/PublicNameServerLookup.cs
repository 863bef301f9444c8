using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reconciler.Providers.Dns;

/// <summary>
/// A minimal, best-effort NS query over UDP to public resolvers (System.Net.Dns cannot ask for NS records). It only
/// feeds an explanation (is the zone delegated to Route53?), so it never blocks for long: one short timeout, and any
/// failure is "could not check". Answers are kept for a few minutes.
/// </summary>
internal sealed class PublicNameServerLookup(TimeProvider time, IReadOnlyList<IPEndPoint>? resolvers = null) : INameServerLookup
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    private readonly IReadOnlyList<IPEndPoint> _resolvers = resolvers ?? [new IPEndPoint(IPAddress.Parse("1.1.1.1"), 53), new IPEndPoint(IPAddress.Parse("8.8.8.8"), 53)];
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyList<string>? Servers)> _cache = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<string>?> NameServersAsync(string zone, CancellationToken ct)
    {
        var name = DnsNames.Normalize(zone);
        if (_cache.TryGetValue(name, out var cached) && time.GetUtcNow() - cached.At < CacheFor)
        {
            return cached.Servers;
        }

        IReadOnlyList<string>? servers = null;
        foreach (var resolver in _resolvers)
        {
            using var timeout = new CancellationTokenSource(Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            try
            {
                servers = await Query(resolver, name, linked.Token).ConfigureAwait(false);
                break;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException && !ct.IsCancellationRequested)
            {
            }
        }

        _cache[name] = (time.GetUtcNow(), servers);
        return servers;
    }

    private static async Task<IReadOnlyList<string>> Query(IPEndPoint resolver, string name, CancellationToken ct)
    {
        using var udp = new UdpClient(resolver.AddressFamily);
        var id = (ushort)Random.Shared.Next(ushort.MaxValue);
        await udp.SendAsync(Request(id, name), resolver, ct).ConfigureAwait(false);
        var answer = await udp.ReceiveAsync(ct).ConfigureAwait(false);
        return Parse(answer.Buffer, id);
    }

    /// <summary>A standard query (recursion desired) for the NS records of <paramref name="name"/>.</summary>
    public static byte[] Request(ushort id, string name)
    {
        var message = new List<byte>(64);
        message.AddRange([(byte)(id >> 8), (byte)id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]);
        foreach (var label in name.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bytes = Encoding.ASCII.GetBytes(label);
            message.Add((byte)bytes.Length);
            message.AddRange(bytes);
        }

        message.AddRange([0, 0, 2, 0, 1]); // root, QTYPE NS, QCLASS IN
        return [.. message];
    }

    /// <summary>The NS names in the answer section (lower case, no trailing dot); an empty list for NXDOMAIN or no answer.</summary>
    public static IReadOnlyList<string> Parse(byte[] message, ushort id)
    {
        if (message.Length < 12 || BinaryPrimitives.ReadUInt16BigEndian(message) != id)
        {
            throw new FormatException("not the answer to our query");
        }

        var questions = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(4));
        var answers = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(6));
        var offset = 12;
        for (var i = 0; i < questions; i++)
        {
            ReadName(message, ref offset);
            offset += 4;
        }

        var result = new List<string>();
        for (var i = 0; i < answers; i++)
        {
            ReadName(message, ref offset);
            var type = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(offset));
            var length = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(offset + 8));
            offset += 10;
            if (type == 2)
            {
                var rdata = offset;
                result.Add(DnsNames.Normalize(ReadName(message, ref rdata)));
            }

            offset += length;
        }

        return result;
    }

    /// <summary>A possibly compressed name at <paramref name="offset"/>, which moves past it.</summary>
    private static string ReadName(byte[] message, ref int offset)
    {
        var labels = new List<string>();
        var position = offset;
        var jumped = false;
        for (var hops = 0; hops < 64; hops++)
        {
            var length = message[position];
            if (length == 0)
            {
                if (!jumped)
                {
                    offset = position + 1;
                }

                return string.Join('.', labels);
            }

            if ((length & 0xC0) == 0xC0)
            {
                if (!jumped)
                {
                    offset = position + 2;
                }

                position = ((length & 0x3F) << 8) | message[position + 1];
                jumped = true;
                continue;
            }

            labels.Add(Encoding.ASCII.GetString(message, position + 1, length));
            position += length + 1;
        }

        throw new FormatException("name compression loop");
    }
}
