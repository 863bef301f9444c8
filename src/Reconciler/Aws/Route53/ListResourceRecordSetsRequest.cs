namespace Reconciler.Aws.Route53;

/// <summary>
/// The record sets of a zone. Without <see cref="MaxItems"/> every page is read; with it, only the first page from
/// <see cref="StartRecordName"/>/<see cref="StartRecordType"/> (a window around one name).
/// </summary>
internal sealed record ListResourceRecordSetsRequest(string ZoneId, string? StartRecordName = null, string? StartRecordType = null, int? MaxItems = null);
