using System.Globalization;
using System.Text.RegularExpressions;
using Reconciler.Aws.Ecr;
using Reconciler.Aws.Ecs;
using Reconciler.Aws.Logs;
using Reconciler.Model.Graph;
using Reconciler.Model.Kinds;

namespace Reconciler.Import;

/// <summary>
/// ECS clusters (those the hosts join, or whose services are registered to the imported target groups, or the one
/// named), their services, the task definitions those run, the ECR repositories their images come from and the log
/// groups they log to.
/// </summary>
internal static partial class ContainerDiscovery
{
    /// <summary>
    /// The clusters to import: <paramref name="named"/> (physical names) plus those with a service registered to one
    /// of <paramref name="targetGroups"/>; ListClusters and ListServices read the whole region once.
    /// </summary>
    public static async Task<IReadOnlyList<EcsCluster>> ClustersAsync(ImportContext ctx, IReadOnlyCollection<string> named, IReadOnlyCollection<string> targetGroups, CancellationToken ct)
    {
        var ecs = ctx.Clients.Ecs;
        var arns = await ecs.ListClustersAsync(ct).ConfigureAwait(false);
        var clusters = arns.Count == 0 ? [] : await ecs.DescribeClustersAsync(arns, ct).ConfigureAwait(false);
        var result = new List<EcsCluster>();
        foreach (var cluster in clusters.Where(c => c.Status == "ACTIVE"))
        {
            if (named.Contains(cluster.ClusterName))
            {
                result.Add(cluster);
                continue;
            }

            if (targetGroups.Count > 0)
            {
                var services = await ServicesAsync(ecs, cluster.ClusterArn, ct).ConfigureAwait(false);
                if (services.Any(s => (s.LoadBalancers ?? []).Any(l => l.TargetGroupArn is { } tg && targetGroups.Contains(tg))))
                {
                    result.Add(cluster);
                }
            }
        }

        return result;
    }

