using Reconciler.Model.Loading;
using Reconciler.Model.Validation;

namespace Reconciler.Model.Kinds;

/// <summary>The validator's rules for container values taken from other resources, and task-level cpu and memory.</summary>
internal static class ContainerValueChecks
{
    /// <summary>A named resource must exist in this spec, and the attribute must be one its kind offers.</summary>
    public static void Check(SpecChecker c, string path, ContainerSpec container)
    {
        var known = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            [ResourceValueSpec.Database] = c.Spec.Databases.Select(d => d.Name).ToHashSet(StringComparer.Ordinal),
            [ResourceValueSpec.LoadBalancer] = c.Spec.LoadBalancers.Select(l => l.Name).ToHashSet(StringComparer.Ordinal),
            [ResourceValueSpec.Repository] = c.Spec.Repositories.Select(r => r.Name).ToHashSet(StringComparer.Ordinal),
            [ResourceValueSpec.Bucket] = c.Spec.Buckets.Select(b => b.Name).ToHashSet(StringComparer.Ordinal),
        };
        foreach (var (name, value) in container.EnvironmentFrom)
        {
            var at = $"{path}.environment.{name}";
            var what = value.Kind switch
            {
                ResourceValueSpec.LoadBalancer => "load balancer",
                _ => value.Kind,
            };
            c.Reference($"{at}.{value.Kind}", value.Name, known[value.Kind], what);
            var attributes = ResourceValueSpec.Attributes[value.Kind];
            if (value.Attribute.Length > 0 && !attributes.Contains(value.Attribute))
            {
                c.Error($"{at}.attribute", $"a {what} has no attribute '{value.Attribute}'; one of {string.Join(", ", attributes)}{Suggest.DidYouMean(value.Attribute, attributes)}");
            }
        }

        foreach (var (name, secret) in container.SecretsFrom)
        {
            c.Reference($"{path}.secrets.{name}.{ResourceValueSpec.Database}", secret.Database, known[ResourceValueSpec.Database], "database");
        }
    }

    /// <summary>
    /// Task-level cpu and memory for the EC2 launch type (Fargate is refused by the binder). What the containers
    /// reserve must fit in the task (ContainerDefinition.memory: "The total amount of memory reserved for all
    /// containers within a task must be lower than the task memory value, if one is specified"; a container
    /// reserves memoryReservation, or memory without it), and the task must fit on one host of each cluster a
    /// service runs it in (an ECS task runs on one container instance).
    /// </summary>
    public static void CheckTaskSize(SpecChecker c, string path, TaskDefinitionSpec td)
    {
        var reserved = td.Containers.Sum(c => c.MemoryReservation ?? c.Memory ?? 0);
        if (td.Memory is { } memory && reserved > memory)
        {
            c.Error(path + ".memory", $"the containers reserve {reserved} MiB, more than the task's {memory} MiB");
        }

        var containerCpu = td.Containers.Sum(c => c.Cpu ?? 0);
        if (td.Cpu is { } cpu && containerCpu > cpu)
        {
            c.Error(path + ".cpu", $"the containers reserve {containerCpu} CPU units, more than the task's {cpu}");
        }

        if (td.Cpu is null && td.Memory is null)
        {
            return;
        }

        var clusters = c.Spec.Services.Where(s => s.TaskDefinition == td.Family).Select(s => s.Cluster).ToHashSet(StringComparer.Ordinal);
        foreach (var host in c.Spec.Hosts.Where(h => h.Cluster is { } name && clusters.Contains(name)))
        {
            if (InstanceSizes.Find(host.InstanceType) is not { } size)
            {
                continue;
            }

            if (td.Cpu is { } taskCpu && taskCpu > size.VCpus * 1024)
            {
                c.Error(path + ".cpu", $"{taskCpu} CPU units do not fit on a {host.InstanceType} host of cluster '{host.Cluster}' ({size.VCpus * 1024} units)");
            }

            if (td.Memory is { } taskMemory && taskMemory > size.MemoryMiB)
            {
                c.Error(path + ".memory", $"{taskMemory} MiB do not fit on a {host.InstanceType} host of cluster '{host.Cluster}' ({size.MemoryMiB} MiB, less what the ECS agent keeps)");
            }
        }
    }
}
