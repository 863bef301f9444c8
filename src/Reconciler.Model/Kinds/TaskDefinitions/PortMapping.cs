using System.Globalization;
using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>A container's port mapping as the graph carries it; shown <c>host:container/protocol</c>, as before.</summary>
internal sealed record PortMapping(int HostPort, int ContainerPort, string Protocol) : GraphItem
{
    public override string Display => string.Create(CultureInfo.InvariantCulture, $"{HostPort}:{ContainerPort}/{Protocol}");

    public override GraphItem Resolve(Func<string, string?> resolve) => this;

    public override IEnumerable<string> ReferencedIds() => [];
}
