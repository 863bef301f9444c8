namespace Reconciler.Model.Spec;

internal sealed record SecurityGroupSpec(string Name, string Description, IReadOnlyList<RuleSpec> Ingress, IReadOnlyList<RuleSpec>? Egress);
