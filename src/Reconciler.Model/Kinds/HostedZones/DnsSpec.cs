namespace Reconciler.Model.Spec;

internal sealed record DnsSpec(string Zone, IReadOnlyList<DnsRecordSpec> Records, bool AllowZoneDeletion);
