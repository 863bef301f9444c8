using System.Text.RegularExpressions;
using Reconciler.Model.Loading;
using Reconciler.Model.Spec;

namespace Reconciler.Model.Validation;

/// <summary>
/// The state of one validation: the document, the diagnostics found so far and the shared checks (names, references,
/// physical names). The rules that need the whole document run here; a kind's own rules can take it as a parameter.
/// </summary>
internal sealed partial class SpecChecker(EnvironmentDocument doc, SourceMap positions)
{
    private static readonly int[] RetentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

    [GeneratedRegex("^[a-z][a-z0-9-]{0,38}[a-z0-9]$")]
    private static partial Regex EnvironmentName();

    [GeneratedRegex("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$")]
    private static partial Regex RegionName();

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9-]*$")]
    private static partial Regex LogicalName();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*$")]
    private static partial Regex DbInstanceId();

    [GeneratedRegex("^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$")]
    private static partial Regex EcrName();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_]{0,62}$")]
    private static partial Regex DbIdentifier();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_]{0,15}$")]
    private static partial Regex DbUser();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();

    [GeneratedRegex(@"^[\.\-_/A-Za-z0-9]{1,512}$")]
    private static partial Regex LogGroupName();

    [GeneratedRegex(@"^[\w+=,.@-]{1,64}$")]
    private static partial Regex IamName();

    [GeneratedRegex("^ami-[0-9a-f]{8,17}$")]
    private static partial Regex AmiId();

    [GeneratedRegex(@"^[a-z][a-z0-9-]*\.[a-z0-9]+$")]
    private static partial Regex InstanceType();

    [GeneratedRegex(@"^db\.[a-z0-9-]+\.[a-z0-9]+$")]
    private static partial Regex DbInstanceClass();


    private readonly EnvironmentSpec _spec = doc.Spec;
    private readonly string _env = doc.Metadata.Name;

    public List<Diagnostic> Diagnostics { get; } = [];

    public EnvironmentSpec Spec => _spec;

    public string Environment => _env;

    internal void Error(string path, string message) =>
        Diagnostics.Add(new Diagnostic(Severity.Error, positions.File, positions.Find(path), path, message));

    internal void Warn(string path, string message) =>
        Diagnostics.Add(new Diagnostic(Severity.Warning, positions.File, positions.Find(path), path, message));

    public void Run()
    {
        if (_env.Length > 0 && !EnvironmentName().IsMatch(_env))
        {
            Error("metadata.name", $"'{_env}' must be 2-40 characters of a-z, 0-9 and '-', starting with a letter and not ending with '-'");
        }

        if (_spec.Region.Length > 0 && !RegionName().IsMatch(_spec.Region))
        {
            Error("spec.region", $"'{_spec.Region}' is not an AWS region name (e.g. ap-northeast-1)");
        }
        else if (SpecValidator.OtherPartition(_spec.Region) is { } partition)
        {
            // Each partition has its own endpoints, ARNs and credentials: China's endpoint domain is amazonaws.com.cn
            // (docs.amazonaws.cn, "Endpoints and ARNs for Amazon Web Services in China"), and IAM and Route 53 sign
            // for cn-north-1 / us-gov-west-1 there. This build builds *.amazonaws.com hosts, signs IAM and Route 53
            // for us-east-1 and writes arn:aws: ARNs, so it refuses the region rather than fail against AWS.
            Error("spec.region", $"'{_spec.Region}' is in the {partition} partition, which this build does not support (it calls *.amazonaws.com endpoints and writes arn:aws: ARNs); use a region of the aws partition");
        }

        foreach (var (key, value) in _spec.Tags)
        {
            CheckTag("spec.tags." + key, key, value);
        }

        var subnets = VpcChecks.Check(this);
        var groups = Unique(_spec.SecurityGroups.Select(g => g.Name), "spec.securityGroups", "security group");
        SecurityGroupChecks.Check(this, groups);
        var clusters = Unique(_spec.Clusters.Select(c => c.Name), "spec.clusters", "cluster");
        CheckDatabases(subnets, groups);
        CheckHosts(subnets, groups, clusters);
        var certificates = Unique(_spec.Certificates.Select(c => c.Name), "spec.certificates", "certificate");
        var loadBalancers = Unique(_spec.LoadBalancers.Select(l => l.Name), "spec.loadBalancers", "load balancer");
        var targetGroups = LoadBalancerChecks.Check(this, subnets, groups, certificates);
        CertificateChecks.Check(this);
        HostedZoneChecks.Check(this);
        DnsRecordChecks.Check(this, loadBalancers);
        var repositories = Unique(_spec.Repositories.Select(r => r.Name), "spec.repositories", "repository");
        var logGroups = Unique(_spec.LogGroups.Select(l => l.Name), "spec.logGroups", "log group");
        foreach (var clash in _spec.LogGroups.Select((l, i) => (l.Name, i)).GroupBy(x => x.Name.TrimStart('/'), StringComparer.Ordinal)
                     .Where(g => g.Select(x => x.Name).Distinct(StringComparer.Ordinal).Count() > 1))
        {
            var (name, index) = clash.Last();
            Error($"spec.logGroups[{index}].name", $"'{name}' differs from '{clash.First().Name}' only by a leading '/': name them apart");
        }
        CheckRepositoriesAndLogs();
        EcsClusterChecks.Run(this);
        var families = TaskDefinitionChecks.Run(this, repositories, logGroups);
        EcsServiceChecks.Run(this, clusters, families, targetGroups);
        CheckBuckets();
    }

    internal void CheckTag(string path, string key, string value)
    {
        if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) || key.StartsWith("reconciler:", StringComparison.Ordinal))
        {
            Error(path, $"tag key '{key}' is reserved");
        }
        else if (key.Length > 128 || value.Length > 256)
        {
            Error(path, "a tag key is at most 128 characters and a value at most 256");
        }
    }

    /// <summary>Reports duplicates and invalid logical names; returns the set of names for references.</summary>
    internal HashSet<string> Unique(IEnumerable<string> names, string listPath, string what, string field = "name")
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var name in names)
        {
            var path = $"{listPath}[{i}].{field}";
            if (name.Length > 0 && seen.TryGetValue(name, out var first))
            {
                Error(path, $"{what} '{name}' is defined twice (first at {listPath}[{first}])");
            }
            else if (name.Length > 0)
            {
                seen[name] = i;
            }

            i++;
        }

        return seen.Keys.ToHashSet(StringComparer.Ordinal);
    }

    internal void CheckLogicalName(string path, string name)
    {
        if (name.Length > 0 && !LogicalName().IsMatch(name))
        {
            Error(path, $"'{name}' must be letters, digits and '-', starting with a letter or digit");
        }
    }

    internal void Reference(string path, string? name, HashSet<string> known, string what)
    {
        if (string.IsNullOrEmpty(name) || known.Contains(name))
        {
            return;
        }

        // Suggestions cost a distance per known name: a hostile spec with thousands of dangling references to
        // thousands of names would take minutes, so only the first ones of a document get one.
        var hint = _suggestions++ < MaxSuggestions && known.Count <= MaxSuggestionCandidates ? Suggest.DidYouMean(name, known) : string.Empty;
        Error(path, $"no {what} named '{name}'{hint}");
    }

    private const int MaxSuggestions = 100;
    private const int MaxSuggestionCandidates = 500;
    private int _suggestions;

    internal void PhysicalName(string path, string logical, Regex rule, int max, string what)
    {
        if (logical.Length == 0 || _env.Length == 0)
        {
            return;
        }

        var physical = PhysicalNames.For(_env, logical);
        if (physical.Length > max || !rule.IsMatch(physical))
        {
            Error(path, $"the {what} name '{physical}' (environment-name) breaks AWS's rule: at most {max} characters matching {rule}");
        }
    }

    internal void CheckSubnetRefs(string path, IReadOnlyList<string> names, Dictionary<string, SubnetSpec> subnets)
    {
        var known = subnets.Keys.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            Reference($"{path}[{i}]", names[i], known, "subnet");
        }
    }

    internal void CheckGroupRefs(string path, IReadOnlyList<string> names, HashSet<string> groups)
    {
        for (var i = 0; i < names.Count; i++)
        {
            Reference($"{path}[{i}]", names[i], groups, "security group");
        }
    }

    internal int Zones(IEnumerable<string> subnetNames, Dictionary<string, SubnetSpec> subnets) =>
        subnetNames.Where(subnets.ContainsKey).Select(n => subnets[n].Zone).Distinct(StringComparer.Ordinal).Count();

    private void CheckDatabases(Dictionary<string, SubnetSpec> subnets, HashSet<string> groups)
    {
        Unique(_spec.Databases.Select(d => d.Name), "spec.databases", "database");
        for (var i = 0; i < _spec.Databases.Count; i++)
        {
            var db = _spec.Databases[i];
            var path = $"spec.databases[{i}]";
            CheckLogicalName(path + ".name", db.Name);
            PhysicalName(path + ".name", db.Name, DbInstanceId(), 63, "DB instance identifier");
            CheckSubnetRefs(path + ".subnets", db.Subnets, subnets);
            CheckGroupRefs(path + ".securityGroups", db.SecurityGroups, groups);
            if (db.Subnets.All(subnets.ContainsKey) && Zones(db.Subnets, subnets) < 2)
            {
                Error(path + ".subnets", "a DB subnet group must cover at least two availability zones");
            }

            if (db.InstanceClass.Length > 0 && !DbInstanceClass().IsMatch(db.InstanceClass))
            {
                Error(path + ".instanceClass", $"'{db.InstanceClass}' is not a DB instance class (e.g. db.t3.micro)");
            }

            if (db.DatabaseName.Length > 0 && !DbIdentifier().IsMatch(db.DatabaseName))
            {
                Error(path + ".databaseName", "1-63 letters, digits and '_', starting with a letter");
            }

            if (db.MasterUsername.Length > 0 && (!DbUser().IsMatch(db.MasterUsername) || db.MasterUsername is "rdsadmin" or "postgres" or "admin"))
            {
                Error(path + ".masterUsername", "1-16 letters, digits and '_', starting with a letter, and not a reserved name (postgres, rdsadmin, admin)");
            }

            if (db.EngineVersion.Length > 0 && !db.EngineVersion.All(c => char.IsAsciiDigit(c) || c == '.'))
            {
                Error(path + ".engineVersion", $"'{db.EngineVersion}' is not an engine version (e.g. \"16\" or \"16.4\")");
            }

            if (db.PubliclyAccessible)
            {
                Warn(path + ".publiclyAccessible", "the database is reachable from the internet");
            }

            if (!db.DeletionProtection)
            {
                Warn(path + ".deletionProtection", "deletion protection is off");
            }
        }
    }

    private void CheckHosts(Dictionary<string, SubnetSpec> subnets, HashSet<string> groups, HashSet<string> clusters)
    {
        Unique(_spec.Hosts.Select(h => h.Name), "spec.hosts", "host group");
        for (var i = 0; i < _spec.Hosts.Count; i++)
        {
            var host = _spec.Hosts[i];
            var path = $"spec.hosts[{i}]";
            CheckLogicalName(path + ".name", host.Name);
            CheckSubnetRefs(path + ".subnets", host.Subnets, subnets);
            if (host.Count > 0 && host.Subnets.Count == 0)
            {
                Error(path + ".subnets", "name at least one subnet to place the hosts in");
            }

            CheckGroupRefs(path + ".securityGroups", host.SecurityGroups, groups);
            Reference(path + ".cluster", host.Cluster, clusters, "cluster");
            if (host.InstanceProfile is { } profile && !IamName().IsMatch(profile))
            {
                Error(path + ".instanceProfile", $"'{profile}' is not an IAM name (1-64 of letters, digits and + = , . @ _ -)");
            }

            if (host.Image != "ecs-optimized" && !AmiId().IsMatch(host.Image))
            {
                Error(path + ".image", $"'{host.Image}' is neither ecs-optimized nor an AMI id (ami-...)");
            }

            if (host.InstanceType.Length > 0 && !InstanceType().IsMatch(host.InstanceType))
            {
                Error(path + ".instanceType", $"'{host.InstanceType}' is not an instance type (e.g. t3.small)");
            }

            if (host.ElasticIp && host.Subnets.Any(s => subnets.TryGetValue(s, out var subnet) && !subnet.Public))
            {
                Error(path + ".elasticIp", "an Elastic IP is reachable only in a public subnet");
            }
        }
    }

    private void CheckRepositoriesAndLogs()
    {
        for (var i = 0; i < _spec.Repositories.Count; i++)
        {
            var repo = _spec.Repositories[i];
            var path = $"spec.repositories[{i}].name";
            if (repo.Name.Length > 0 && (!EcrName().IsMatch(PhysicalNames.For(_env, repo.Name)) || PhysicalNames.For(_env, repo.Name).Length > 256))
            {
                Error(path, $"the repository name '{PhysicalNames.For(_env, repo.Name)}' must be 2-256 lowercase letters, digits and . _ - /");
            }
        }

        for (var i = 0; i < _spec.LogGroups.Count; i++)
        {
            var group = _spec.LogGroups[i];
            var path = $"spec.logGroups[{i}]";
            if (group.Name.Length > 0 && !LogGroupName().IsMatch(group.Name))
            {
                Error(path + ".name", $"'{group.Name}' is not a log group name (letters, digits and . - _ /)");
            }

            if (group.RetentionDays is { } days && !RetentionDays.Contains(days))
            {
                Error(path + ".retentionDays", $"{days} is not a retention CloudWatch Logs offers; pick one of {string.Join(", ", RetentionDays)}");
            }
        }
    }

    /// <summary>
    /// S3's rules for general purpose bucket names, on the physical name: 3-63 characters of a-z, 0-9 and '-',
    /// starting and ending with a letter or digit, and none of the reserved suffixes. Dots are allowed by S3 but
    /// break virtual-hosted TLS, so logical names here have none.
    /// </summary>
    private void CheckBuckets()
    {
        Unique(_spec.Buckets.Select(b => b.Name), "spec.buckets", "bucket");
        string[] reservedSuffixes = ["-s3alias", "--ol-s3", "--x-s3", "--table-s3"];
        for (var i = 0; i < _spec.Buckets.Count; i++)
        {
            var name = _spec.Buckets[i].Name;
            var path = $"spec.buckets[{i}].name";
            if (name.Length == 0 || _env.Length == 0)
            {
                continue;
            }

            var physical = PhysicalNames.For(_env, name);
            if (!BucketName().IsMatch(physical))
            {
                Error(path, $"the bucket name '{physical}' (environment-name) must be 3-63 lowercase letters, digits and '-', starting and ending with a letter or digit");
            }
            else if (reservedSuffixes.FirstOrDefault(s => physical.EndsWith(s, StringComparison.Ordinal)) is { } suffix)
            {
                Error(path, $"the bucket name '{physical}' ends with '{suffix}', which S3 reserves");
            }
        }
    }
}
