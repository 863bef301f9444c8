using Reconciler.Model.Graph;

namespace Reconciler.Bench.Fleet;

/// <summary>
/// Which kind's create a mutating operation belongs to, to put a price on each node of the dependency graph from
/// what converging one environment actually called. ChangeResourceRecordSets also writes the certificates' validation
/// records; it is counted to the DNS records (both sit on the same chain, the records after the certificate).
/// </summary>
internal static class CreateOperations
{
    private static readonly Dictionary<string, ResourceKind> ByOperation = new(StringComparer.Ordinal)
    {
        ["CreateVpc"] = ResourceKinds.Vpc, ["ModifyVpcAttribute"] = ResourceKinds.Vpc,
        ["CreateSubnet"] = ResourceKinds.Subnet, ["ModifySubnetAttribute"] = ResourceKinds.Subnet,
        ["CreateInternetGateway"] = ResourceKinds.InternetGateway, ["AttachInternetGateway"] = ResourceKinds.InternetGateway,
        ["AllocateAddress"] = ResourceKinds.ElasticIp, ["AssociateAddress"] = ResourceKinds.ElasticIp,
        ["CreateNatGateway"] = ResourceKinds.NatGateway,
        ["CreateRouteTable"] = ResourceKinds.RouteTable, ["CreateRoute"] = ResourceKinds.RouteTable, ["AssociateRouteTable"] = ResourceKinds.RouteTable,
        ["ReplaceRoute"] = ResourceKinds.RouteTable, ["ReplaceRouteTableAssociation"] = ResourceKinds.RouteTable,
        ["CreateSecurityGroup"] = ResourceKinds.SecurityGroup, ["AuthorizeSecurityGroupIngress"] = ResourceKinds.SecurityGroup,
        ["AuthorizeSecurityGroupEgress"] = ResourceKinds.SecurityGroup, ["RevokeSecurityGroupIngress"] = ResourceKinds.SecurityGroup,
        ["RevokeSecurityGroupEgress"] = ResourceKinds.SecurityGroup,
        ["RunInstances"] = ResourceKinds.Instance, ["ModifyInstanceAttribute"] = ResourceKinds.Instance, ["ModifyInstanceMetadataOptions"] = ResourceKinds.Instance,
        ["CreateRole"] = ResourceKinds.IamRole, ["AttachRolePolicy"] = ResourceKinds.IamRole, ["UpdateAssumeRolePolicy"] = ResourceKinds.IamRole,
        ["CreateInstanceProfile"] = ResourceKinds.InstanceProfile, ["AddRoleToInstanceProfile"] = ResourceKinds.InstanceProfile,
        ["CreateHostedZone"] = ResourceKinds.HostedZone, ["ChangeTagsForResource"] = ResourceKinds.HostedZone,
        ["ChangeResourceRecordSets"] = ResourceKinds.DnsRecord,
        ["RequestCertificate"] = ResourceKinds.Certificate, ["AddTagsToCertificate"] = ResourceKinds.Certificate,
        ["CreateLogGroup"] = ResourceKinds.LogGroup, ["PutRetentionPolicy"] = ResourceKinds.LogGroup,
        ["CreateRepository"] = ResourceKinds.EcrRepository, ["PutImageScanningConfiguration"] = ResourceKinds.EcrRepository,
        ["PutImageTagMutability"] = ResourceKinds.EcrRepository,
        ["CreateBucket"] = ResourceKinds.Bucket, ["PutBucketEncryption"] = ResourceKinds.Bucket, ["PutBucketTagging"] = ResourceKinds.Bucket,
        ["PutBucketVersioning"] = ResourceKinds.Bucket, ["PutPublicAccessBlock"] = ResourceKinds.Bucket,
        ["CreateCluster"] = ResourceKinds.EcsCluster,
        ["RegisterTaskDefinition"] = ResourceKinds.TaskDefinition,
        ["CreateService"] = ResourceKinds.EcsService, ["UpdateService"] = ResourceKinds.EcsService,
        ["CreateDBSubnetGroup"] = ResourceKinds.DbSubnetGroup,
        ["CreateDBInstance"] = ResourceKinds.DbInstance, ["ModifyDBInstance"] = ResourceKinds.DbInstance,
        ["CreateTargetGroup"] = ResourceKinds.TargetGroup, ["ModifyTargetGroup"] = ResourceKinds.TargetGroup,
        ["CreateLoadBalancer"] = ResourceKinds.LoadBalancer, ["SetSubnets"] = ResourceKinds.LoadBalancer, ["SetSecurityGroups"] = ResourceKinds.LoadBalancer,
        ["CreateListener"] = ResourceKinds.Listener, ["ModifyListener"] = ResourceKinds.Listener,
    };

    public static ResourceKind? KindOf(string service, string operation) => (service, operation) switch
    {
        ("logs", "TagResource") => ResourceKinds.LogGroup,
        ("ecr", "TagResource") => ResourceKinds.EcrRepository,
        _ => ByOperation.GetValueOrDefault(operation),
    };
}
