namespace Reconciler.Providers.Dns;

/// <summary>
/// Who owns a Route53 record, external-dns style: records cannot be tagged, so each record we write has a companion
/// TXT record at <c>_reconciler.&lt;name&gt;</c> (a prefix, as external-dns uses, so it never clashes with a CNAME at the
/// name itself) whose value names the environment and the logical id.
/// </summary>
internal sealed record DnsOwner(string Environment, string LogicalId)
{
    public const string Prefix = "_reconciler.";
    private const string Heritage = "heritage=reconciler";
    private const string EnvironmentKey = "reconciler/environment=";
    private const string LogicalIdKey = "reconciler/logical-id=";

    /// <summary>The TXT value, quoted as Route53 wants TXT strings.</summary>
    public string TxtValue => $"\"{Heritage},{EnvironmentKey}{Environment},{LogicalIdKey}{LogicalId}\"";

    /// <summary>The name of the ownership record of <paramref name="recordName"/>.</summary>
    public static string RecordNameFor(string recordName) => Prefix + DnsNames.Normalize(recordName);

    /// <summary>The record an ownership record speaks for, or null when the name is not an ownership record's.</summary>
    public static string? OwnedName(string ownerRecordName)
    {
        var name = DnsNames.Normalize(ownerRecordName);
        return name.StartsWith(Prefix, StringComparison.Ordinal) ? name[Prefix.Length..] : null;
    }

    /// <summary>The owner named by a TXT value; null for anything that is not a reconciler ownership value.</summary>
    public static DnsOwner? Parse(string txtValue)
    {
        var parts = txtValue.Trim().Trim('"').Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 3 || parts[0] != Heritage || !parts[1].StartsWith(EnvironmentKey, StringComparison.Ordinal) || !parts[2].StartsWith(LogicalIdKey, StringComparison.Ordinal))
        {
            return null;
        }

        return new DnsOwner(parts[1][EnvironmentKey.Length..], parts[2][LogicalIdKey.Length..]);
    }

    public override string ToString() => $"{LogicalId} of environment {Environment}";
}
