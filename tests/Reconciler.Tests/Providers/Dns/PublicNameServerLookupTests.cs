using System.Net;
using System.Net.Sockets;
using Reconciler.Providers.Dns;

namespace Reconciler.Tests.Providers.Dns;

public sealed class PublicNameServerLookupTests
{
    [Fact]
    public void Parse_Should_ReadCompressedNsNames_When_AnAnswerArrives()
    {
        var query = PublicNameServerLookup.Request(0x1234, "example.com");
        var answer = new List<byte>(query);
        answer[2] = 0x81;
        answer[3] = 0x80;
        answer[7] = 2; // two answers
        foreach (var server in new[] { "a.iana-servers.net", "b" })
        {
            answer.AddRange([0xC0, 12, 0, 2, 0, 1, 0, 0, 0x0E, 0x10]); // name -> question, NS, IN, TTL
            var rdata = new List<byte>();
            foreach (var label in server.Split('.'))
            {
                rdata.Add((byte)label.Length);
                rdata.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
            }

            if (server == "b")
            {
                rdata.AddRange([0xC0, (byte)(query.Length + 12 + 2)]); // b + pointer to "iana-servers.net"
            }
            else
            {
                rdata.Add(0);
            }

            answer.AddRange([(byte)(rdata.Count >> 8), (byte)rdata.Count]);
            answer.AddRange(rdata);
        }

        var servers = PublicNameServerLookup.Parse([.. answer], 0x1234);

        Assert.Equal(["a.iana-servers.net", "b.iana-servers.net"], servers);
        Assert.Throws<FormatException>(() => PublicNameServerLookup.Parse([.. answer], 0x9999));
    }

    [Fact]
    public async Task NameServers_Should_SayCouldNotCheck_When_TheResolverDoesNotAnswer()
    {
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var lookup = new PublicNameServerLookup(TimeProvider.System, [(IPEndPoint)silent.Client.LocalEndPoint!]);

        Assert.Null(await lookup.NameServersAsync("example.com", CancellationToken.None));
    }
}
