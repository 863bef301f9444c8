using static Reconciler.Security.AccessLevel;
using static Reconciler.Security.TagGuard;

namespace Reconciler.Security;

/// <summary>
/// The table of every action the reconciler uses, with the resource types and condition keys the AWS Service
/// Authorization Reference lists for it (one page per service, <see cref="Sources"/>), and how the generated policy
/// conditions it (<see cref="AbacRow.Guard"/>). botocore carries no such data, so this table is the reference.
/// The rows were read from a stored, machine-readable copy of the reference (<see cref="StoredCopy"/>): the stored pages
/// of the reference itself show only each page's beginning, never an action's row. Rows that were not read say so
/// (<see cref="AbacRow.RowRead"/> false) and stay unconditioned. The keys of a row are those that matter here
/// (aws:ResourceTag/${TagKey}, aws:RequestTag/${TagKey}, aws:TagKeys, a service's CreateAction key and the few service
/// keys shown); the service-specific filters a row also lists (ec2:Region, rds:DatabaseClass...) are left out.
/// </summary>
internal static class AbacReference
{
    public const string ResourceTag = "aws:ResourceTag/${TagKey}";
    public const string RequestTag = "aws:RequestTag/${TagKey}";
    public const string TagKeys = "aws:TagKeys";

    /// <summary>Where the rows were read: iann0036/iam-dataset, a daily export of the Service Authorization Reference.</summary>
    public const string StoredCopy = "https://github.com/iann0036/iam-dataset/blob/08eff2d7ffe7d6cf0259ab47a7c390f80f86972e/aws/iam_definition.json";

    private const string Reference = "https://docs.aws.amazon.com/service-authorization/latest/reference/";

    /// <summary>The reference page of each service prefix.</summary>
    public static IReadOnlyDictionary<string, string> Sources { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ec2"] = Reference + "list_amazonec2.html",
        ["ecs"] = Reference + "list_amazonelasticcontainerservice.html",
        ["rds"] = Reference + "list_amazonrds.html",
        ["elasticloadbalancing"] = Reference + "list_elasticloadbalancingv2.html",
        ["acm"] = Reference + "list_awscertificatemanager.html",
        ["route53"] = Reference + "list_amazonroute53.html",
        ["iam"] = Reference + "list_awsidentityandaccessmanagementiam.html",
        ["logs"] = Reference + "list_amazoncloudwatchlogs.html",
        ["ecr"] = Reference + "list_amazonelasticcontainerregistry.html",
        ["s3"] = Reference + "list_amazons3.html",
        ["tag"] = Reference + "list_awsresourcegroupstaggingapi.html",
    };

