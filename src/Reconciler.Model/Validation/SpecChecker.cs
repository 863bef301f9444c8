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
    [GeneratedRegex("^[a-z][a-z0-9-]{0,38}[a-z0-9]$")]
    private static partial Regex EnvironmentName();

    [GeneratedRegex("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$")]
    private static partial Regex RegionName();

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9-]*$")]
    private static partial Regex LogicalName();

    [GeneratedRegex(@"^[\w+=,.@-]{1,64}$")]
    internal static partial Regex IamName();

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

        AccountChecks.Check(this);
        foreach (var (key, value) in _spec.Tags)
        {
            CheckTag("spec.tags." + key, key, value);
        }

        var subnets = VpcChecks.Check(this);
        var groups = Unique(_spec.SecurityGroups.Select(g => g.Name), "spec.securityGroups", "security group");
        SecurityGroupChecks.Check(this, groups);
        var clusters = Unique(_spec.Clusters.Select(c => c.Name), "spec.clusters", "cluster");
        DbInstanceChecks.Check(this, subnets, groups);
        InstanceChecks.Check(this, subnets, groups, clusters);
        var certificates = Unique(_spec.Certificates.Select(c => c.Name), "spec.certificates", "certificate");
        var loadBalancers = Unique(_spec.LoadBalancers.Select(l => l.Name), "spec.loadBalancers", "load balancer");
        var targetGroups = LoadBalancerChecks.Check(this, subnets, groups, certificates);
        CertificateChecks.Check(this);
        HostedZoneChecks.Check(this);
        DnsRecordChecks.Check(this, loadBalancers);
        var repositories = EcrRepositoryChecks.Check(this);
        var logGroups = LogGroupChecks.Check(this);
        EcsClusterChecks.Run(this);
        var families = TaskDefinitionChecks.Run(this, repositories, logGroups);
        EcsServiceChecks.Run(this, clusters, families, targetGroups);
        BucketChecks.Check(this);
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

    /// <summary>The AWS name of an entry: its <c>awsName</c> when given, else <c>&lt;environment&gt;-&lt;name&gt;</c>.</summary>
    internal string Physical(string logical, string? awsName) => awsName ?? PhysicalNames.For(_env, logical);

    /// <summary>
    /// Checks AWS's name rule of a kind on the entry's AWS name: its <c>awsName</c> as given (reported at the sibling
    /// <c>awsName</c> of <paramref name="path"/>), else <c>&lt;environment&gt;-&lt;name&gt;</c> (reported at <paramref name="path"/>).
    /// </summary>
    internal void PhysicalName(string path, string logical, string? awsName, Regex rule, int max, string what)
    {
        if (awsName is not null)
        {
            if (awsName.Length > max || !rule.IsMatch(awsName))
            {
                Error(AwsNamePath(path), $"the {what} name '{awsName}' breaks AWS's rule: at most {max} characters matching {rule}");
            }

            return;
        }

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

    /// <summary>The entry a name path belongs to: <c>spec.clusters[0]</c> for <c>spec.clusters[0].name</c>.</summary>
    private static string Entry(string namePath) => namePath[..namePath.LastIndexOf('.')];

    /// <summary>The path of the <c>awsName</c> beside the name at <paramref name="namePath"/> (<c>spec.clusters[0].name</c>).</summary>
    internal static string AwsNamePath(string namePath) => namePath[..(namePath.LastIndexOf('.') + 1)] + "awsName";

    /// <summary>
    /// Two entries of one kind must not end up with the same AWS name, whether through two awsNames or an awsName equal
    /// to another entry's <c>&lt;environment&gt;-&lt;name&gt;</c>: the later one is reported, at its awsName when it has one.
    /// </summary>
    /// <param name="entries">Each entry's name path (<c>spec.clusters[0].name</c>), logical name and awsName.</param>
    internal void UniquePhysicalNames(IEnumerable<(string NamePath, string Name, string? AwsName)> entries, string what, bool ignoreCase = false)
    {
        var seen = new Dictionary<string, (string Path, bool ByAwsName)>(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var (namePath, name, awsName) in entries)
        {
            if (awsName is null && (name.Length == 0 || _env.Length == 0))
            {
                continue;
            }

            var physical = Physical(name, awsName);
            if (!seen.TryGetValue(physical, out var first))
            {
                seen[physical] = (namePath, awsName is not null);
            }
            else if (awsName is not null)
            {
                Error(AwsNamePath(namePath), $"the {what} AWS name '{physical}' is also the AWS name of {Entry(first.Path)}");
            }
            else if (first.ByAwsName)
            {
                Error(AwsNamePath(first.Path), $"the {what} AWS name '{physical}' is also the AWS name of {Entry(namePath)}");
            }

            // Two equal names without awsName are one logical name twice, which Unique reports already.
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
}
