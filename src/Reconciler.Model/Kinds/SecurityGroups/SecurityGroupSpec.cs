using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

/// <summary>A security group of the spec; <see cref="Egress"/> null means AWS's default allow-all egress.</summary>
internal sealed record SecurityGroupSpec(string Name, string Description, IReadOnlyList<RuleSpec> Ingress, IReadOnlyList<RuleSpec>? Egress, string? AwsName = null)
{
    /// <summary>Reads one entry of <c>spec.securityGroups</c>; an absent <c>egress</c> (not an empty one) keeps the default.</summary>
    public static SecurityGroupSpec Bind(MappingReader r)
    {
        var name = r.Required("name");
        var description = r.String("description") ?? $"Managed by reconciler: {name}";
        var ingress = r.Objects("ingress", RuleSpec.Bind);
        IReadOnlyList<RuleSpec>? egress = r.Node("egress") is null ? null : r.Objects("egress", RuleSpec.Bind);
        return new SecurityGroupSpec(name, description, ingress, egress, r.String("awsName"));
    }
}
