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
        /// The name of a role the spec gives by name or ARN, so that an execution role given as an ARN declares the role
        /// of that name, not one named by the ARN.
        /// </summary>
        private static string RoleName(string nameOrArn) => RoleNames.FromNameOrArn(nameOrArn);

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

        /// <summary>
        /// S3 buckets, named <c>&lt;env&gt;-&lt;name&gt;</c>. Besides versioning, two settings the spec does not offer a
        /// choice on and the provider enforces: every public access block on, default encryption SSE-S3.
        /// </summary>
        private void AddBuckets()
        {
            foreach (var bucket in _spec.Buckets)
            {
                Add(ResourceKinds.Bucket, bucket.Name,
                [
                    ("name", FieldValue.Of(Physical(bucket.Name))),
                    ("versioning", FieldValue.Of(bucket.Versioning)),
                    ("publicAccessBlock", FieldValue.Of(true)),
                    ("encryption", FieldValue.Of("AES256")),
                ]);
            }
        }

        private void AddNetwork()
        {
            if (_spec.Network is not { } network)
            {
                return;
            }

            VpcExpansion.Add(_ctx, network);
            SubnetExpansion.Add(_ctx, network);
            InternetGatewayExpansion.Add(_ctx, network);
            ElasticIpExpansion.AddForNatGateway(_ctx, network);
            NatGatewayExpansion.Add(_ctx, network);
            RouteTableExpansion.Add(_ctx, network);
        }

        private void AddSecurityGroups()
        {
            foreach (var group in _spec.SecurityGroups)
            {
                SecurityGroupExpansion.Add(_ctx, group);
            }
        }

        private IEnumerable<string> Groups(IEnumerable<string> names) => names.Select(n => Ref(ResourceKinds.SecurityGroup, n));

        private IEnumerable<string> Subnets(IEnumerable<string> names) => names.Select(n => Ref(ResourceKinds.Subnet, n));

        /// <summary>
        /// Shared IAM, used by name by every environment of the account (see Providers/Iam/SharedRoles): no tags in
        /// the spec (the user's tags differ by environment and would flip-flop on one role), and properties that only
        /// ask for additions: the service the role must trust, the managed policies it must have.
        /// </summary>
        private void AddSharedIam()
        {
            foreach (var profile in _spec.Hosts.Select(h => h.InstanceProfile).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                AddShared(ResourceKinds.InstanceProfile, profile,
                [
                    ("name", FieldValue.Of(profile)),
                    ("assumeRolePolicy", FieldValue.Of("ec2.amazonaws.com")),
                    ("managedPolicies", FieldValue.SetOf(["arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"])),
                ]);
            }

            foreach (var role in _spec.TaskDefinitions.Select(t => t.ExecutionRole).OfType<string>().Select(RoleName).Distinct(StringComparer.Ordinal))
            {
                AddShared(ResourceKinds.IamRole, role,
                [
                    ("name", FieldValue.Of(role)),
                    ("assumeRolePolicy", FieldValue.Of("ecs-tasks.amazonaws.com")),
                    ("managedPolicies", FieldValue.SetOf(["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"])),
                ]);
            }
        }

        private void AddShared(ResourceKind kind, string name, IEnumerable<(string Key, FieldValue Value)> properties)
        {
            Add(kind, name, properties, ownTags: false);
            Resources[^1] = Resources[^1] with { Tags = ImmutableSortedDictionary<string, string>.Empty };
        }

        private void AddDatabases()
        {
            foreach (var db in _spec.Databases)
            {
                // RDS stores both names in lower case and answers them so ("This value is stored as a lowercase
                // string": API reference of CreateDBSubnetGroup and CreateDBInstance): named as AWS keeps them, a name
                // with capitals is not seen as changed (and the group replaced) at every pass.
                var physical = Physical(db.Name).ToLowerInvariant();
                Add(ResourceKinds.DbSubnetGroup, db.Name,
                [
                    ("name", FieldValue.Of(physical)),
                    ("subnets", FieldValue.SetOf(Subnets(db.Subnets))),
                ]);
                Add(ResourceKinds.DbInstance, db.Name,
                [
                    ("identifier", FieldValue.Of(physical)),
                    ("engine", FieldValue.Of(db.Engine)),
                    ("engineVersion", FieldValue.Of(db.EngineVersion)),
                    ("instanceClass", FieldValue.Of(db.InstanceClass)),
                    ("allocatedStorage", FieldValue.Of(db.StorageGiB)),
                    ("databaseName", FieldValue.Of(db.DatabaseName)),
                    ("masterUsername", FieldValue.Of(db.MasterUsername)),
                    ("subnetGroup", FieldValue.Of(Ref(ResourceKinds.DbSubnetGroup, db.Name))),
                    ("securityGroups", FieldValue.SetOf(Groups(db.SecurityGroups))),
                    ("multiAz", FieldValue.Of(db.MultiAz)),
                    ("deletionProtection", FieldValue.Of(db.DeletionProtection)),
                    ("publiclyAccessible", FieldValue.Of(db.PubliclyAccessible)),
                    ("backupRetentionDays", FieldValue.Of(db.BackupRetentionDays)),
                    ("storageEncrypted", FieldValue.Of(true)),
                ], allowReplacement: db.AllowReplacement);
            }
        }

        private void AddHosts()
        {
            foreach (var host in _spec.Hosts.Where(h => h.Subnets.Count > 0))
            {
                for (var i = 0; i < host.Count; i++)
                {
                    var name = $"{host.Name}-{i}";
                    var subnet = host.Subnets[i % host.Subnets.Count];
                    var properties = new List<(string, FieldValue)>
                    {
                        ("subnet", FieldValue.Of(Ref(ResourceKinds.Subnet, subnet))),
                        ("image", FieldValue.Of(host.Image)),
                        ("instanceType", FieldValue.Of(host.InstanceType)),
                        ("securityGroups", FieldValue.SetOf(Groups(host.SecurityGroups))),
                        ("metadataTokens", FieldValue.Of("required")),
                        ("userData", FieldValue.Of(host.Cluster is null ? string.Empty : $"ECS_CLUSTER={Physical(host.Cluster)}")),
                    };
                    if (host.InstanceProfile is { } profile)
                    {
                        properties.Add(("instanceProfile", FieldValue.Of(Ref(ResourceKinds.InstanceProfile, profile))));
                    }

                    if (host.KeyName is { } key)
                    {
                        properties.Add(("keyName", FieldValue.Of(key)));
                    }

                    var extra = host.Cluster is null ? null : new[] { $"{ResourceKinds.EcsCluster.Name}/{host.Cluster}" };
                    Add(ResourceKinds.Instance, name, properties, extra);
                    if (host.ElasticIp)
                    {
                        ElasticIpExpansion.AddForInstance(_ctx, ResourceKinds.Instance, name);
                    }
                }
            }
        }

        private void AddDns()
        {
            if (_spec.Dns is not { } dns)
            {
                return;
            }

            HostedZoneExpansion.Add(_ctx, dns);
            foreach (var cert in _spec.Certificates)
            {
                CertificateExpansion.Add(_ctx, cert, dns);
            }

            foreach (var record in dns.Records)
            {
                DnsRecordExpansion.Add(_ctx, record, dns);
            }
        }

        private void AddLoadBalancers()
        {
            foreach (var lb in _spec.LoadBalancers)
            {
                LoadBalancerExpansion.Add(_ctx, lb);
            }
        }

        private void AddContainers()
        {
            foreach (var repo in _spec.Repositories)
            {
                Add(ResourceKinds.EcrRepository, repo.Name,
                [
                    ("name", FieldValue.Of(Physical(repo.Name))),
                    ("scanOnPush", FieldValue.Of(repo.ScanOnPush)),
                    ("tagMutability", FieldValue.Of(repo.ImmutableTags ? "IMMUTABLE" : "MUTABLE")),
                ], allowReplacement: repo.AllowDeletionWithImages);
            }

            foreach (var group in _spec.LogGroups)
            {
                // "never" (no retention policy) is a value, so that removing retentionDays from the spec removes the policy.
                Add(ResourceKinds.LogGroup, group.Name.TrimStart('/'),
                [
                    ("name", FieldValue.Of(group.Name)),
                    ("retentionDays", group.RetentionDays is { } days ? FieldValue.Of(days) : FieldValue.Of("never")),
                ]);
            }

            foreach (var cluster in _spec.Clusters)
            {
                EcsClusterExpansion.Add(_ctx, cluster);
            }

            foreach (var td in _spec.TaskDefinitions)
            {
                TaskDefinitionExpansion.Add(_ctx, td);
            }

            var secretPolicies = AddSecretPolicies();

            foreach (var service in _spec.Services)
            {
                EcsServiceExpansion.Add(_ctx, service, secretPolicies);
            }
        }

        /// <summary>
        /// The inline policy <c>reconciler-&lt;env&gt;-secrets</c> on each execution role whose task definitions name
        /// secrets or parameters: read access to exactly those (see <see cref="ContainerValues"/>). An inline policy cannot
        /// be tagged: the environment is in its name, and its node carries only the two ownership "tags", as a DNS record.
        /// Returns the roles that have one.
        /// </summary>
        private HashSet<string> AddSecretPolicies()
        {
            var roles = new HashSet<string>(StringComparer.Ordinal);
            foreach (var group in _spec.TaskDefinitions.Where(t => t.ExecutionRole is not null).GroupBy(t => RoleName(t.ExecutionRole!), StringComparer.Ordinal))
            {
                var containers = group.SelectMany(t => t.Containers).ToList();
                var literals = containers.SelectMany(c => c.Secrets.Values).ToList();
                var secrets = literals.Select(ContainerValues.SecretArn).OfType<string>()
                    .Concat(containers.SelectMany(c => c.SecretsFrom.Values).Select(ContainerValues.SecretArn))
                    .ToList();
                var parameters = literals.Select(v => ContainerValues.ParameterArn(v, _spec.Region)).OfType<string>().ToList();
                if (secrets.Count + parameters.Count == 0)
                {
                    continue;
                }

                roles.Add(group.Key);
                Add(ResourceKinds.RolePolicy, group.Key,
                [
                    ("role", FieldValue.Of(Ref(ResourceKinds.IamRole, group.Key))),
                    ("name", FieldValue.Of(ContainerValues.PolicyName(_env))),
                    ("secrets", FieldValue.SetOf(secrets)),
                    ("parameters", FieldValue.SetOf(parameters)),
                ]);
                var added = Resources[^1];
                Resources[^1] = added with
                {
                    Tags = added.Tags.Where(t => t.Key is Ownership.EnvironmentTag or Ownership.LogicalIdTag).ToImmutableSortedDictionary(StringComparer.Ordinal),
                };
            }

            return roles;
        }
    }
}
