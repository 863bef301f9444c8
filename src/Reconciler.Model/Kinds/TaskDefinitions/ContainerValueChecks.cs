using Reconciler.Model.Loading;
using Reconciler.Model.Spec;

namespace Reconciler.Model.Validation;

/// <summary>Container values taken from other resources, and task-level cpu and memory.</summary>
internal sealed partial class SpecChecker
{
    /// <summary>A named resource must exist in this spec, and the attribute must be one its kind offers.</summary>
    private void CheckContainerValues(string path, ContainerSpec container)
    {
        var known = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            [ResourceValueSpec.Database] = _spec.Databases.Select(d => d.Name).ToHashSet(StringComparer.Ordinal),
            [ResourceValueSpec.LoadBalancer] = _spec.LoadBalancers.Select(l => l.Name).ToHashSet(StringComparer.Ordinal),
            [ResourceValueSpec.Repository] = _spec.Repositories.Select(r => r.Name).ToHashSet(StringComparer.Ordinal),
            [ResourceValueSpec.Bucket] = _spec.Buckets.Select(b => b.Name).ToHashSet(StringComparer.Ordinal),
        };
        foreach (var (name, value) in container.EnvironmentFrom)
        {
            var at = $"{path}.environment.{name}";
            var what = value.Kind switch
            {
                ResourceValueSpec.LoadBalancer => "load balancer",
                _ => value.Kind,
            };
            Reference($"{at}.{value.Kind}", value.Name, known[value.Kind], what);
            var attributes = ResourceValueSpec.Attributes[value.Kind];
            if (value.Attribute.Length > 0 && !attributes.Contains(value.Attribute))
            {
                Error($"{at}.attribute", $"a {what} has no attribute '{value.Attribute}'; one of {string.Join(", ", attributes)}{Suggest.DidYouMean(value.Attribute, attributes)}");
            }
        }

        foreach (var (name, secret) in container.SecretsFrom)
        {
            Reference($"{path}.secrets.{name}.{ResourceValueSpec.Database}", secret.Database, known[ResourceValueSpec.Database], "database");
        }
    }

    /// <summary>
    /// Task-level cpu and memory for the EC2 launch type (Fargate is refused by the binder). What the containers
    /// reserve must fit in the task (ContainerDefinition.memory: "The total amount of memory reserved for all
    /// containers within a task must be lower than the task memory value, if one is specified"; a container
    /// reserves memoryReservation, or memory without it), and the task must fit on one host of each cluster a
    /// service runs it in (an ECS task runs on one container instance).
    /// </summary>
    private void CheckTaskSize(string path, TaskDefinitionSpec td)
    {
        var reserved = td.Containers.Sum(c => c.MemoryReservation ?? c.Memory ?? 0);
        if (td.Memory is { } memory && reserved > memory)
        {
            Error(path + ".memory", $"the containers reserve {reserved} MiB, more than the task's {memory} MiB");
        }

        var containerCpu = td.Containers.Sum(c => c.Cpu ?? 0);
        if (td.Cpu is { } cpu && containerCpu > cpu)
        {
            Error(path + ".cpu", $"the containers reserve {containerCpu} CPU units, more than the task's {cpu}");
        }

        if (td.Cpu is null && td.Memory is null)
        {
            return;
        }

        var clusters = _spec.Services.Where(s => s.TaskDefinition == td.Family).Select(s => s.Cluster).ToHashSet(StringComparer.Ordinal);
        foreach (var host in _spec.Hosts.Where(h => h.Cluster is { } c && clusters.Contains(c)))
        {
            if (InstanceSizes.Find(host.InstanceType) is not { } size)
            {
                continue;
            }

            if (td.Cpu is { } taskCpu && taskCpu > size.VCpus * 1024)
            {
                Error(path + ".cpu", $"{taskCpu} CPU units do not fit on a {host.InstanceType} host of cluster '{host.Cluster}' ({size.VCpus * 1024} units)");
            }

            if (td.Memory is { } taskMemory && taskMemory > size.MemoryMiB)
            {
                Error(path + ".memory", $"{taskMemory} MiB do not fit on a {host.InstanceType} host of cluster '{host.Cluster}' ({size.MemoryMiB} MiB, less what the ECS agent keeps)");
            }
        }
    }
}
