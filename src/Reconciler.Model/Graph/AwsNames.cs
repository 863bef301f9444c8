using Reconciler.Model.Spec;

namespace Reconciler.Model.Graph;

/// <summary>
/// The <c>awsName</c> overrides of a spec by logical id (<c>kind/name</c>): the existing AWS names of resources adopted
/// with <c>reconciler import</c>, used verbatim instead of <c>&lt;environment&gt;-&lt;name&gt;</c>. A database's
/// awsName names its DB subnet group too (RDS lowercases both), so a database needs one name, not two.
/// </summary>
internal static class AwsNames
{
    public static IReadOnlyDictionary<string, string> Of(EnvironmentSpec spec)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(ResourceKind kind, string name, string? awsName)
        {
            if (awsName is not null)
            {
                names.TryAdd(GraphContext.LogicalId(kind, name), awsName);
            }
        }

        foreach (var group in spec.SecurityGroups)
        {
            Add(ResourceKinds.SecurityGroup, group.Name, group.AwsName);
        }

        foreach (var db in spec.Databases)
        {
            Add(ResourceKinds.DbInstance, db.Name, db.AwsName);
            Add(ResourceKinds.DbSubnetGroup, db.Name, db.AwsName);
        }

        foreach (var lb in spec.LoadBalancers)
        {
            Add(ResourceKinds.LoadBalancer, lb.Name, lb.AwsName);
            foreach (var tg in lb.TargetGroups)
            {
                Add(ResourceKinds.TargetGroup, tg.Name, tg.AwsName);
            }
        }

        foreach (var repo in spec.Repositories)
        {
            Add(ResourceKinds.EcrRepository, repo.Name, repo.AwsName);
        }

        foreach (var cluster in spec.Clusters)
        {
            Add(ResourceKinds.EcsCluster, cluster.Name, cluster.AwsName);
        }

        foreach (var td in spec.TaskDefinitions)
        {
            Add(ResourceKinds.TaskDefinition, td.Family, td.AwsName);
        }

        foreach (var service in spec.Services)
        {
            Add(ResourceKinds.EcsService, service.Name, service.AwsName);
        }

        foreach (var bucket in spec.Buckets)
        {
            Add(ResourceKinds.Bucket, bucket.Name, bucket.AwsName);
        }

        return names;
    }
}
