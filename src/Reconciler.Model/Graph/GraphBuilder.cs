using Reconciler.Model.Spec;
using Reconciler.Model.Validation;

namespace Reconciler.Model.Graph;

/// <summary>
/// Expands a valid spec into the desired resources of the environment, kind by kind: each kind's own expansion
/// (src/Reconciler.Model/Kinds/&lt;Kind&gt;/&lt;Kind&gt;Expansion.cs) writes its resources; this class only orders the calls.
/// Dependencies are the references found in the properties plus a few ordering edges; the result is topologically
/// sorted, and a cycle is an error.
/// </summary>
internal static class GraphBuilder
{
    public const string VpcName = "main";

    public static (ResourceGraph? Graph, IReadOnlyList<string> Errors) Build(EnvironmentDocument doc)
    {
        var b = new Builder(doc);
        b.AddAll();
        var (graph, errors) = TopologicalSort(doc.Name, doc.Spec.Region, b.Resources);
        return (graph is null ? null : graph with { Account = doc.Spec.Account }, errors);
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
            foreach (var dependency in resource.DependsOn)
            {
                if (!byId.ContainsKey(dependency))
                {
                    errors.Add($"{resource.LogicalId} depends on {dependency}, which the spec does not define");
                }
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // Kahn's algorithm; among ready resources the lower kind rank, then the logical id, goes first (stable output).
        // Plain loops (issue 14): every graph of every load is sorted here.
        var remaining = new Dictionary<string, int>(byId.Count, StringComparer.Ordinal);
        var dependents = new Dictionary<string, List<string>>(byId.Count, StringComparer.Ordinal);
        var ready = new SortedSet<(int Rank, string Id)>();
        foreach (var resource in byId.Values)
        {
            remaining[resource.LogicalId] = resource.DependsOn.Count;
            if (resource.DependsOn.Count == 0)
            {
                ready.Add((resource.Kind.Rank, resource.LogicalId));
            }

            foreach (var dependency in resource.DependsOn)
            {
                if (dependents.TryGetValue(dependency, out var list))
                {
                    list.Add(resource.LogicalId);
                }
                else
                {
                    dependents.Add(dependency, [resource.LogicalId]);
                }
            }
        }

        var ordered = new List<DesiredResource>(byId.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min;
            ready.Remove(next);
            ordered.Add(byId[next.Id]);
            foreach (var dependent in dependents.GetValueOrDefault(next.Id) ?? [])
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

        /// <summary>
        /// The name of a role the spec gives by name or ARN, so that an execution role given as an ARN declares the role
        /// of that name, not one named by the ARN.
        /// </summary>
        private static string RoleName(string nameOrArn) => RoleNames.FromNameOrArn(nameOrArn);

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
                EcrRepositoryExpansion.Add(_ctx, repo);
            }

            foreach (var group in _spec.LogGroups)
            {
                LogGroupExpansion.Add(_ctx, group);
            }

            foreach (var cluster in _spec.Clusters)
            {
                EcsClusterExpansion.Add(_ctx, cluster);
            }

            ExecutionRoleExpansion.Add(_ctx);
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

        /// <summary>The secrets policy of each execution role that needs one; returns the roles that have one.</summary>
        private HashSet<string> AddSecretPolicies()
        {
            var roles = new HashSet<string>(StringComparer.Ordinal);
            // Grouped by the role's name: the environment's own role (executionRole: { own: true }) or a shared one.
            var byRole = _spec.TaskDefinitions
                .Select(t => (Role: ExecutionRoleExpansion.RoleName(_ctx, t), Td: t))
                .Where(x => x.Role is not null)
                .GroupBy(x => x.Role!, StringComparer.Ordinal);
            foreach (var group in byRole)
            {
                if (RolePolicyExpansion.Add(_ctx, group.Key, ExecutionRoleExpansion.Reference(group.First().Td), group.Select(x => x.Td)))
                {
                    roles.Add(group.Key);
                }
            }

            return roles;
        }
    }
}
