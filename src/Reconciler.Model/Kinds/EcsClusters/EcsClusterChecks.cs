using System.Text.RegularExpressions;
using Reconciler.Model.Validation;

namespace Reconciler.Model.Kinds;

/// <summary>The validator's rules for <c>spec.clusters</c>, and the ECS name rule the three ECS kinds share.</summary>
internal static partial class EcsClusterChecks
{
    /// <summary>
    /// Cluster, service and task definition family names: "Up to 255 letters (uppercase and lowercase), numbers,
    /// hyphens, and underscores are allowed" (ECS API reference, CreateCluster clusterName; the same for
    /// CreateService serviceName and RegisterTaskDefinition family).
    /// </summary>
    [GeneratedRegex("^[a-zA-Z0-9_-]{1,255}$")]
    public static partial Regex EcsName();

    public static void Run(SpecChecker c)
    {
        for (var i = 0; i < c.Spec.Clusters.Count; i++)
        {
            var path = $"spec.clusters[{i}].name";
            c.CheckLogicalName(path, c.Spec.Clusters[i].Name);
            c.PhysicalName(path, c.Spec.Clusters[i].Name, c.Spec.Clusters[i].AwsName, EcsName(), 255, "ECS cluster");
        }

        c.UniquePhysicalNames(c.Spec.Clusters.Select((x, i) => ($"spec.clusters[{i}].name", x.Name, x.AwsName)), "ECS cluster");
    }
}
