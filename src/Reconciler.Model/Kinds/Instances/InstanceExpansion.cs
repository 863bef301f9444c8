using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>A host group of the spec as <c>count</c> instances spread round-robin over its subnets, each with its Elastic IP if asked.</summary>
internal static class InstanceExpansion
{
    public static void Add(GraphContext ctx, HostSpec host)
    {
        for (var i = 0; i < host.Count; i++)
        {
            var name = $"{host.Name}-{i}";
            var subnet = host.Subnets[i % host.Subnets.Count];
            var properties = new List<(string, FieldValue)>
            {
                (InstanceKind.Subnet, FieldValue.Of(GraphContext.Ref(ResourceKinds.Subnet, subnet))),
                (InstanceKind.Image, FieldValue.Of(host.Image)),
                (InstanceKind.InstanceType, FieldValue.Of(host.InstanceType)),
                (InstanceKind.SecurityGroups, FieldValue.SetOf(ctx.Refs(ResourceKinds.SecurityGroup, host.SecurityGroups))),
                (InstanceKind.MetadataTokens, FieldValue.Of("required")),
                (InstanceKind.UserData, FieldValue.Of(host.Cluster is null ? string.Empty : $"ECS_CLUSTER={ctx.Physical(ResourceKinds.EcsCluster, host.Cluster)}")),
            };
            if (host.InstanceProfile is { } profile)
            {
                properties.Add((InstanceKind.InstanceProfile, FieldValue.Of(GraphContext.Ref(InstanceProfileKind.Kind, profile))));
            }

            if (host.KeyName is { } key)
            {
                properties.Add((InstanceKind.KeyName, FieldValue.Of(key)));
            }

            // A host joins its cluster at boot: the cluster exists first.
            var extra = host.Cluster is null ? null : new[] { GraphContext.LogicalId(ResourceKinds.EcsCluster, host.Cluster) };
            ctx.Add(InstanceKind.Kind, name, properties, extra);
            if (host.ElasticIp)
            {
                // The elastic-ip kind's fields, named as its provider reads them.
                ctx.Add(ResourceKinds.ElasticIp, name,
                [
                    ("domain", FieldValue.Of("vpc")),
                    ("instance", FieldValue.Of(GraphContext.Ref(InstanceKind.Kind, name))),
                ]);
            }
        }
    }
}
