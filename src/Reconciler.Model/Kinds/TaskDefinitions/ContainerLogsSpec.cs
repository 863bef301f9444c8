using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

internal sealed record ContainerLogsSpec(string Group, string StreamPrefix)
{
    /// <summary>Reads a container's <c>logs</c>: the stream prefix is <c>ecs</c> unless given.</summary>
    public static ContainerLogsSpec Bind(MappingReader m) => new(m.Required("group"), m.String("streamPrefix") ?? "ecs");
}
