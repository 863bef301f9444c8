using System.Collections.Immutable;
using Reconciler.Model.Graph;
using K = Reconciler.Model.Kinds.EcsServiceKind;

namespace Reconciler.Model.Kinds;

/// <summary>
/// A service of the spec as a desired resource. It comes after the hosts and listeners of the environment (tasks need
/// somewhere to run and a target group in use), and after the secrets policy of its execution role when there is one
/// (tasks start only once that role may read the secrets they name). Its beforeDeploy tasks travel as typed
/// instructions (<see cref="BeforeDeployTask"/>).
/// </summary>
internal static class EcsServiceExpansion
{
    /// <param name="secretPolicies">The execution roles that get the environment's secrets policy (role-policy nodes).</param>
    public static void Add(GraphContext ctx, ServiceSpec service, IReadOnlySet<string> secretPolicies)
    {
        var properties = new List<(string, FieldValue)>
        {
            (K.Name, FieldValue.Of(ctx.Physical(K.Kind, service.Name))),
            (K.Cluster, FieldValue.Of(GraphContext.Ref(EcsClusterKind.Kind, service.Cluster))),
            (K.TaskDefinition, FieldValue.Of(GraphContext.Ref(TaskDefinitionKind.Kind, service.TaskDefinition))),
            (K.DesiredCount, FieldValue.Of(service.DesiredCount)),
            (K.LaunchType, FieldValue.Of(service.LaunchType)),
            (K.CircuitBreaker, FieldValue.Of(K.Rollback)),
        };
        if (service.LoadBalancer is { } binding)
        {
            properties.Add((K.LoadBalancer, FieldValue.Of(new LoadBalancerBinding(GraphContext.Ref(ResourceKinds.TargetGroup, binding.TargetGroup), binding.Container, binding.ContainerPort))));
        }

        var hosts = ctx.OfKind(ResourceKinds.Instance).Select(r => r.LogicalId);
        var listeners = ctx.OfKind(ResourceKinds.Listener).Select(r => r.LogicalId);
        var policy = ctx.Spec.TaskDefinitions.FirstOrDefault(t => t.Family == service.TaskDefinition) is { } taskDefinition
            && ExecutionRoleExpansion.RoleName(ctx, taskDefinition) is { } executionRole && secretPolicies.Contains(executionRole)
            ? new[] { GraphContext.LogicalId(ResourceKinds.RolePolicy, executionRole) }
            : [];
        var added = ctx.Add(K.Kind, service.Name, properties, hosts.Concat(listeners).Concat(policy).ToList());
        ctx.Replace(added, r => r with
        {
            IgnoredFields = service.IgnoreChanges.Where(K.IgnorableFields.Contains).ToImmutableSortedSet(StringComparer.Ordinal),
            Instructions = [.. service.BeforeDeploy.Select(BeforeDeployTask.From)],
        });

        // CI owns the image: every container of the service's task definition keeps the image it runs.
        if (service.IgnoreChanges.Contains(K.IgnoreImage)
            && ctx.OfKind(TaskDefinitionKind.Kind).FirstOrDefault(r => r.Name == service.TaskDefinition) is { } td)
        {
            ctx.Replace(td, r => r with { IgnoredFields = r.IgnoredFields.Add(TaskDefinitionKind.Container("*", TaskDefinitionKind.Image)) });
        }
    }
}
