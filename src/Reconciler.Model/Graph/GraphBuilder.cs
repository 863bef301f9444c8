using System.Collections.Immutable;
using Reconciler.Model.Spec;
using Reconciler.Model.Validation;

namespace Reconciler.Model.Graph;

/// <summary>
/// Expands a valid spec into the desired resources of the environment. Dependencies are the references found in the
/// properties plus a few ordering edges; the result is topologically sorted, and a cycle is an error.
/// </summary>
internal static class GraphBuilder
{
    public const string VpcName = "main";

    /// <summary>The ecs-service instruction holding its beforeDeploy tasks (see <see cref="BeforeDeploy"/>).</summary>
    public const string BeforeDeployInstruction = "beforeDeploy";

    public static (ResourceGraph? Graph, IReadOnlyList<string> Errors) Build(EnvironmentDocument doc)
    {
        var b = new Builder(doc);
        b.AddAll();
        return TopologicalSort(doc.Name, doc.Spec.Region, b.Resources);
    }

    public static (ResourceGraph? Graph, IReadOnlyList<string> Errors) TopologicalSort(string environment, string region, IReadOnlyList<DesiredResource> resources)
    {
        var byId = new Dictionary<string, DesiredResource>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var resource in resources)
        {
            if (!byId.TryAdd(resource.LogicalId, resource))
            {
                errors.Add($"{resource.LogicalId} is defined twice");
            }
        }

