namespace Reconciler.Model.Spec;

internal sealed record DnsRecordSpec(string Name, DnsTargetSpec Target);
