using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// A container's secret: the variable <see cref="Name"/> and where ECS reads it (an SSM parameter or Secrets Manager
/// ARN, or a database's managed secret through a reference). Only the source is in the graph, never a value.
/// </summary>
internal sealed record ContainerSecret(string Name, string ValueFrom) : GraphItem
{
    public override string Display => $"{Name}={ValueFrom}";

    public override GraphItem Resolve(Func<string, string?> resolve) => this with { ValueFrom = Sub(ValueFrom, resolve) };

    public override IEnumerable<string> ReferencedIds() => Refs(ValueFrom);
}
