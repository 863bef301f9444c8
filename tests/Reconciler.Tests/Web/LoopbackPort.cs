using System.Net;
using System.Net.Sockets;

namespace Reconciler.Tests.Web;

/// <summary>A loopback port free right now, for a controller's --listen in the dashboard tests.</summary>
internal static class LoopbackPort
{
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
