using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>A container's environment variable; <see cref="Value"/> may refer to another resource's attribute.</summary>
internal sealed record EnvironmentVariable(string Name, string Value) : GraphItem
{
    public override string Display => $"{Name}={Value}";

    public override GraphItem Resolve(Func<string, string?> resolve) => this with { Value = Sub(Value, resolve) };

    public override IEnumerable<string> ReferencedIds() => Refs(Value);
}
