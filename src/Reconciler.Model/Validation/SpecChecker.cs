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

    // ELBv2 API reference, CreateLoadBalancer / CreateTargetGroup Name: "a maximum of 32 characters, must contain only
    // alphanumeric characters or hyphens, must not begin or end with a hyphen" (the length is checked apart).
    [GeneratedRegex("^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$")]
    private static partial Regex ElbName();

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,255}$")]
    private static partial Regex EcsName();

    [GeneratedRegex(@"^[\w+=,.@-]{1,64}$")]
    internal static partial Regex IamName();

    [GeneratedRegex(@"^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$")]
    private static partial Regex DnsName();

    [GeneratedRegex("^[0-9]{3}([-,][0-9]{3})*$")]
    private static partial Regex HttpCodes();

    [GeneratedRegex("(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|ACCESS_KEY|CREDENTIAL)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^(arn:aws[a-z-]*:(ssm|secretsmanager):[a-z0-9-]+:[0-9]{12}:.+|/[A-Za-z0-9_.\-/]+)$")]
    private static partial Regex SecretSource();

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

        var subnets = CheckNetwork();
        var groups = Unique(_spec.SecurityGroups.Select(g => g.Name), "spec.securityGroups", "security group");
        CheckSecurityGroups(groups);
        var clusters = Unique(_spec.Clusters.Select(c => c.Name), "spec.clusters", "cluster");
        DbInstanceChecks.Check(this, subnets, groups);
        InstanceChecks.Check(this, subnets, groups, clusters);
        var certificates = Unique(_spec.Certificates.Select(c => c.Name), "spec.certificates", "certificate");
        var loadBalancers = Unique(_spec.LoadBalancers.Select(l => l.Name), "spec.loadBalancers", "load balancer");
        var targetGroups = CheckLoadBalancers(subnets, groups, certificates);
        CheckDns(loadBalancers);
        var repositories = EcrRepositoryChecks.Check(this);
        var logGroups = LogGroupChecks.Check(this);
        CheckClusters();
        var families = CheckTaskDefinitions(repositories, logGroups);
        CheckServices(clusters, families, targetGroups);
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

    private Dictionary<string, SubnetSpec> CheckNetwork()
    {
        var result = new Dictionary<string, SubnetSpec>(StringComparer.Ordinal);
        if (_spec.Network is not { } network)
        {
            var needs = _spec.SecurityGroups.Count + _spec.Hosts.Count + _spec.Databases.Count + _spec.LoadBalancers.Count;
            if (needs > 0)
            {
                Error("spec", "security groups, hosts, databases and load balancers need spec.network");
            }

            return result;
        }

        Ipv4Cidr? vpc = null;
        if (network.Cidr.Length > 0)
        {
            if (!Ipv4Cidr.TryParse(network.Cidr, out var parsed, out var error))
            {
                Error("spec.network.cidr", error);
            }
            else if (parsed.Prefix is < 16 or > 28)
            {
                Error("spec.network.cidr", $"a VPC block must be between /16 and /28, not /{parsed.Prefix}");
            }
            else
            {
                vpc = parsed;
            }
        }

        var names = Unique(network.Subnets.Select(s => s.Name), "spec.network.subnets", "subnet");
        var blocks = new List<(Ipv4Cidr Cidr, int Index)>();
        for (var i = 0; i < network.Subnets.Count; i++)
        {
            var subnet = network.Subnets[i];
            var path = $"spec.network.subnets[{i}]";
            CheckLogicalName(path + ".name", subnet.Name);
            result.TryAdd(subnet.Name, subnet);
            if (subnet.Zone.Length > 0 && _spec.Region.Length > 0 &&
                !(subnet.Zone.StartsWith(_spec.Region, StringComparison.Ordinal) && subnet.Zone.Length == _spec.Region.Length + 1 && char.IsAsciiLetterLower(subnet.Zone[^1])))
            {
                Error(path + ".zone", $"'{subnet.Zone}' is not an availability zone of {_spec.Region} (e.g. {_spec.Region}a)");
            }

            if (subnet.Public && !network.InternetGateway)
            {
                Error(path + ".public", "a public subnet needs spec.network.internetGateway: true");
            }

            if (subnet.Cidr.Length == 0)
            {
                continue;
            }

            if (!Ipv4Cidr.TryParse(subnet.Cidr, out var block, out var cidrError))
            {
                Error(path + ".cidr", cidrError);
                continue;
            }

            if (block.Prefix is < 16 or > 28)
            {
                Error(path + ".cidr", $"a subnet block must be between /16 and /28, not /{block.Prefix}");
            }

            if (vpc is { } v && !v.Contains(block))
            {
                Error(path + ".cidr", $"{block} is outside the VPC's {v}");
            }

            foreach (var (other, j) in blocks)
            {
                if (other.Overlaps(block))
                {
                    Error(path + ".cidr", $"{block} overlaps subnet '{network.Subnets[j].Name}' ({other})");
                    break;
                }
            }

            blocks.Add((block, i));
        }

        if (network.NatGateway is { } nat)
        {
            Reference("spec.network.natGateway.subnet", nat.Subnet, names, "subnet");
            if (result.TryGetValue(nat.Subnet, out var natSubnet) && !natSubnet.Public)
            {
                Error("spec.network.natGateway.subnet", $"the NAT gateway must be in a public subnet; '{nat.Subnet}' is private");
            }
        }

        return result;
    }

    private void CheckSecurityGroups(HashSet<string> groups)
    {
        for (var i = 0; i < _spec.SecurityGroups.Count; i++)
        {
            var group = _spec.SecurityGroups[i];
            var path = $"spec.securityGroups[{i}]";
            CheckLogicalName(path + ".name", group.Name);
            PhysicalName(path + ".name", group.Name, LogicalName(), 255, "security group");
            if (group.Description.Length > 255)
            {
                Error(path + ".description", "at most 255 characters");
            }

            CheckRules(path + ".ingress", group.Ingress, groups, ingress: true);
            if (group.Egress is { } egress)
            {
                CheckRules(path + ".egress", egress, groups, ingress: false);
            }
        }
    }

    private void CheckRules(string listPath, IReadOnlyList<RuleSpec> rules, HashSet<string> groups, bool ingress)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var path = $"{listPath}[{i}]";
            Reference(path + ".source", rule.Source, groups, "security group");
            if (rule.Cidr is { } cidr)
            {
                if (!Ipv4Cidr.TryParse(cidr, out _, out var error))
                {
                    Error(path + ".cidr", error);
                }
                else if (ingress && cidr == "0.0.0.0/0" && IsSensitivePort(rule))
                {
                    Warn(path, $"port {rule.Port} is open to the whole internet (0.0.0.0/0); narrow the cidr or use a source group");
                }
            }

            var key = $"{rule.Protocol}|{rule.Port}|{rule.ToPort ?? rule.Port}|{rule.Cidr}|{rule.Source}";
            if (!seen.Add(key))
            {
                Error(path, "the same rule is listed twice");
            }
        }
    }

    private static bool IsSensitivePort(RuleSpec rule)
    {
        if (rule.Protocol == "all")
        {
            return true;
        }

        int[] sensitive = [22, 3389, 5432, 3306, 1433, 6379, 27017];
        var from = rule.Port ?? 0;
        var to = rule.ToPort ?? from;
        return rule.Protocol == "tcp" && sensitive.Any(p => p >= from && p <= to);
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

    private HashSet<string> CheckLoadBalancers(Dictionary<string, SubnetSpec> subnets, HashSet<string> groups, HashSet<string> certificates)
    {
        var allTargetGroups = _spec.LoadBalancers.SelectMany(l => l.TargetGroups.Select(t => t.Name)).ToList();
        var targetGroups = new HashSet<string>(allTargetGroups, StringComparer.Ordinal);
        var seenTargetGroups = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _spec.LoadBalancers.Count; i++)
        {
            var lb = _spec.LoadBalancers[i];
            var path = $"spec.loadBalancers[{i}]";
            CheckLogicalName(path + ".name", lb.Name);
            PhysicalName(path + ".name", lb.Name, ElbName(), 32, "load balancer");
            if (lb.Name.Length > 0 && _env.Length > 0 && PhysicalNames.For(_env, lb.Name).StartsWith("internal-", StringComparison.OrdinalIgnoreCase))
            {
                // CreateLoadBalancer Name "must not begin with \"internal-\"" (ELBv2 API reference): AWS answers ValidationError.
                Error(path + ".name", $"the load balancer name '{PhysicalNames.For(_env, lb.Name)}' (environment-name) breaks AWS's rule: it must not begin with 'internal-'");
            }

            CheckSubnetRefs(path + ".subnets", lb.Subnets, subnets);
            CheckGroupRefs(path + ".securityGroups", lb.SecurityGroups, groups);
            if (lb.Subnets.All(subnets.ContainsKey) && Zones(lb.Subnets, subnets) < 2)
            {
                Error(path + ".subnets", "an application load balancer must span at least two availability zones");
            }

            if (lb.Scheme == "internet-facing" && lb.Subnets.Any(s => subnets.TryGetValue(s, out var subnet) && !subnet.Public))
            {
                Error(path + ".subnets", "an internet-facing load balancer must be in public subnets");
            }

            for (var t = 0; t < lb.TargetGroups.Count; t++)
            {
                var tg = lb.TargetGroups[t];
                var tgPath = $"{path}.targetGroups[{t}]";
                CheckLogicalName(tgPath + ".name", tg.Name);
                PhysicalName(tgPath + ".name", tg.Name, ElbName(), 32, "target group");
                if (tg.Name.Length > 0 && !seenTargetGroups.Add(tg.Name))
                {
                    Error(tgPath + ".name", $"target group '{tg.Name}' is defined twice");
                }

                if (!tg.HealthCheck.Path.StartsWith('/'))
                {
                    Error(tgPath + ".healthCheck.path", "the health check path must start with '/'");
                }

                if (!HttpCodes().IsMatch(tg.HealthCheck.SuccessCodes))
                {
                    Error(tgPath + ".healthCheck.successCodes", $"'{tg.HealthCheck.SuccessCodes}' is not a list or range of HTTP codes (e.g. 200, 200-399, 200,400)");
                }
            }

            var ports = new HashSet<int>();
            for (var l = 0; l < lb.Listeners.Count; l++)
            {
                var listener = lb.Listeners[l];
                var lPath = $"{path}.listeners[{l}]";
                if (listener.Port > 0 && !ports.Add(listener.Port))
                {
                    Error(lPath + ".port", $"two listeners on port {listener.Port}");
                }

                if (listener.Protocol == "HTTPS" && listener.Certificate is null)
                {
                    Error(lPath, "an HTTPS listener needs a certificate");
                }

                if (listener.Protocol == "HTTP" && listener.Certificate is not null)
                {
                    Error(lPath + ".certificate", "an HTTP listener takes no certificate");
                }

                Reference(lPath + ".certificate", listener.Certificate, certificates, "certificate");
                var own = lb.TargetGroups.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
                Reference(lPath + ".forward", listener.Forward, own, "target group of this load balancer");
                if (listener.Redirect == "https" && !lb.Listeners.Any(x => x.Protocol == "HTTPS"))
                {
                    Warn(lPath + ".redirect", "redirects to HTTPS, but this load balancer has no HTTPS listener");
                }
            }
        }

        return targetGroups;
    }

    private void CheckDns(HashSet<string> loadBalancers)
    {
        for (var i = 0; i < _spec.Certificates.Count; i++)
        {
            var cert = _spec.Certificates[i];
            var path = $"spec.certificates[{i}]";
            CheckLogicalName(path + ".name", cert.Name);
            foreach (var (domain, field) in cert.AlternativeNames.Select((n, j) => (n, $"{path}.alternativeNames[{j}]")).Prepend((cert.Domain, path + ".domain")))
            {
                if (domain.Length == 0)
                {
                    continue;
                }

                if (!DnsName().IsMatch(domain))
                {
                    Error(field, $"'{domain}' is not a DNS name");
                }
                else if (_spec.Dns is null)
                {
                    Error(field, "DNS validation writes records into spec.dns.zone, and there is no spec.dns");
                }
                else if (!InZone(domain, _spec.Dns.Zone))
                {
                    Error(field, $"'{domain}' is not inside the zone '{_spec.Dns.Zone}', so it cannot be validated through it");
                }
            }
        }

        if (_spec.Dns is not { } dns)
        {
            return;
        }

        if (dns.Zone.Length > 0 && !DnsName().IsMatch(dns.Zone))
        {
            Error("spec.dns.zone", $"'{dns.Zone}' is not a DNS name");
        }

        Unique(dns.Records.Select(r => r.Name.TrimEnd('.')), "spec.dns.records", "record");
        for (var i = 0; i < dns.Records.Count; i++)
        {
            var record = dns.Records[i];
            var path = $"spec.dns.records[{i}]";
            if (record.Name.Length > 0 && !DnsName().IsMatch(record.Name))
            {
                Error(path + ".name", $"'{record.Name}' is not a DNS name");
            }
            else if (record.Name.Length > 0 && !InZone(record.Name, dns.Zone))
            {
                Error(path + ".name", $"'{record.Name}' is not inside the zone '{dns.Zone}'");
            }

            Reference(path + ".target.loadBalancer", record.Target.LoadBalancer, loadBalancers, "load balancer");
        }
    }

    private static bool InZone(string name, string zone)
    {
        var n = name.TrimEnd('.').TrimStart('*', '.');
        var z = zone.TrimEnd('.');
        return n.Equals(z, StringComparison.OrdinalIgnoreCase) || n.EndsWith("." + z, StringComparison.OrdinalIgnoreCase);
    }

    private void CheckClusters()
    {
        for (var i = 0; i < _spec.Clusters.Count; i++)
        {
            var path = $"spec.clusters[{i}].name";
            CheckLogicalName(path, _spec.Clusters[i].Name);
            PhysicalName(path, _spec.Clusters[i].Name, EcsName(), 255, "ECS cluster");
        }
    }

    private Dictionary<string, TaskDefinitionSpec> CheckTaskDefinitions(HashSet<string> repositories, HashSet<string> logGroups)
    {
        Unique(_spec.TaskDefinitions.Select(t => t.Family), "spec.taskDefinitions", "task definition", "family");
        var result = new Dictionary<string, TaskDefinitionSpec>(StringComparer.Ordinal);
        for (var i = 0; i < _spec.TaskDefinitions.Count; i++)
        {
            var td = _spec.TaskDefinitions[i];
            var path = $"spec.taskDefinitions[{i}]";
            result.TryAdd(td.Family, td);
            foreach (var (role, field) in new[] { (td.ExecutionRole, "executionRole"), (td.TaskRole, "taskRole") })
            {
                if (role is not null && !IamName().IsMatch(role) && !role.StartsWith("arn:aws:iam::", StringComparison.Ordinal))
                {
                    Error($"{path}.{field}", $"'{role}' is not an IAM role name (1-64 of letters, digits and + = , . @ _ -) or ARN");
                }
            }

            CheckLogicalName(path + ".family", td.Family);
            PhysicalName(path + ".family", td.Family, EcsName(), 255, "task definition family");
            Unique(td.Containers.Select(c => c.Name), path + ".containers", "container");
            CheckTaskSize(path, td);
            for (var c = 0; c < td.Containers.Count; c++)
            {
                CheckContainer($"{path}.containers[{c}]", td.Containers[c], repositories, logGroups, td.Memory is not null);
                CheckContainerValues($"{path}.containers[{c}]", td.Containers[c]);
                if (td.ExecutionRole is null && td.Containers[c].Secrets.Count + td.Containers[c].SecretsFrom.Count > 0)
                {
                    // The ECS agent reads secrets with the task execution role ("Amazon ECS task execution IAM
                    // role": a task definition "referencing sensitive data using Secrets Manager secrets or Systems
                    // Manager Parameter Store parameters"); RegisterTaskDefinition refuses secrets without one.
                    Error($"{path}.containers[{c}].secrets", "secrets are read by the task execution role: give the task definition an executionRole (e.g. ecsTaskExecutionRole)");
                }
            }
        }

        return result;
    }

    private void CheckContainer(string path, ContainerSpec container, HashSet<string> repositories, HashSet<string> logGroups, bool taskMemory)
    {
        Reference(path + ".image.repository", container.Image.Repository, repositories, "repository");
        Reference(path + ".logs.group", container.Logs?.Group, logGroups, "log group");
        // ContainerDefinition.memory: "If using the EC2 launch type, you must specify either a task-level memory value
        // or a container-level memory value" (ECS API reference).
        if (container.Memory is null && container.MemoryReservation is null && !taskMemory)
        {
            Error(path, "give memory (hard limit), memoryReservation (soft limit) or both, or a task-level memory");
        }

        if (container.Memory is { } hard && container.MemoryReservation is { } soft && soft > hard)
        {
            Error(path + ".memoryReservation", $"the soft limit {soft} is above the hard limit {hard}");
        }

        var hostPorts = new HashSet<int>();
        for (var p = 0; p < container.PortMappings.Count; p++)
        {
            var mapping = container.PortMappings[p];
            if (mapping.HostPort > 0 && !hostPorts.Add(mapping.HostPort))
            {
                Error($"{path}.portMappings[{p}].hostPort", $"host port {mapping.HostPort} is mapped twice");
            }
        }

        foreach (var (name, value) in container.Environment)
        {
            if (SecretName().IsMatch(name) && value.Length > 0)
            {
                Error($"{path}.environment.{name}", "looks like a secret: put it in SSM Parameter Store or Secrets Manager and name it under secrets (valueFrom); its value is not shown");
            }
        }

        foreach (var (name, source) in container.Secrets)
        {
            if (!SecretSource().IsMatch(source))
            {
                Error($"{path}.secrets.{name}", "must be an SSM parameter name (/path/name) or an SSM or Secrets Manager ARN");
            }
        }
    }

    private void CheckServices(HashSet<string> clusters, Dictionary<string, TaskDefinitionSpec> families, HashSet<string> targetGroups)
    {
        Unique(_spec.Services.Select(s => s.Name), "spec.services", "service");
        for (var i = 0; i < _spec.Services.Count; i++)
        {
            var service = _spec.Services[i];
            var path = $"spec.services[{i}]";
            CheckLogicalName(path + ".name", service.Name);
            PhysicalName(path + ".name", service.Name, EcsName(), 255, "ECS service");
            Reference(path + ".cluster", service.Cluster, clusters, "cluster");
            Reference(path + ".taskDefinition", service.TaskDefinition, families.Keys.ToHashSet(StringComparer.Ordinal), "task definition");
            var cluster = _spec.Clusters.FirstOrDefault(c => c.Name == service.Cluster);
            if (cluster is not null && service.LaunchType == "EC2" && cluster.Capacity != "ec2")
            {
                Error(path + ".launchType", $"cluster '{cluster.Name}' has {cluster.Capacity} capacity, not EC2 hosts");
            }

            foreach (var (field, j) in service.IgnoreChanges.Select((f, j) => (f, j)))
            {
                string[] allowed = ["desiredCount", "taskDefinition", "image"];
                if (!allowed.Contains(field))
                {
                    Error($"{path}.ignoreChanges[{j}]", $"'{field}' cannot be ignored; one of {string.Join(", ", allowed)}{Suggest.DidYouMean(field, allowed)}");
                }
            }

            families.TryGetValue(service.TaskDefinition, out var family);
            for (var j = 0; j < service.BeforeDeploy.Count; j++)
            {
                var task = service.BeforeDeploy[j];
                var taskPath = $"{path}.beforeDeploy[{j}]";
                if (family is not null)
                {
                    Reference(taskPath + ".container", task.Container, family.Containers.Select(c => c.Name).ToHashSet(StringComparer.Ordinal), $"container in task definition '{family.Family}'");
                }

                if (task.Command.Count == 0)
                {
                    Error(taskPath + ".command", "give the command to run, e.g. [python, manage.py, migrate]");
                }
            }

            if (service.LoadBalancer is not { } binding)
            {
                continue;
            }

            Reference(path + ".loadBalancer.targetGroup", binding.TargetGroup, targetGroups, "target group");
            if (!families.TryGetValue(service.TaskDefinition, out var td))
            {
                continue;
            }

            var container = td.Containers.FirstOrDefault(c => c.Name == binding.Container);
            if (container is null)
            {
                Reference(path + ".loadBalancer.container", binding.Container, td.Containers.Select(c => c.Name).ToHashSet(StringComparer.Ordinal), $"container in task definition '{td.Family}'");
            }
            else if (binding.ContainerPort > 0 && container.PortMappings.All(p => p.ContainerPort != binding.ContainerPort))
            {
                Error(path + ".loadBalancer.containerPort", $"container '{container.Name}' maps no containerPort {binding.ContainerPort}");
            }
        }
    }
}