    /// <summary>The service keys that name the API action a tag-on-create comes from (each in the CreateTags/AddTags/TagResource row).</summary>
    public static IReadOnlyDictionary<string, string> CreateActionKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ec2"] = "ec2:CreateAction",
        ["elasticloadbalancing"] = "elasticloadbalancing:CreateAction",
        ["ecs"] = "ecs:CreateAction",
    };

    /// <summary>The ARN pattern of a resource type, from the resource types table of each reference page.</summary>
    public static string Arn(string prefix, string type) => (prefix, type) switch
    {
        (_, "") => "*",
        ("ec2", _) => $"arn:aws:ec2:*:*:{type}/*",
        ("elasticloadbalancing", _) => $"arn:aws:elasticloadbalancing:*:*:{type.TrimEnd('/')}/*",
        ("ecs", _) => $"arn:aws:ecs:*:*:{type}/*",
        ("ecr", _) => $"arn:aws:ecr:*:*:{type}/*",
        ("acm", _) => $"arn:aws:acm:*:*:{type}/*",
        ("rds", _) => $"arn:aws:rds:*:*:{type}:*",
        ("logs", _) => $"arn:aws:logs:*:*:{type}:*",
        _ => throw new ArgumentException($"no ARN pattern for {prefix} {type}", nameof(type)),
    };

    private static readonly string[] Owns = [ResourceTag];
    private static readonly string[] Creates = [RequestTag, TagKeys];
    private static readonly string[] Tags = [RequestTag, ResourceTag, TagKeys];

    private static ResourceKeys R(string type, params string[] keys) => new(type.TrimEnd('*'), type.EndsWith('*'), keys);

    /// <summary>The row of a tagging action: each taggable type with the tag keys and the service's CreateAction key.</summary>
    private static ResourceKeys[] TaggedOnCreate(string createActionKey, params string[] types) =>
        [.. types.Select(t => R(t, [.. Tags, createActionKey]))];

    private static AbacRow Row(string action, AccessLevel access, TagGuard guard, string[] guarded, params ResourceKeys[] resources) =>
        new(action, access, resources, guard, guarded);

    private static AbacRow Unguarded(string action, AccessLevel access, string? why, params ResourceKeys[] resources) =>
        new(action, access, resources, None, [], why);

    private static AbacRow NotRead(string action, AccessLevel access, string why) => new(action, access, [], None, [], why, RowRead: false);

    private const string DescribeNotRead = "a read, never conditioned; its row was not read";
    private const string NoTagKeyRoute53 = "Route53 defines no tag condition key at all (its only keys: route53:ChangeResourceRecordSets*, route53:VPCs)";
    private const string SharedIam = "IAM roles and instance profiles are shared by environments (tagged reconciler:shared): scoped by name, not by tag; row not read";
    private const string S3NoAbac = "S3 evaluates bucket tags only once ABAC is enabled on the bucket, which then refuses PutBucketTagging, the call the reconciler tags with (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketAbac.html): buckets stay scoped by name (<environment>-*)";
    private const string RdsManagedSecret = "RDS creates the managed master password's secret as the caller (ManageMasterUserPassword); outside the services of this table, row not read";
    private const string OwnedIam = "also on an environment's own execution role (<environment>-execution): conditioned on its ownership tag by IamPolicy's IamOwnedRoles statements, not from this table; row not read";
    private const string PassRoleScoped = "passes the task role; scoped by role name and iam:PassedToService";

    private static readonly AbacRow[] All =
    [
        // ACM (list_awscertificatemanager.html)
        Row("acm:AddTagsToCertificate", Tagging, TagOnRequestOrOwned, ["certificate"], R("certificate*", [.. Tags, "acm:CertificateKeyPairOrigin"])),
        Row("acm:DeleteCertificate", Write, Owned, ["certificate"], R("certificate*", ResourceTag, "acm:CertificateKeyPairOrigin")),
        Unguarded("acm:DescribeCertificate", Read, null, R("certificate*", Owns)),
        Unguarded("acm:ListCertificates", List, null),
        Unguarded("acm:ListTagsForCertificate", Read, null, R("certificate*", Owns)),
        Row("acm:RequestCertificate", Write, Created, [""], R("", [.. Creates, "acm:DomainNames", "acm:ValidationMethod"])),

        // EC2 (list_amazonec2.html): every resource type also lists ec2:Region and ec2:ResourceTag/${TagKey}.
        Row("ec2:AllocateAddress", Write, Created, ["elastic-ip"], R("elastic-ip*", Creates), R("ipam-pool", Owns), R("ipv4pool-ec2", Owns)),
        Row("ec2:AssociateAddress", Write, Owned, ["elastic-ip"], R("elastic-ip", Owns), R("instance", Owns), R("network-interface", Owns)),
        Row("ec2:AssociateRouteTable", Write, Owned, ["route-table"], R("route-table*", Owns), R("subnet", Owns), R("internet-gateway", Owns), R("ipv4pool-ec2", Owns), R("vpn-gateway", Owns)),
        Row("ec2:AttachInternetGateway", Write, Owned, ["internet-gateway"], R("internet-gateway*", Owns), R("vpc*", Owns)),
        Row("ec2:AuthorizeSecurityGroupEgress", Write, Owned, ["security-group"], R("security-group*", Owns), R("security-group-rule", Creates)),
        Row("ec2:AuthorizeSecurityGroupIngress", Write, Owned, ["security-group"], R("security-group*", Owns), R("security-group-rule", Creates)),
        Row("ec2:CreateInternetGateway", Write, Created, ["internet-gateway"], R("internet-gateway*", Creates)),
        Row("ec2:CreateNatGateway", Write, Created, ["natgateway"], R("natgateway*", Creates), R("elastic-ip", Owns), R("subnet", Owns), R("vpc", Owns)),
        Row("ec2:CreateRoute", Write, Owned, ["route-table"], R("route-table*", Owns)),
        Row("ec2:CreateRouteTable", Write, Created, ["route-table"], R("route-table*", Creates), R("vpc*", Owns)),
        Row("ec2:CreateSecurityGroup", Write, Created, ["security-group"], R("security-group*", Creates), R("vpc", Owns)),
        Row("ec2:CreateSubnet", Write, Created, ["subnet"], R("subnet*", Creates), R("vpc*", Owns), R("ipam-pool", Owns)),
        Row("ec2:CreateTags", Tagging, TagOnCreateOrOwned,
            ["elastic-ip", "instance", "internet-gateway", "natgateway", "route-table", "security-group", "subnet", "volume", "vpc"],
            TaggedOnCreate("ec2:CreateAction", "elastic-ip", "instance", "internet-gateway", "natgateway", "network-interface", "route-table", "security-group", "subnet", "volume", "vpc")),
        Row("ec2:CreateVpc", Write, Created, ["vpc"], R("vpc*", Creates), R("ipam-pool", Owns), R("ipv6pool-ec2", Owns)),
        Row("ec2:DeleteInternetGateway", Write, Owned, ["internet-gateway"], R("internet-gateway*", Owns)),
        Row("ec2:DeleteNatGateway", Write, Owned, ["natgateway"], R("natgateway*", Owns)),
        Row("ec2:DeleteRoute", Write, Owned, ["route-table"], R("route-table*", Owns)),
        Row("ec2:DeleteRouteTable", Write, Owned, ["route-table"], R("route-table*", Owns)),
        Row("ec2:DeleteSecurityGroup", Write, Owned, ["security-group"], R("security-group*", Owns)),
        Row("ec2:DeleteSubnet", Write, Owned, ["subnet"], R("subnet*", Owns)),
        // DeleteTags lists every taggable type without ec2:CreateAction; the reconciler removes a tag from its instances only.
        Row("ec2:DeleteTags", Tagging, Owned, ["instance"], R("instance", Tags), R("elastic-ip", Tags), R("internet-gateway", Tags), R("natgateway", Tags), R("network-interface", Tags)),
        Row("ec2:DeleteVpc", Write, Owned, ["vpc"], R("vpc*", Owns)),
        Unguarded("ec2:DescribeAddresses", List, null),
        NotRead("ec2:DescribeInstances", List, DescribeNotRead),
        NotRead("ec2:DescribeInternetGateways", List, DescribeNotRead),
        NotRead("ec2:DescribeNatGateways", List, DescribeNotRead),
        NotRead("ec2:DescribeRouteTables", List, DescribeNotRead),
        NotRead("ec2:DescribeSecurityGroups", List, DescribeNotRead),
        NotRead("ec2:DescribeSubnets", List, DescribeNotRead),
        NotRead("ec2:DescribeTags", List, DescribeNotRead),
        NotRead("ec2:DescribeVpcAttribute", List, DescribeNotRead),
        Unguarded("ec2:DescribeVpcs", List, null),
        Row("ec2:DetachInternetGateway", Write, Owned, ["internet-gateway"], R("internet-gateway*", Owns), R("vpc*", Owns)),
        Row("ec2:DisassociateAddress", Write, Owned, ["elastic-ip"], R("elastic-ip", Owns), R("network-interface", Owns)),
        Row("ec2:DisassociateRouteTable", Write, Owned, ["route-table"], R("route-table", Owns), R("subnet", Owns), R("internet-gateway", Owns), R("ipv4pool-ec2", Owns), R("ipv6pool-ec2", Owns), R("vpn-gateway", Owns)),
        Row("ec2:ModifyInstanceAttribute", Write, Owned, ["instance"], R("instance*", Owns), R("security-group", Owns), R("volume", Owns)),
        Row("ec2:ModifyInstanceMetadataOptions", Write, Owned, ["instance"], R("instance*", Owns)),
        Row("ec2:ModifySubnetAttribute", Write, Owned, ["subnet"], R("subnet*", Owns)),
        Row("ec2:ModifyVpcAttribute", Write, Owned, ["vpc"], R("vpc*", Owns)),
        Row("ec2:ReleaseAddress", Write, Owned, ["elastic-ip"], R("elastic-ip", Owns)),
        Row("ec2:ReplaceRoute", Write, Owned, ["route-table"], R("route-table*", Owns)),
        Row("ec2:ReplaceRouteTableAssociation", Write, Owned, ["route-table"], R("route-table*", Owns), R("subnet", Owns), R("internet-gateway", Owns), R("ipv4pool-ec2", Owns), R("ipv6pool-ec2", Owns), R("vpn-gateway", Owns)),
        Row("ec2:RevokeSecurityGroupEgress", Write, Owned, ["security-group"], R("security-group*", Owns)),
        Row("ec2:RevokeSecurityGroupIngress", Write, Owned, ["security-group"], R("security-group*", Owns)),
        // RunInstances: only the instance and the volumes get our tags at launch (TagSpecifications); the image (AWS's),
        // the network interface (untagged), the subnet and security groups it uses are granted without a tag condition.
        Row("ec2:RunInstances", Write, Created, ["instance", "volume"],
            R("instance*", Creates), R("volume", Creates), R("image*", Owns), R("network-interface*", Creates), R("security-group*", Owns), R("subnet*", Owns),
            R("key-pair", Owns), R("launch-template", Owns), R("placement-group", Owns), R("snapshot", Owns), R("capacity-reservation", Owns),
            R("elastic-gpu", Owns), R("elastic-inference"), R("group"), R("license-configuration"), R("spot-instances-request", Creates)),
        Row("ec2:StartInstances", Write, Owned, ["instance"], R("instance*", Owns), R("group"), R("license-configuration")),
        Row("ec2:StopInstances", Write, Owned, ["instance"], R("instance*", Owns)),
        Row("ec2:TerminateInstances", Write, Owned, ["instance"], R("instance*", Owns)),

        // ECR (list_amazonelasticcontainerregistry.html): TagResource has no CreateAction key.
        Row("ecr:CreateRepository", Write, Created, ["repository"], R("repository*", Tags)),
        Row("ecr:DeleteRepository", Write, Owned, ["repository"], R("repository*", Owns)),
        Unguarded("ecr:DescribeRepositories", Read, null, R("repository*", Owns)),
        Unguarded("ecr:ListTagsForResource", Read, null, R("repository*", Tags)),
        Row("ecr:PutImageScanningConfiguration", Write, Owned, ["repository"], R("repository*", Owns)),
        Row("ecr:PutImageTagMutability", Write, Owned, ["repository"], R("repository*", Owns)),
        Row("ecr:TagResource", Tagging, TagOnRequestOrOwned, ["repository"], R("repository*", Tags)),

        // ECS (list_amazonelasticcontainerservice.html)
        Row("ecs:CreateCluster", Write, Created, ["cluster"], R("cluster*", Tags)),
        Row("ecs:CreateService", Write, Created, ["service"], R("service*", [.. Tags, "ecs:cluster"])),
        Row("ecs:DeleteCluster", Write, Owned, ["cluster"], R("cluster*", Owns)),
        Row("ecs:DeleteService", Write, Owned, ["service"], R("service*", ResourceTag, "ecs:cluster")),
        Unguarded("ecs:DeregisterTaskDefinition", Write, "the reference lists no resource type and no condition key for it"),
        Unguarded("ecs:DescribeClusters", Read, null, R("cluster*", Owns)),
        Unguarded("ecs:DescribeServices", Read, null, R("service*", ResourceTag, "ecs:cluster")),
        Unguarded("ecs:DescribeTaskDefinition", Read, null),
        Unguarded("ecs:DescribeTasks", Read, null, R("task*", ResourceTag, "ecs:cluster")),
        Unguarded("ecs:ListClusters", List, null),
        Unguarded("ecs:ListServices", List, null, R("", "ecs:cluster")),
        Unguarded("ecs:ListTaskDefinitions", List, null),
        Unguarded("ecs:ListTasks", List, null, R("container-instance*", ResourceTag, "ecs:cluster")),
        Row("ecs:RegisterTaskDefinition", Write, Created, ["task-definition"], R("task-definition*", Tags)),
        // RunTask's row names the task definition, not the task: the new task's tags are the request's tags on it.
        Row("ecs:RunTask", Write, Created, ["task-definition"], R("task-definition*", [.. Tags, "ecs:cluster"])),
        Row("ecs:StopTask", Write, Owned, ["task"], R("task*", ResourceTag, "ecs:cluster")),
        Row("ecs:TagResource", Tagging, TagOnCreateOrOwned, ["cluster", "service", "task", "task-definition"],
            TaggedOnCreate("ecs:CreateAction", "cluster", "service", "task", "task-definition", "capacity-provider", "container-instance", "task-set")),
        Row("ecs:UpdateService", Write, Owned, ["service"], R("service*", ResourceTag, "ecs:cluster")),

        // Elastic Load Balancing v2 (list_elasticloadbalancingv2.html)
        Row("elasticloadbalancing:AddTags", Tagging, TagOnCreateOrOwned, ["listener/app", "loadbalancer/app/", "targetgroup"],
            TaggedOnCreate("elasticloadbalancing:CreateAction", "listener/app", "listener/net", "loadbalancer/app/", "loadbalancer/net/", "targetgroup")),
        // CreateListener's row names the load balancer; its RequestTag is the listener's tags.
        Row("elasticloadbalancing:CreateListener", Write, Created, ["loadbalancer/app/"], R("loadbalancer/app/", Tags), R("loadbalancer/net/", Tags)),
        Row("elasticloadbalancing:CreateLoadBalancer", Write, Created, ["loadbalancer/app/"], R("loadbalancer/app/", Tags), R("loadbalancer/net/", Tags)),
        Row("elasticloadbalancing:CreateTargetGroup", Write, Created, ["targetgroup"], R("targetgroup*", Tags)),
        Row("elasticloadbalancing:DeleteListener", Write, Owned, ["listener/app"], R("listener/app", Owns), R("listener/net", Owns)),
        Row("elasticloadbalancing:DeleteLoadBalancer", Write, Owned, ["loadbalancer/app/"], R("loadbalancer/app/", Owns), R("loadbalancer/net/", Owns)),
        Row("elasticloadbalancing:DeleteTargetGroup", Write, Owned, ["targetgroup"], R("targetgroup*", Owns)),
        Unguarded("elasticloadbalancing:DescribeListeners", Read, null),
        Unguarded("elasticloadbalancing:DescribeLoadBalancers", List, null),
        Unguarded("elasticloadbalancing:DescribeRules", Read, null),
        Unguarded("elasticloadbalancing:DescribeTags", Read, null),
        Unguarded("elasticloadbalancing:DescribeTargetGroups", Read, null),
        Row("elasticloadbalancing:ModifyListener", Write, Owned, ["listener/app"], R("listener/app", Owns), R("listener/net", Owns)),
        Row("elasticloadbalancing:ModifyTargetGroup", Write, Owned, ["targetgroup"], R("targetgroup*", Owns)),
        Row("elasticloadbalancing:SetSecurityGroups", Write, Owned, ["loadbalancer/app/"], R("loadbalancer/app/", Owns), R("loadbalancer/net/", Owns)),
        Row("elasticloadbalancing:SetSubnets", Write, Owned, ["loadbalancer/app/"], R("loadbalancer/app/", Owns), R("loadbalancer/net/", Owns)),

        // IAM (list_awsidentityandaccessmanagementiam.html): not tag-guarded, see SharedIam.
        NotRead("iam:AddRoleToInstanceProfile", Write, SharedIam),
        NotRead("iam:AttachRolePolicy", Write, SharedIam),
        NotRead("iam:CreateInstanceProfile", Write, SharedIam),
        NotRead("iam:CreateRole", Write, SharedIam),
        NotRead("iam:CreateServiceLinkedRole", Write, "scoped to the service-linked role path and iam:AWSServiceName; row not read"),
        NotRead("iam:DeleteRole", Write, OwnedIam),
        NotRead("iam:DeleteRolePolicy", Write, SharedIam),
        NotRead("iam:DetachRolePolicy", Write, OwnedIam),
        NotRead("iam:GetInstanceProfile", Read, SharedIam),
        NotRead("iam:GetRole", Read, SharedIam),
        NotRead("iam:GetRolePolicy", Read, SharedIam),
        NotRead("iam:ListAttachedRolePolicies", List, SharedIam),
        NotRead("iam:ListRolePolicies", List, OwnedIam),
        NotRead("iam:PassRole", Write, PassRoleScoped),
        NotRead("iam:PutRolePolicy", Write, SharedIam),
        NotRead("iam:TagInstanceProfile", Tagging, SharedIam),
        NotRead("iam:TagRole", Tagging, SharedIam),
        NotRead("iam:UpdateAssumeRolePolicy", Write, SharedIam),

        // KMS and Secrets Manager: what RDS checks as the caller when it manages the master password.
        NotRead("kms:DescribeKey", Read, RdsManagedSecret),
        NotRead("secretsmanager:CreateSecret", Write, RdsManagedSecret),
        NotRead("secretsmanager:TagResource", Tagging, RdsManagedSecret),

        // CloudWatch Logs (list_amazoncloudwatchlogs.html): TagResource has no CreateAction key.
        Row("logs:CreateLogGroup", Write, Created, ["log-group"], R("log-group*", Tags)),
        Row("logs:DeleteLogGroup", Write, Owned, ["log-group"], R("log-group*", Owns)),
        Row("logs:DeleteRetentionPolicy", Write, Owned, ["log-group"], R("log-group*", Owns)),
        Unguarded("logs:DescribeLogGroups", List, null),
        NotRead("logs:ListTagsForResource", List, "a read, never conditioned; only part of its row was read"),
        Row("logs:PutRetentionPolicy", Write, Owned, ["log-group"], R("log-group*", Owns)),
        Row("logs:TagResource", Tagging, TagOnRequestOrOwned, ["log-group"], R("log-group", Tags)),

        // RDS (list_amazonrds.html): AddTagsToResource has no CreateAction key (rds:TagsFromRequest does not tell a create).
        Row("rds:AddTagsToResource", Tagging, TagOnRequestOrOwned, ["db", "subgrp"], R("db", [.. Tags, "rds:TagsFromRequest"]), R("subgrp", [.. Tags, "rds:TagsFromRequest"])),
        Row("rds:CreateDBInstance", Write, Created, ["db"], R("db*", Tags), R("subgrp", Tags), R("og", Tags), R("pg", Tags), R("secgrp", Tags), R("cluster", Tags)),
        Row("rds:CreateDBSubnetGroup", Write, Created, ["subgrp"], R("subgrp*", Tags)),
        Row("rds:DeleteDBInstance", Write, Owned, ["db"], R("db*", Owns)),
        Row("rds:DeleteDBSubnetGroup", Write, Owned, ["subgrp"], R("subgrp*", Owns)),
        Unguarded("rds:DescribeDBInstances", List, null, R("db", Owns)),
        NotRead("rds:DescribeDBSubnetGroups", List, DescribeNotRead),
        NotRead("rds:ListTagsForResource", Read, DescribeNotRead),
        Row("rds:ModifyDBInstance", Write, Owned, ["db"], R("db*", Owns), R("og", Owns), R("pg", Owns), R("secgrp", Owns), R("subgrp", Owns)),
        Row("rds:ModifyDBSubnetGroup", Write, Owned, ["subgrp"], R("subgrp*", Owns)),

        // Route53 (list_amazonroute53.html)
        Unguarded("route53:ChangeResourceRecordSets", Write, NoTagKeyRoute53,
            R("hostedzone*", "route53:ChangeResourceRecordSetsActions", "route53:ChangeResourceRecordSetsNormalizedRecordNames", "route53:ChangeResourceRecordSetsRecordTypes")),
        Unguarded("route53:ChangeTagsForResource", Tagging, NoTagKeyRoute53, R("hostedzone*"), R("healthcheck*")),
        Unguarded("route53:CreateHostedZone", Write, NoTagKeyRoute53, R("", "route53:VPCs")),
        NotRead("route53:DeleteHostedZone", Write, NoTagKeyRoute53),
        NotRead("route53:GetHostedZone", Read, NoTagKeyRoute53),
        NotRead("route53:ListHostedZones", List, NoTagKeyRoute53),
        NotRead("route53:ListHostedZonesByName", List, NoTagKeyRoute53),
        NotRead("route53:ListResourceRecordSets", List, NoTagKeyRoute53),
        NotRead("route53:ListTagsForResource", Read, NoTagKeyRoute53),

        // S3 (list_amazons3.html): see S3NoAbac.
        NotRead("s3:CreateBucket", Write, S3NoAbac),
        Unguarded("s3:DeleteBucket", Write, S3NoAbac, R("bucket*", ResourceTag, "s3:BucketTag/${TagKey}")),
        NotRead("s3:GetBucketPublicAccessBlock", Read, S3NoAbac),
        NotRead("s3:GetBucketTagging", Read, S3NoAbac),
        NotRead("s3:GetBucketVersioning", Read, S3NoAbac),
        NotRead("s3:GetEncryptionConfiguration", Read, S3NoAbac),
        NotRead("s3:ListAllMyBuckets", List, S3NoAbac),
        NotRead("s3:PutBucketPublicAccessBlock", Write, S3NoAbac),
        NotRead("s3:PutBucketTagging", Tagging, S3NoAbac),
        NotRead("s3:PutBucketVersioning", Write, S3NoAbac),
        NotRead("s3:PutEncryptionConfiguration", Write, S3NoAbac),
        NotRead("s3:TagResource", Tagging, S3NoAbac),

        // Systems Manager and the Tagging API: reads.
        NotRead("ssm:GetParameter", Read, "AWS's public parameters of the ECS-optimized AMIs, scoped by name; row not read"),
        NotRead("tag:GetResources", Read, "a read, never conditioned; row not read"),
    ];

    /// <summary>
    /// The resource types, besides the guarded ones, that the reconciler's requests name (a subnet for a route table
    /// association, the VPC a subnet is created in, RunInstances' image and network interface): granted on their own
    /// statement without a tag condition, because AWS checks every resource of a request and these may not be ours.
    /// Types a row lists that our requests never name are not granted at all.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Referenced { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["ec2:AssociateAddress"] = ["instance", "network-interface"],
        ["ec2:AssociateRouteTable"] = ["subnet"],
        ["ec2:AttachInternetGateway"] = ["vpc"],
        ["ec2:CreateNatGateway"] = ["elastic-ip", "subnet", "vpc"],
        ["ec2:CreateRouteTable"] = ["vpc"],
        ["ec2:CreateSecurityGroup"] = ["vpc"],
        ["ec2:CreateSubnet"] = ["vpc"],
        ["ec2:DetachInternetGateway"] = ["vpc"],
        ["ec2:DisassociateAddress"] = ["network-interface"],
        ["ec2:DisassociateRouteTable"] = ["subnet"],
        ["ec2:ModifyInstanceAttribute"] = ["security-group", "volume"],
        ["ec2:ReplaceRouteTableAssociation"] = ["subnet"],
        ["ec2:RunInstances"] = ["image", "key-pair", "network-interface", "security-group", "snapshot", "subnet"],
        ["rds:CreateDBInstance"] = ["og", "pg", "secgrp", "subgrp"],
        ["rds:ModifyDBInstance"] = ["og", "pg", "secgrp", "subgrp"],
    };

    /// <summary>Each action's row.</summary>
    public static IReadOnlyDictionary<string, AbacRow> Rows { get; } = All.ToDictionary(r => r.Action, StringComparer.Ordinal);
}
