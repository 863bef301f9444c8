namespace Reconciler.Import;

/// <summary>
/// What the discoveries share while they follow links: the options, the clients, the entries found so far, what was
/// left out and why, and the maps from AWS ids to the logical names given to them (a group reference becomes a name).
/// </summary>
internal sealed class ImportContext(ImportOptions options, ImportClients clients)
{
    public ImportOptions Options => options;

    public ImportClients Clients => clients;

    public string Environment => options.Environment;

    public string Region => options.Region;

    public List<ImportedEntry> Entries { get; } = [];

    public List<LeftOut> LeftOut { get; } = [];

    /// <summary>AWS id (subnet, security group, target group ARN, cluster ARN...) to logical name.</summary>
    public Dictionary<string, string> Names { get; } = new(StringComparer.Ordinal);

    /// <summary>Logical names taken per section.</summary>
    public Dictionary<string, HashSet<string>> Taken { get; } = new(StringComparer.Ordinal);

    /// <summary>The databases written so far: logical name, endpoint address and port (for container values that name them).</summary>
    public List<(string Name, string? Address, int? Port)> Databases { get; } = [];

    /// <summary>The VPC the environment lives in, once known.</summary>
    public string? VpcId { get; set; }

    /// <summary>The hosted zone of spec.dns (a spec has one), once a record was found.</summary>
    public (string Id, string Name)? Zone { get; set; }

    public string NameFor(string section, string proposed) =>
        ImportNames.Unique(proposed, Taken.TryGetValue(section, out var set) ? set : Taken[section] = new HashSet<string>(StringComparer.Ordinal));

    public void Leave(string what, string awsId, string reason) => LeftOut.Add(new LeftOut(what, awsId, reason));

    public void Add(ImportedEntry entry) => Entries.Add(entry);
}