    public static async Task DiscoverAsync(ImportContext ctx, IReadOnlyList<EcsCluster> clusters, CancellationToken ct)
    {
        var ecs = ctx.Clients.Ecs;
        var families = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cluster in clusters.OrderBy(c => c.ClusterName, StringComparer.Ordinal))
        {
            var name = ctx.NameFor("clusters", ImportNames.Logical(ctx.Environment, cluster.ClusterName));
            ctx.Names[cluster.ClusterArn] = name;
            var fields = new List<ImportedField> { new("name", name) };
            if (ImportNames.AwsName(ctx.Environment, name, cluster.ClusterName) is { } awsName)
            {
                fields.Add(new ImportedField("awsName", awsName));
            }

            ctx.Add(new ImportedEntry("clusters", name, cluster.ClusterArn, fields, [], [new AdoptionTarget(GraphContext.LogicalId(EcsClusterKind.Kind, name), cluster.ClusterArn)]));
            foreach (var service in (await ServicesAsync(ecs, cluster.ClusterArn, ct).ConfigureAwait(false)).OrderBy(s => s.ServiceName, StringComparer.Ordinal))
            {
                await AddServiceAsync(ctx, name, service, families, ct).ConfigureAwait(false);
            }
        }
    }

    private static async Task<IReadOnlyList<EcsService>> ServicesAsync(IEcsApi ecs, string cluster, CancellationToken ct)
    {
        var arns = await ecs.ListServicesAsync(cluster, ct).ConfigureAwait(false);
        return arns.Count == 0 ? [] : (await ecs.DescribeServicesAsync(cluster, arns, ct).ConfigureAwait(false)).Where(s => s.Status == "ACTIVE").ToList();
    }

    private static async Task AddServiceAsync(ImportContext ctx, string cluster, EcsService service, Dictionary<string, string> families, CancellationToken ct)
    {
        var what = $"service {service.ServiceName}";
        if (service.LaunchType is { } launch && launch != "EC2")
        {
            ctx.Leave(what, service.ServiceArn, $"launch type {launch}: the spec's services run on EC2 hosts");
            return;
        }

        // DescribeServices omits launchType for a service created with a capacity provider strategy (ECS API reference,
        // Service.launchType: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Service.html); the spec's
        // services are launch type EC2, so adopting one would move it off its capacity providers. (moto always answers
        // a launch type, EC2 by default: this branch is met on AWS only.)
        if (service.LaunchType is null)
        {
            ctx.Leave(what, service.ServiceArn, "no launch type: it runs on a capacity provider strategy, and the spec's services have launch type EC2");
            return;
        }

        var balancers = service.LoadBalancers ?? [];
        if (balancers.Count > 1)
        {
            ctx.Leave(what, service.ServiceArn, "registered to more than one target group: the spec's loadBalancer is one binding");
            return;
        }

        if (service.DeploymentConfiguration?.DeploymentCircuitBreaker is not { Enable: true, Rollback: true })
        {
            // The spec's services roll a failed deployment back (the deployment circuit breaker, EcsServiceExpansion).
            ctx.Leave(what, service.ServiceArn, "its deployment circuit breaker is not on with rollback, as the spec's services have it: adopting it would change it; turn it on first (aws ecs update-service --deployment-configuration 'deploymentCircuitBreaker={enable=true,rollback=true}')");
            return;
        }

        if (service.TaskDefinition is not { } revision)
        {
            ctx.Leave(what, service.ServiceArn, "no task definition");
            return;
        }

        var family = families.TryGetValue(revision, out var known) ? known : await AddTaskDefinitionAsync(ctx, revision, families, ct).ConfigureAwait(false);
        if (family is null)
        {
            ctx.Leave(what, service.ServiceArn, "its task definition is not imported (see above)");
            return;
        }

        var name = ctx.NameFor("services", ImportNames.Logical(ctx.Environment, service.ServiceName));
        var fields = new List<ImportedField> { new("name", name) };
        if (ImportNames.AwsName(ctx.Environment, name, service.ServiceName) is { } awsName)
        {
            fields.Add(new ImportedField("awsName", awsName));
        }

        fields.Add(new ImportedField("cluster", cluster));
        fields.Add(new ImportedField("taskDefinition", family));
        if (service.DesiredCount != 1)
        {
            fields.Add(new ImportedField("desiredCount", service.DesiredCount));
        }

        var requires = new List<string> { $"clusters/{cluster}", $"taskDefinitions/{family}" };
        if (balancers.FirstOrDefault() is { } binding)
        {
            if (binding.TargetGroupArn is not { } tg || !ctx.Names.TryGetValue(tg, out var tgName))
            {
                ctx.Leave(what, service.ServiceArn, "registered to a target group that is not imported");
                return;
            }

            fields.Add(new ImportedField("loadBalancer", new List<ImportedField>
            {
                new("targetGroup", tgName), new("container", binding.ContainerName ?? string.Empty), new("containerPort", binding.ContainerPort ?? 0),
            }));
            requires.Add($"targetGroups/{tgName}");
        }

        ctx.Add(new ImportedEntry("services", name, service.ServiceArn, fields, requires, [new AdoptionTarget(GraphContext.LogicalId(EcsServiceKind.Kind, name), service.ServiceArn)]));
    }

    private static async Task<string?> AddTaskDefinitionAsync(ImportContext ctx, string revision, Dictionary<string, string> families, CancellationToken ct)
    {
        var td = (await ctx.Clients.Ecs.DescribeTaskDefinitionAsync(revision, ct).ConfigureAwait(false)).TaskDefinition;
        var what = $"task definition {td.Family}:{td.Revision}";
        if (td.NetworkMode is { } mode && mode is not ("bridge" or "host"))
        {
            ctx.Leave(what, td.TaskDefinitionArn, $"network mode {mode}: the spec's task definitions use bridge or host");
            return null;
        }

        var requires = new List<string>();
        var containers = new List<object>();
        foreach (var c in td.ContainerDefinitions ?? [])
        {
            var container = await ContainerAsync(ctx, c, requires, ct).ConfigureAwait(false);
            if (container.Problem is not null)
            {
                ctx.Leave(what, td.TaskDefinitionArn, $"container {c.Name}: {container.Problem}");
                return null;
            }

            containers.Add(container.Fields);
        }

        var name = ctx.NameFor("taskDefinitions", ImportNames.Logical(ctx.Environment, td.Family));
        families[revision] = name;
        var fields = new List<ImportedField> { new("family", name) };
        if (ImportNames.AwsName(ctx.Environment, name, td.Family) is { } awsName)
        {
            fields.Add(new ImportedField("awsName", awsName));
        }

        if (td.ExecutionRoleArn is { } execution)
        {
            // Imported as it is: a role used by name, shared (the reconciler never changes its name or deletes it). Which
            // other environments use it is not known from one environment's resources, so the spec only says the way out.
            fields.Add(new ImportedField("executionRole", RoleNames.FromNameOrArn(execution),
                $"kept as a shared role; if only this environment uses it, {{ own: true }} gives the environment its own role {ctx.Environment}-execution instead"));
        }

        if (td.TaskRoleArn is { } taskRole)
        {
            fields.Add(new ImportedField("taskRole", RoleNames.FromNameOrArn(taskRole)));
        }

        if (td.NetworkMode == "host")
        {
            fields.Add(new ImportedField("networkMode", "host"));
        }

        if (int.TryParse(td.Cpu, CultureInfo.InvariantCulture, out var cpu) && cpu > 0)
        {
            fields.Add(new ImportedField("cpu", cpu));
        }

        if (int.TryParse(td.Memory, CultureInfo.InvariantCulture, out var memory) && memory > 0)
        {
            fields.Add(new ImportedField("memory", memory));
        }

        fields.Add(new ImportedField("containers", containers));
        ctx.Add(new ImportedEntry("taskDefinitions", name, td.TaskDefinitionArn, fields, requires.Distinct(StringComparer.Ordinal).ToList(),
            [new AdoptionTarget(GraphContext.LogicalId(TaskDefinitionKind.Kind, name), td.TaskDefinitionArn)]));
        return name;
    }

    private static async Task<(List<ImportedField> Fields, string? Problem)> ContainerAsync(ImportContext ctx, EcsContainerDefinition c, List<string> requires, CancellationToken ct)
    {
        var fields = new List<ImportedField> { new("name", c.Name) };
        if (EcrImage().Match(c.Image) is { Success: true } m && m.Groups["region"].Value == ctx.Region)
        {
            var repo = await RepositoryAsync(ctx, m.Groups["repo"].Value, ct).ConfigureAwait(false);
            if (repo is null)
            {
                return (fields, $"image {c.Image} is in an ECR repository that could not be read");
            }

            var tag = m.Groups["tag"].Success ? m.Groups["tag"].Value : "latest";
            fields.Add(new ImportedField("image", new List<ImportedField> { new("repository", repo), new("tag", tag) }));
            requires.Add($"repositories/{repo}");
        }
        else
        {
            fields.Add(new ImportedField("image", c.Image));
        }

        if (c.Memory is { } hard)
        {
            fields.Add(new ImportedField("memory", hard));
        }

        if (c.MemoryReservation is { } soft)
        {
            fields.Add(new ImportedField("memoryReservation", soft));
        }

        if (c.Cpu is { } units and > 0)
        {
            fields.Add(new ImportedField("cpu", units));
        }

        if (c.Essential == false)
        {
            fields.Add(new ImportedField("essential", false));
        }

        var ports = (c.PortMappings ?? []).Select(p =>
        {
            var port = new List<ImportedField>();
            if (p.HostPort is { } host and > 0)
            {
                port.Add(new ImportedField("hostPort", host));
            }

            port.Add(new ImportedField("containerPort", p.ContainerPort));
            if (p.Protocol is { } protocol && protocol != "tcp")
            {
                port.Add(new ImportedField("protocol", protocol));
            }

            return (object)port;
        }).ToList();
        if (ports.Count > 0)
        {
            fields.Add(new ImportedField("portMappings", ports));
        }

        var environment = c.Environment ?? [];
        // No secret in a spec: a plain variable whose name says it holds one stops the import of its task definition
        // (moving it to secrets first is the owner's decision, and writing it would put the value in the file).
        if (environment.FirstOrDefault(e => SecretName().IsMatch(e.Name)) is { } secret)
        {
            return (fields, $"environment variable {secret.Name} looks like a secret held in plain text: move it to secrets (Secrets Manager or SSM) first");
        }

        // Nor a password inside a value: a connection URL with user:password@ (DATABASE_URL=postgres://app:pw@host/db).
        if (environment.FirstOrDefault(e => e.Value is { } value && UrlWithPassword().IsMatch(value)) is { } url)
        {
            return (fields, $"environment variable {url.Name} holds a URL with a password in plain text: move it to secrets (Secrets Manager or SSM) first");
        }

        if (environment.Count > 0)
        {
            fields.Add(new ImportedField("environment", EnvironmentFields(ctx, environment, requires)));
        }

        if ((c.Secrets ?? []).Count > 0)
        {
            fields.Add(new ImportedField("secrets", c.Secrets!.OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => new ImportedField(e.Name, e.ValueFrom)).ToList()));
        }

        if ((c.Command ?? []).Count > 0)
        {
            fields.Add(new ImportedField("command", c.Command!.Cast<object>().ToList()));
        }

        if (c.LogConfiguration is { } logs)
        {
            var options = logs.Options ?? [];
            if (logs.LogDriver != "awslogs" || !options.TryGetValue("awslogs-group", out var group)
                || options.Keys.Any(k => k is not ("awslogs-group" or "awslogs-region" or "awslogs-stream-prefix"))
                || (options.TryGetValue("awslogs-region", out var region) && region != ctx.Region))
            {
                return (fields, $"log driver {logs.LogDriver} with options {string.Join(", ", options.Keys)}: the spec's logs are awslogs with a group and a stream prefix in the spec's region");
            }

            if (!await LogGroupAsync(ctx, group, ct).ConfigureAwait(false))
            {
                return (fields, $"log group {group} does not exist");
            }

            var log = new List<ImportedField> { new("group", group) };
            if (options.TryGetValue("awslogs-stream-prefix", out var prefix) && prefix != "ecs")
            {
                log.Add(new ImportedField("streamPrefix", prefix));
            }

            fields.Add(new ImportedField("logs", log));
            requires.Add($"logGroups/{group}");
        }

        return (fields, null);
    }

    /// <summary>
    /// The container's variables as the spec writes them: a value equal to a written database's endpoint address becomes
    /// <c>{ database: NAME, attribute: address }</c> (docs/spec.md, "Values of other resources"), which the task
    /// definition then resolves to the same string, and with it the container's value equal to that database's port. The
    /// port alone is too common a number (5432) to be read as a reference; the address is exact (compared as written,
    /// since the plan compares the resolved value with the live one the same way). Each carries a "guessed" comment.
    /// </summary>
    private static List<ImportedField> EnvironmentFields(ImportContext ctx, IReadOnlyList<EcsKeyValuePair> environment, List<string> requires)
    {
        // With the databases section left out, the literal stays (a reference would take the task definition with it).
        var databases = ctx.Options.Wants("databases") ? ctx.Databases : [];
        var byAddress = databases.Where(d => !string.IsNullOrEmpty(d.Address)).GroupBy(d => d.Address!, StringComparer.Ordinal)
            .Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);
        var named = environment.Select(e => e.Value is { } v && byAddress.TryGetValue(v, out var d) ? d : default).Where(d => d.Name is not null).Distinct().ToList();
        var port = named.Count == 1 ? named[0].Port?.ToString(CultureInfo.InvariantCulture) : null;
        ImportedField Reference(string variable, string database, string attribute)
        {
            requires.Add($"databases/{database}");
            return new ImportedField(variable, new List<ImportedField> { new("database", database), new("attribute", attribute) }, $"guessed: the value was database {database}'s {attribute}");
        }

        return [.. environment.OrderBy(e => e.Name, StringComparer.Ordinal).Select(e =>
            e.Value is { } value && byAddress.TryGetValue(value, out var db) ? Reference(e.Name, db.Name, "address")
            : port is not null && e.Value == port ? Reference(e.Name, named[0].Name, "port")
            : new ImportedField(e.Name, e.Value ?? string.Empty))];
    }

    private static async Task<string?> RepositoryAsync(ImportContext ctx, string physical, CancellationToken ct)
    {
        if (ctx.Names.TryGetValue("ecr:" + physical, out var known))
        {
            return known;
        }

        IReadOnlyList<Repository> found;
        try
        {
            found = await ctx.Clients.Ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest([physical]), ct).ConfigureAwait(false);
        }
        catch (Aws.AwsCallException ex) when (ex.Error.Code == "RepositoryNotFoundException")
        {
            return null;
        }

        if (found.FirstOrDefault() is not { } repo)
        {
            return null;
        }

        var name = ctx.NameFor("repositories", ImportNames.Logical(ctx.Environment, repo.RepositoryName));
        ctx.Names["ecr:" + physical] = name;
        var fields = new List<ImportedField> { new("name", name) };
        if (ImportNames.AwsName(ctx.Environment, name, repo.RepositoryName) is { } awsName)
        {
            fields.Add(new ImportedField("awsName", awsName));
        }

        // The spec's defaults are scan on push and mutable tags (RepositorySpec.Bind).
        if (repo.ImageScanningConfiguration?.ScanOnPush != true)
        {
            fields.Add(new ImportedField("scanOnPush", false));
        }

        if (repo.ImageTagMutability == "IMMUTABLE")
        {
            fields.Add(new ImportedField("immutableTags", true));
        }

        ctx.Add(new ImportedEntry("repositories", name, repo.RepositoryName, fields, [], [new AdoptionTarget(GraphContext.LogicalId(EcrRepositoryKind.Kind, name), repo.RepositoryName)]));
        return name;
    }

    private static async Task<bool> LogGroupAsync(ImportContext ctx, string group, CancellationToken ct)
    {
        if (ctx.Names.ContainsKey("logs:" + group))
        {
            return true;
        }

        var found = (await ctx.Clients.Logs.DescribeLogGroupsAsync(new DescribeLogGroupsRequest(LogGroupNamePrefix: group), ct).ConfigureAwait(false))
            .FirstOrDefault(g => g.LogGroupName == group);
        if (found is null)
        {
            return false;
        }

        ctx.Names["logs:" + group] = group;
        var fields = new List<ImportedField> { new("name", group) };
        if (found.RetentionInDays is { } days)
        {
            fields.Add(new ImportedField("retentionDays", days));
        }

        ctx.Add(new ImportedEntry("logGroups", group, group, fields, [], [new AdoptionTarget(GraphContext.LogicalId(LogGroupKind.Kind, group.TrimStart('/')), group)]));
        return true;
    }

    [GeneratedRegex(@"^\d{12}\.dkr\.ecr\.(?<region>[a-z0-9-]+)\.amazonaws\.com/(?<repo>[a-z0-9._/-]+)(:(?<tag>[A-Za-z0-9_.-]+))?$")]
    private static partial Regex EcrImage();

    [GeneratedRegex("PASSWORD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|ACCESS_KEY", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    /// <summary>scheme://user:password@ (RFC 3986 userinfo with a password), anywhere in the value.</summary>
    [GeneratedRegex(@"[a-z][a-z0-9+.-]*://[^/@:\s]+:[^/@\s]+@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlWithPassword();
}
