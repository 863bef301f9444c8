using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

internal sealed record PortMappingSpec(int HostPort, int ContainerPort, string Protocol)
{
    /// <summary>Reads one entry of <c>portMappings</c>: host port 0 (ECS picks one) and tcp unless given.</summary>
    public static PortMappingSpec Bind(MappingReader m) => new(
        m.Int("hostPort", min: 0, max: 65535) ?? 0,
        m.Int("containerPort", required: true, min: 1, max: 65535) ?? 0,
        m.Choice("protocol", ["tcp", "udp"]) ?? "tcp");
}
