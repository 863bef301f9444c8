namespace Reconciler.Aws.Budget;

/// <summary>
/// Which published AWS bucket a call draws from (DESIGN.md, from the services' throttling pages): EC2 100 burst / 20
/// per s for each non-mutating action and 50 / 5 for each mutating one; ECS RegisterTaskDefinition 20 / 1; RDS 300 / 12 for the whole API; ELBv2
/// Describe 40 / 10; Route53 about 10 per s; ACM ListCertificates 1 per s, DescribeCertificate and ListTagsForCertificate 10 per s. Calls with no published figure share a
/// conservative bucket per service.
/// </summary>
internal static class ApiBuckets
{
    /// <summary>
    /// EC2 throttles "each API individually ... on a per-API basis" (request rate limiting,
    /// https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html): CreateSubnet's bucket is not
    /// CreateRouteTable's. One bucket for every mutating action made an apply of 99 environments wait 643 s of its
    /// 765 s on 5 writes a second (bench/results.md, Terraform at 100, fourth round).
    /// </summary>
    public static ApiBucket Ec2(string operation) =>
        IsRead(operation) ? new ApiBucket($"ec2:{operation}", 100, 20) : new ApiBucket($"ec2:{operation}", 50, 5);

    public static readonly ApiBucket EcsRegisterTaskDefinition = new("ecs:register-task-definition", 20, 1);
    public static readonly ApiBucket Rds = new("rds", 300, 12);
    public static readonly ApiBucket Elbv2Describe = new("elbv2:describe", 40, 10);
    public static readonly ApiBucket Route53 = new("route53", 10, 10);
    public static readonly ApiBucket AcmListCertificates = new("acm:list-certificates", 1, 1);

    /// <summary>
    /// ACM's DescribeCertificate and ListTagsForCertificate: 10 requests per second each (ACM user guide, Quotas, "API
    /// rate quotas": https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html). Without this bucket they drew
    /// from the default 50-burst bucket: a resync of 150 environments reads 150 certificates in detail at once
    /// (bench/results.md, steady state at scale), a burst ACM would throttle.
    /// </summary>
    public static readonly ApiBucket AcmDescribe = new("acm:describe", 10, 10);

    /// <summary>The buckets made so far, by service and operation: every attempt of every call asks, so each is made once.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Service, string Operation), ApiBucket> Made = new();

    /// <summary>The bucket of <paramref name="operation"/> of <paramref name="service"/> (our short service names: ec2, ecs, rds, elbv2, ...).</summary>
    public static ApiBucket For(string service, string operation) => Made.GetOrAdd((service, operation), static key => Make(key.Service, key.Operation));

    private static ApiBucket Make(string service, string operation) => (service, operation) switch
    {
        ("ec2", _) => Ec2(operation),
        ("ecs", "RegisterTaskDefinition") => EcsRegisterTaskDefinition,
        ("rds", _) => Rds,
        ("elbv2", _) when IsRead(operation) => Elbv2Describe,
        ("route53", _) => Route53,
        ("acm", "ListCertificates") => AcmListCertificates,
        ("acm", "DescribeCertificate" or "ListTagsForCertificate") => AcmDescribe,
        _ => new ApiBucket($"{service}:{(IsRead(operation) ? "read" : "mutate")}", 50, 10),
    };

    private static bool IsRead(string operation) => !AwsCallMetrics.IsMutating(operation);
}
