namespace Reconciler.Aws.Http;

/// <summary>The services reached through the thin clients, as botocore's models describe them.</summary>
internal static class AwsServices
{
    public static readonly AwsServiceInfo Ecs = new("ecs", "ecs", "ecs", "ECS", AwsProtocol.Json, TargetPrefix: "AmazonEC2ContainerServiceV20141113");
    public static readonly AwsServiceInfo Acm = new("acm", "acm", "acm", "ACM", AwsProtocol.Json, TargetPrefix: "CertificateManager");
    public static readonly AwsServiceInfo Ecr = new("ecr", "ecr", "api.ecr", "ECR", AwsProtocol.Json, TargetPrefix: "AmazonEC2ContainerRegistry_V20150921");
    public static readonly AwsServiceInfo Logs = new("logs", "logs", "logs", "CLOUDWATCH_LOGS", AwsProtocol.Json, TargetPrefix: "Logs_20140328");
    public static readonly AwsServiceInfo Tagging = new("tagging", "tagging", "tagging", "RESOURCE_GROUPS_TAGGING_API", AwsProtocol.Json, TargetPrefix: "ResourceGroupsTaggingAPI_20170126");
    public static readonly AwsServiceInfo Rds = new("rds", "rds", "rds", "RDS", AwsProtocol.Query, ApiVersion: "2014-10-31");
    public static readonly AwsServiceInfo Elbv2 = new("elbv2", "elasticloadbalancing", "elasticloadbalancing", "ELASTIC_LOAD_BALANCING_V2", AwsProtocol.Query, ApiVersion: "2015-12-01");
    public static readonly AwsServiceInfo Iam = new("iam", "iam", "iam", "IAM", AwsProtocol.Query, ApiVersion: "2010-05-08", Global: true);
    public static readonly AwsServiceInfo Route53 = new("route53", "route53", "route53", "ROUTE_53", AwsProtocol.RestXml, ApiVersion: "2013-04-01", Global: true);

    public static IReadOnlyList<AwsServiceInfo> All { get; } = [Ecs, Acm, Ecr, Logs, Tagging, Rds, Elbv2, Iam, Route53];
}
