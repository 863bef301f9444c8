using Reconciler.Model.Loading;
using Reconciler.Model.Validation;

namespace Reconciler.Model.Kinds;

/// <summary>The validator's rules for <c>spec.services</c>: references, ignorable fields, beforeDeploy and the load balancer binding.</summary>
internal static class EcsServiceChecks
{
    public static void Run(SpecChecker c, HashSet<string> clusters, Dictionary<string, TaskDefinitionSpec> families, HashSet<string> targetGroups)
    {
        var spec = c.Spec;
        c.Unique(spec.Services.Select(s => s.Name), "spec.services", "service");
        c.UniquePhysicalNames(spec.Services.Select((s, i) => ($"spec.services[{i}].name", s.Name, s.AwsName)), "ECS service");
        string[] allowed = [.. EcsServiceKind.IgnorableFields, EcsServiceKind.IgnoreImage];
        for (var i = 0; i < spec.Services.Count; i++)
        {
            var service = spec.Services[i];
            var path = $"spec.services[{i}]";
            c.CheckLogicalName(path + ".name", service.Name);
            c.PhysicalName(path + ".name", service.Name, service.AwsName, EcsClusterChecks.EcsName(), 255, "ECS service");
            c.Reference(path + ".cluster", service.Cluster, clusters, "cluster");
            c.Reference(path + ".taskDefinition", service.TaskDefinition, families.Keys.ToHashSet(StringComparer.Ordinal), "task definition");
            var cluster = spec.Clusters.FirstOrDefault(x => x.Name == service.Cluster);
            if (cluster is not null && service.LaunchType == "EC2" && cluster.Capacity != "ec2")
            {
                c.Error(path + ".launchType", $"cluster '{cluster.Name}' has {cluster.Capacity} capacity, not EC2 hosts");
            }

            foreach (var (field, j) in service.IgnoreChanges.Select((f, j) => (f, j)))
            {
                if (!allowed.Contains(field))
                {
                    c.Error($"{path}.ignoreChanges[{j}]", $"'{field}' cannot be ignored; one of {string.Join(", ", allowed)}{Suggest.DidYouMean(field, allowed)}");
                }
            }

            families.TryGetValue(service.TaskDefinition, out var family);
            for (var j = 0; j < service.BeforeDeploy.Count; j++)
            {
                var task = service.BeforeDeploy[j];
                var taskPath = $"{path}.beforeDeploy[{j}]";
                if (family is not null)
                {
                    c.Reference(taskPath + ".container", task.Container, family.Containers.Select(x => x.Name).ToHashSet(StringComparer.Ordinal), $"container in task definition '{family.Family}'");
                }

                if (task.Command.Count == 0)
                {
                    c.Error(taskPath + ".command", "give the command to run, e.g. [python, manage.py, migrate]");
                }
            }

            if (service.LoadBalancer is { } binding)
            {
                CheckBinding(c, path, binding, family, targetGroups);
            }
        }
    }

    private static void CheckBinding(SpecChecker c, string path, ServiceLoadBalancerSpec binding, TaskDefinitionSpec? td, HashSet<string> targetGroups)
    {
        c.Reference(path + ".loadBalancer.targetGroup", binding.TargetGroup, targetGroups, "target group");
        if (td is null)
        {
            return;
        }

        var container = td.Containers.FirstOrDefault(x => x.Name == binding.Container);
        if (container is null)
        {
            c.Reference(path + ".loadBalancer.container", binding.Container, td.Containers.Select(x => x.Name).ToHashSet(StringComparer.Ordinal), $"container in task definition '{td.Family}'");
        }
        else if (binding.ContainerPort > 0 && container.PortMappings.All(p => p.ContainerPort != binding.ContainerPort))
        {
            c.Error(path + ".loadBalancer.containerPort", $"container '{container.Name}' maps no containerPort {binding.ContainerPort}");
        }
    }
}
