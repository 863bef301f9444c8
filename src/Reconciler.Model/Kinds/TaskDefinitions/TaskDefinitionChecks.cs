using System.Text.RegularExpressions;
using Reconciler.Model.Spec;
using Reconciler.Model.Validation;

namespace Reconciler.Model.Kinds;

/// <summary>The validator's rules for <c>spec.taskDefinitions</c> and their containers.</summary>
internal static partial class TaskDefinitionChecks
{
    [GeneratedRegex("(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|ACCESS_KEY|CREDENTIAL)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^(arn:aws[a-z-]*:(ssm|secretsmanager):[a-z0-9-]+:[0-9]{12}:.+|/[A-Za-z0-9_.\-/]+)$")]
    private static partial Regex SecretSource();

    /// <summary>Checks every task definition; returns them by family, for the services' checks.</summary>
    public static Dictionary<string, TaskDefinitionSpec> Run(SpecChecker c, HashSet<string> repositories, HashSet<string> logGroups)
    {
        var spec = c.Spec;
        c.Unique(spec.TaskDefinitions.Select(t => t.Family), "spec.taskDefinitions", "task definition", "family");
        c.UniquePhysicalNames(spec.TaskDefinitions.Select((t, i) => ($"spec.taskDefinitions[{i}].family", t.Family, t.AwsName)), "task definition family");
        var result = new Dictionary<string, TaskDefinitionSpec>(StringComparer.Ordinal);
        for (var i = 0; i < spec.TaskDefinitions.Count; i++)
        {
            var td = spec.TaskDefinitions[i];
            var path = $"spec.taskDefinitions[{i}]";
            result.TryAdd(td.Family, td);
            foreach (var (role, field) in new[] { (td.ExecutionRole, "executionRole"), (td.TaskRole, "taskRole") })
            {
                if (role is not null && !RoleNames.Valid().IsMatch(role) && !role.StartsWith("arn:aws:iam::", StringComparison.Ordinal))
                {
                    c.Error($"{path}.{field}", $"'{role}' is not an IAM role name (1-64 of letters, digits and + = , . @ _ -) or ARN");
                }
            }

            if (td.OwnExecutionRole && PhysicalNames.For(c.Environment, ExecutionRoleKind.NodeName) is { Length: > ExecutionRoleKind.MaxNameLength } ownName)
            {
                c.Error($"{path}.executionRole", $"the environment's own role would be named {ownName}, longer than IAM's {ExecutionRoleKind.MaxNameLength} characters for a role name: shorten metadata.name");
            }

            c.CheckLogicalName(path + ".family", td.Family);
            c.PhysicalName(path + ".family", td.Family, td.AwsName, EcsClusterChecks.EcsName(), 255, "task definition family");
            c.Unique(td.Containers.Select(x => x.Name), path + ".containers", "container");
            ContainerValueChecks.CheckTaskSize(c, path, td);
            for (var n = 0; n < td.Containers.Count; n++)
            {
                CheckContainer(c, $"{path}.containers[{n}]", td.Containers[n], repositories, logGroups, td.Memory is not null);
                ContainerValueChecks.Check(c, $"{path}.containers[{n}]", td.Containers[n]);
                if (td.ExecutionRole is null && !td.OwnExecutionRole && td.Containers[n].Secrets.Count + td.Containers[n].SecretsFrom.Count > 0)
                {
                    // The ECS agent reads secrets with the task execution role ("Amazon ECS task execution IAM
                    // role": a task definition "referencing sensitive data using Secrets Manager secrets or Systems
                    // Manager Parameter Store parameters"); RegisterTaskDefinition refuses secrets without one.
                    c.Error($"{path}.containers[{n}].secrets", "secrets are read by the task execution role: give the task definition an executionRole (executionRole: { own: true }, or a shared role such as ecsTaskExecutionRole)");
                }
            }
        }

        return result;
    }

    private static void CheckContainer(SpecChecker c, string path, ContainerSpec container, HashSet<string> repositories, HashSet<string> logGroups, bool taskMemory)
    {
        c.Reference(path + ".image.repository", container.Image.Repository, repositories, "repository");
        c.Reference(path + ".logs.group", container.Logs?.Group, logGroups, "log group");
        // ContainerDefinition.memory: "If using the EC2 launch type, you must specify either a task-level memory value
        // or a container-level memory value" (ECS API reference).
        if (container.Memory is null && container.MemoryReservation is null && !taskMemory)
        {
            c.Error(path, "give memory (hard limit), memoryReservation (soft limit) or both, or a task-level memory");
        }

        if (container.Memory is { } hard && container.MemoryReservation is { } soft && soft > hard)
        {
            c.Error(path + ".memoryReservation", $"the soft limit {soft} is above the hard limit {hard}");
        }

        var hostPorts = new HashSet<int>();
        for (var p = 0; p < container.PortMappings.Count; p++)
        {
            var mapping = container.PortMappings[p];
            if (mapping.HostPort > 0 && !hostPorts.Add(mapping.HostPort))
            {
                c.Error($"{path}.portMappings[{p}].hostPort", $"host port {mapping.HostPort} is mapped twice");
            }
        }

        foreach (var (name, value) in container.Environment)
        {
            if (SecretName().IsMatch(name) && value.Length > 0)
            {
                c.Error($"{path}.environment.{name}", "looks like a secret: put it in SSM Parameter Store or Secrets Manager and name it under secrets (valueFrom); its value is not shown");
            }
        }

        foreach (var (name, source) in container.Secrets)
        {
            if (!SecretSource().IsMatch(source))
            {
                c.Error($"{path}.secrets.{name}", "must be an SSM parameter name (/path/name) or an SSM or Secrets Manager ARN");
            }
        }
    }
}