        foreach (var resource in resources)
        {
            foreach (var dependency in resource.DependsOn.Where(d => !byId.ContainsKey(d)))
            {
                errors.Add($"{resource.LogicalId} depends on {dependency}, which the spec does not define");
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // Kahn's algorithm; among ready resources the lower kind rank, then the logical id, goes first (stable output).
        var remaining = byId.Values.ToDictionary(r => r.LogicalId, r => r.DependsOn.Count, StringComparer.Ordinal);
        var dependents = byId.Values
            .SelectMany(r => r.DependsOn.Select(d => (Dependency: d, Dependent: r.LogicalId)))
            .ToLookup(x => x.Dependency, x => x.Dependent, StringComparer.Ordinal);
        var ready = new SortedSet<(int Rank, string Id)>(byId.Values.Where(r => r.DependsOn.Count == 0).Select(r => (r.Kind.Rank, r.LogicalId)));
        var ordered = new List<DesiredResource>(byId.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min;
            ready.Remove(next);
            ordered.Add(byId[next.Id]);
            foreach (var dependent in dependents[next.Id])
            {
                if (--remaining[dependent] == 0)
                {
                    ready.Add((byId[dependent].Kind.Rank, dependent));
                }
            }
        }

        if (ordered.Count < byId.Count)
        {
            var stuck = remaining.Where(kv => kv.Value > 0).Select(kv => kv.Key).Order(StringComparer.Ordinal);
            return (null, [$"dependency cycle among: {string.Join(", ", stuck)}"]);
        }

        return (new ResourceGraph(environment, region, ordered), []);
    }

    private sealed class Builder(EnvironmentDocument doc)
    {
        private readonly GraphContext _ctx = new(doc);

        public List<DesiredResource> Resources => _ctx.Resources;

        private EnvironmentSpec _spec => _ctx.Spec;

        private string _env => _ctx.Environment;

        /// <summary>
        /// The name of a role the spec gives by name or ARN (<c>arn:aws:iam::ACCOUNT:role/PATH/NAME</c>: role names have no
        /// '/'), so that an execution role given as an ARN declares the role of that name, not one named by the ARN.
        /// </summary>
        private static string RoleName(string nameOrArn) =>
            nameOrArn.StartsWith("arn:", StringComparison.Ordinal) && nameOrArn.Contains(":role/", StringComparison.Ordinal)
                ? nameOrArn[(nameOrArn.LastIndexOf('/') + 1)..]
                : nameOrArn;

        private static string Ref(ResourceKind kind, string name) => GraphContext.Ref(kind, name);

        private static string Ref(ResourceKind kind, string name, string attribute) => GraphContext.Ref(kind, name, attribute);

        private string Physical(string name) => _ctx.Physical(name);

        private void Add(ResourceKind kind, string name, IEnumerable<(string Key, FieldValue Value)> properties, IEnumerable<string>? extraDependencies = null, bool allowReplacement = false, bool ownTags = true, bool inferDependencies = true) =>
            _ctx.Add(kind, name, properties, extraDependencies, allowReplacement, ownTags, inferDependencies);

        public void AddAll()
        {
            AddNetwork();
            AddSecurityGroups();
            AddSharedIam();
            AddDatabases();
            AddHosts();
            AddDns();
            AddLoadBalancers();
            AddContainers();
            AddBuckets();
        }

        private void AddBuckets()
        {
            foreach (var bucket in _spec.Buckets)
            {
                BucketExpansion.Add(_ctx, bucket);
            }
        }

        private void AddNetwork()
        {
            if (_spec.Network is not { } network)
            {
                return;
            }

            var vpc = Ref(ResourceKinds.Vpc, VpcName);
            Add(ResourceKinds.Vpc, VpcName,
            [
                ("cidr", FieldValue.Of(network.Cidr)),
                ("enableDnsSupport", FieldValue.Of(true)),
                ("enableDnsHostnames", FieldValue.Of(true)),
            ]);
            foreach (var subnet in network.Subnets)
            {
                Add(ResourceKinds.Subnet, subnet.Name,
                [
                    ("vpc", FieldValue.Of(vpc)),
                    ("cidr", FieldValue.Of(subnet.Cidr)),
                    ("zone", FieldValue.Of(subnet.Zone)),
                    ("mapPublicIpOnLaunch", FieldValue.Of(false)),
                ]);
            }

            if (network.InternetGateway)
            {
                Add(ResourceKinds.InternetGateway, VpcName, [("vpc", FieldValue.Of(vpc))]);
            }

            if (network.NatGateway is { } nat)
            {
                Add(ResourceKinds.ElasticIp, "nat", [("domain", FieldValue.Of("vpc"))]);
                Add(ResourceKinds.NatGateway, VpcName,
                [
                    ("subnet", FieldValue.Of(Ref(ResourceKinds.Subnet, nat.Subnet))),
                    ("allocation", FieldValue.Of(Ref(ResourceKinds.ElasticIp, "nat"))),
                ],
                extraDependencies: network.InternetGateway ? [$"{ResourceKinds.InternetGateway.Name}/{VpcName}"] : null);
            }

            var publicSubnets = network.Subnets.Where(s => s.Public).Select(s => Ref(ResourceKinds.Subnet, s.Name)).ToList();
            var privateSubnets = network.Subnets.Where(s => !s.Public).Select(s => Ref(ResourceKinds.Subnet, s.Name)).ToList();
            if (publicSubnets.Count > 0 && network.InternetGateway)
            {
                Add(ResourceKinds.RouteTable, "public",
                [
                    ("vpc", FieldValue.Of(vpc)),
                    ("routes", FieldValue.SetOf([$"0.0.0.0/0->{Ref(ResourceKinds.InternetGateway, VpcName)}"])),
                    ("subnets", FieldValue.SetOf(publicSubnets)),
                ]);
            }

            if (privateSubnets.Count > 0)
            {
                var routes = network.NatGateway is null ? [] : new[] { $"0.0.0.0/0->{Ref(ResourceKinds.NatGateway, VpcName)}" };
                Add(ResourceKinds.RouteTable, "private",
                [
                    ("vpc", FieldValue.Of(vpc)),
                    ("routes", FieldValue.SetOf(routes)),
                    ("subnets", FieldValue.SetOf(privateSubnets)),
                ]);
            }
        }

        private void AddSecurityGroups()
        {
            foreach (var group in _spec.SecurityGroups)
            {
                var egress = group.Egress is null ? [SecurityRules.AllowAllEgress] : group.Egress.Select(SecurityRules.FromSpec);

                // Rules naming other groups are not dependencies: two groups may name each other. A group is created
                // with the rules it can resolve, and the next pass of the same apply adds the rest.
                var properties = new List<(string, FieldValue)>
                {
                    ("vpc", FieldValue.Of(Ref(ResourceKinds.Vpc, VpcName))),
                    ("name", FieldValue.Of(Physical(group.Name))),
                    ("description", FieldValue.Of(group.Description)),
                    ("ingress", FieldValue.SetOf(group.Ingress.Select(SecurityRules.FromSpec))),
                    ("egress", FieldValue.SetOf(egress)),
                };
                Add(ResourceKinds.SecurityGroup, group.Name, properties, [$"{ResourceKinds.Vpc.Name}/{VpcName}"], inferDependencies: false);
            }
        }

        private IEnumerable<string> Groups(IEnumerable<string> names) => names.Select(n => Ref(ResourceKinds.SecurityGroup, n));

        private IEnumerable<string> Subnets(IEnumerable<string> names) => names.Select(n => Ref(ResourceKinds.Subnet, n));

        /// <summary>Shared IAM, used by name by every environment of the account (see Providers/Iam/SharedRoles).</summary>
        private void AddSharedIam()
        {
            foreach (var profile in _spec.Hosts.Select(h => h.InstanceProfile).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                InstanceProfileExpansion.Add(_ctx, profile);
            }

            foreach (var role in _spec.TaskDefinitions.Select(t => t.ExecutionRole).OfType<string>().Select(RoleName).Distinct(StringComparer.Ordinal))
            {
                IamRoleExpansion.Add(_ctx, role);
            }
        }

        private void AddDatabases()
        {
            foreach (var db in _spec.Databases)
            {
                DbSubnetGroupExpansion.Add(_ctx, db);
                DbInstanceExpansion.Add(_ctx, db);
            }
        }

        private void AddHosts()
        {
            foreach (var host in _spec.Hosts.Where(h => h.Subnets.Count > 0))
            {
                InstanceExpansion.Add(_ctx, host);
            }
        }

        private void AddDns()
        {
            if (_spec.Dns is not { } dns)
            {
                return;
            }

            var zone = dns.Zone.TrimEnd('.').ToLowerInvariant();
            Add(ResourceKinds.HostedZone, zone, [("name", FieldValue.Of(zone))], allowReplacement: dns.AllowZoneDeletion);
            foreach (var cert in _spec.Certificates)
            {
                // DNS names as ACM and Route53 answer them: lower case, no trailing dot. "validationRecords" is
                // "present" when ACM's validation CNAMEs are in the zone: the provider writes them, and repairs them.
                var properties = new List<(string, FieldValue)>
                {
                    ("domain", FieldValue.Of(cert.Domain.TrimEnd('.').ToLowerInvariant())),
                    ("alternativeNames", FieldValue.SetOf(cert.AlternativeNames.Select(n => n.TrimEnd('.').ToLowerInvariant()))),
                    ("validation", FieldValue.Of(cert.Validation)),
                    ("zone", FieldValue.Of(Ref(ResourceKinds.HostedZone, zone))),
                };
                if (cert.Validation == "dns")
                {
                    properties.Add(("validationRecords", FieldValue.Of("present")));
                }

                Add(ResourceKinds.Certificate, cert.Name, properties);
            }

            foreach (var record in dns.Records)
            {
                var lb = $"{ResourceKinds.LoadBalancer.Name}/{record.Target.LoadBalancer}";
                Add(ResourceKinds.DnsRecord, record.Name.TrimEnd('.').ToLowerInvariant(),
                [
                    ("zone", FieldValue.Of(Ref(ResourceKinds.HostedZone, zone))),
                    ("name", FieldValue.Of(record.Name.TrimEnd('.').ToLowerInvariant())),
                    ("type", FieldValue.Of("A")),
                    ("aliasTarget", FieldValue.Of(References.To(lb, "dnsName"))),
                    ("aliasZone", FieldValue.Of(References.To(lb, "canonicalHostedZoneId"))),
                ]);

                // Route53 records cannot be tagged: they are owned through a TXT ownership record naming the
                // environment and the logical id, so those two are the only "tags" a record has.
                var added = Resources[^1];
                Resources[^1] = added with
                {
                    Tags = added.Tags.Where(t => t.Key is Ownership.EnvironmentTag or Ownership.LogicalIdTag).ToImmutableSortedDictionary(StringComparer.Ordinal),
                };
            }
        }

        private void AddLoadBalancers()
        {
            foreach (var lb in _spec.LoadBalancers)
            {
                foreach (var tg in lb.TargetGroups)
                {
                    TargetGroupExpansion.Add(_ctx, tg);
                }

                Add(ResourceKinds.LoadBalancer, lb.Name,
                [
                    ("name", FieldValue.Of(Physical(lb.Name))),
                    ("scheme", FieldValue.Of(lb.Scheme)),
                    ("subnets", FieldValue.SetOf(Subnets(lb.Subnets))),
                    ("securityGroups", FieldValue.SetOf(Groups(lb.SecurityGroups))),
                ]);
                foreach (var listener in lb.Listeners)
                {
                    var properties = new List<(string, FieldValue)>
                    {
                        ("loadBalancer", FieldValue.Of(Ref(ResourceKinds.LoadBalancer, lb.Name))),
                        ("protocol", FieldValue.Of(listener.Protocol)),
                        ("port", FieldValue.Of(listener.Port)),
                        ("action", FieldValue.Of(listener.Forward is { } tg
                            ? "forward:" + Ref(ResourceKinds.TargetGroup, tg)
                            : "redirect:HTTPS:443:HTTP_301")),
                    };
                    if (listener.Certificate is { } cert)
                    {
                        properties.Add(("certificate", FieldValue.Of(Ref(ResourceKinds.Certificate, cert))));
                    }

                    Add(ResourceKinds.Listener, $"{lb.Name}-{listener.Port}", properties);
                }
            }
        }

        private void AddContainers()
        {
            foreach (var repo in _spec.Repositories)
            {
                EcrRepositoryExpansion.Add(_ctx, repo);
            }

            foreach (var group in _spec.LogGroups)
            {
                LogGroupExpansion.Add(_ctx, group);
            }

            foreach (var cluster in _spec.Clusters)
            {
                Add(ResourceKinds.EcsCluster, cluster.Name, [("name", FieldValue.Of(Physical(cluster.Name)))]);
            }

            foreach (var td in _spec.TaskDefinitions)
            {
                AddTaskDefinition(td);
            }

            var secretPolicies = AddSecretPolicies();

            foreach (var service in _spec.Services)
            {
                var properties = new List<(string, FieldValue)>
                {
                    ("name", FieldValue.Of(Physical(service.Name))),
                    ("cluster", FieldValue.Of(Ref(ResourceKinds.EcsCluster, service.Cluster))),
                    ("taskDefinition", FieldValue.Of(Ref(ResourceKinds.TaskDefinition, service.TaskDefinition))),
                    ("desiredCount", FieldValue.Of(service.DesiredCount)),
                    ("launchType", FieldValue.Of(service.LaunchType)),
                    ("circuitBreaker", FieldValue.Of("rollback")),
                };
                if (service.LoadBalancer is { } binding)
                {
                    properties.Add(("loadBalancer", FieldValue.Of($"{Ref(ResourceKinds.TargetGroup, binding.TargetGroup)}|{binding.Container}|{binding.ContainerPort}")));
                }

                var hosts = Resources.Where(r => r.Kind == ResourceKinds.Instance).Select(r => r.LogicalId);
                var listeners = Resources.Where(r => r.Kind == ResourceKinds.Listener).Select(r => r.LogicalId);
                // Tasks start only once their execution role may read the secrets they name.
                var policy = _spec.TaskDefinitions.FirstOrDefault(t => t.Family == service.TaskDefinition)?.ExecutionRole is { } executionRole
                    && secretPolicies.Contains(RoleName(executionRole))
                    ? new[] { $"{ResourceKinds.RolePolicy.Name}/{RoleName(executionRole)}" }
                    : [];
                Add(ResourceKinds.EcsService, service.Name, properties, hosts.Concat(listeners).Concat(policy).ToList());
                Resources[^1] = Resources[^1] with
                {
                    IgnoredFields = service.IgnoreChanges.Where(f => f is "desiredCount" or "taskDefinition").ToImmutableSortedSet(StringComparer.Ordinal),
                    Instructions = service.BeforeDeploy.Count == 0
                        ? ImmutableSortedDictionary<string, string>.Empty
                        : ImmutableSortedDictionary<string, string>.Empty.Add(BeforeDeployInstruction, BeforeDeploy.Serialize(service.BeforeDeploy)),
                };

                // CI owns the image: every container of the service's task definition keeps the image it runs.
                if (service.IgnoreChanges.Contains("image") &&
                    Resources.FindIndex(r => r.Kind == ResourceKinds.TaskDefinition && r.Name == service.TaskDefinition) is var td and >= 0)
                {
                    Resources[td] = Resources[td] with { IgnoredFields = Resources[td].IgnoredFields.Add("containers.*.image") };
                }
            }
        }

        /// <summary>The secrets policy of each execution role that needs one; returns the roles that have one.</summary>
        private HashSet<string> AddSecretPolicies()
        {
            var roles = new HashSet<string>(StringComparer.Ordinal);
            foreach (var group in _spec.TaskDefinitions.Where(t => t.ExecutionRole is not null).GroupBy(t => RoleName(t.ExecutionRole!), StringComparer.Ordinal))
            {
                if (RolePolicyExpansion.Add(_ctx, group.Key, group))
                {
                    roles.Add(group.Key);
                }
            }

            return roles;
        }

        /// <summary>
        /// A task definition in the canonical form the ECS provider observes: every container field is present (an
        /// absent optional one is the empty string, cpu defaults to 0 as ECS fills it in), so that removing a field from
        /// the spec is a change, and a converged revision shows no diff. Host ports default to the container port where
        /// ECS does so itself (awsvpc and host network modes). The command is a JSON array, exact for any argument.
        /// </summary>
        private void AddTaskDefinition(TaskDefinitionSpec td)
        {
            var properties = new List<(string, FieldValue)>
            {
                ("family", FieldValue.Of(Physical(td.Family))),
                ("networkMode", FieldValue.Of(td.NetworkMode)),
                ("executionRole", FieldValue.Of(td.ExecutionRole is { } role ? Ref(ResourceKinds.IamRole, RoleName(role), "arn") : string.Empty)),
                ("taskRole", FieldValue.Of(td.TaskRole ?? string.Empty)),
                ("containers", FieldValue.SetOf(td.Containers.Select(c => c.Name))),
                ("cpu", td.Cpu is { } taskCpu ? FieldValue.Of(taskCpu) : FieldValue.Of(string.Empty)),
                ("memory", td.Memory is { } taskMemory ? FieldValue.Of(taskMemory) : FieldValue.Of(string.Empty)),
            };
            var hostPortIsContainerPort = td.NetworkMode is "awsvpc" or "host";
            foreach (var c in td.Containers)
            {
                var prefix = $"containers.{c.Name}.";
                var image = c.Image.Reference ?? $"{Ref(ResourceKinds.EcrRepository, c.Image.Repository ?? string.Empty, "uri")}:{c.Image.Tag}";
                properties.Add((prefix + "image", FieldValue.Of(image)));
                properties.Add((prefix + "essential", FieldValue.Of(c.Essential)));
                properties.Add((prefix + "memory", c.Memory is { } memory ? FieldValue.Of(memory) : FieldValue.Of(string.Empty)));
                properties.Add((prefix + "memoryReservation", c.MemoryReservation is { } soft ? FieldValue.Of(soft) : FieldValue.Of(string.Empty)));
                properties.Add((prefix + "cpu", FieldValue.Of(c.Cpu ?? 0)));
                properties.Add((prefix + "portMappings", FieldValue.SetOf(c.PortMappings.Select(p =>
                    $"{(p.HostPort == 0 && hostPortIsContainerPort ? p.ContainerPort : p.HostPort)}:{p.ContainerPort}/{p.Protocol}"))));
                // Values of other resources are references: the task definition depends on those resources (and waits
                // for a database to be usable), and is registered with their live values.
                properties.Add((prefix + "environment", FieldValue.SetOf(c.Environment.Select(e => $"{e.Key}={e.Value}")
                    .Concat(c.EnvironmentFrom.Select(e => $"{e.Key}={ContainerValues.Reference(e.Value)}")))));
                properties.Add((prefix + "secrets", FieldValue.SetOf(c.Secrets.Select(e => $"{e.Key}={e.Value}")
                    .Concat(c.SecretsFrom.Select(e => $"{e.Key}={ContainerValues.Reference(e.Value)}")))));
                properties.Add((prefix + "command", FieldValue.Of(c.Command.Count == 0 ? string.Empty : System.Text.Json.JsonSerializer.Serialize(c.Command))));
                properties.Add((prefix + "logs", FieldValue.Of(c.Logs is { } logs ? $"{Ref(ResourceKinds.LogGroup, logs.Group.TrimStart('/'), "name")}|{logs.StreamPrefix}" : string.Empty)));
            }

            Add(ResourceKinds.TaskDefinition, td.Family, properties);
        }
    }
}
