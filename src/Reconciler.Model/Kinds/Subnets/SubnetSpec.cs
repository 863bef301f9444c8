namespace Reconciler.Model.Spec;

internal sealed record SubnetSpec(string Name, string Zone, string Cidr, bool Public);
