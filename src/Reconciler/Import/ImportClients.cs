using Amazon.EC2;
using Reconciler.Aws;
using Reconciler.Aws.Acm;
using Reconciler.Aws.Ecr;
using Reconciler.Aws.Ecs;
using Reconciler.Aws.Elbv2;
using Reconciler.Aws.Http;
using Reconciler.Aws.Logs;
using Reconciler.Aws.Rds;
using Reconciler.Aws.Route53;
using Reconciler.Engine;

namespace Reconciler.Import;

/// <summary>
/// The clients discovery reads through: the same ones, made by the same <see cref="AwsComposition"/>, as the other
/// verbs (so AWS_ENDPOINT_URL, the retries, the budget and the call counting apply). Only reads are called on them.
/// </summary>
internal sealed record ImportClients(
    AmazonEC2Client Ec2,
    AwsCallRunner Runner,
    IElasticLoadBalancingV2Api Elb,
    IEcsApi Ecs,
    IRdsApi Rds,
    IRoute53Api Route53,
    IAcmApi Acm,
    IEcrApi Ecr,
    ICloudWatchLogsApi Logs)
{
    public static ImportClients From(AwsComposition aws, string region) => new(
        aws.Ec2(region),
        aws.RunnerFor(region),
        new ElasticLoadBalancingV2Api(aws.Query(AwsServices.Elbv2, region)),
        new EcsApi(aws.Json(AwsServices.Ecs, region)),
        new RdsApi(aws.Query(AwsServices.Rds, region)),
        new Route53Api(aws.RestXml(AwsServices.Route53, region)),
        new AcmApi(aws.Json(AwsServices.Acm, region)),
        new EcrApi(aws.Json(AwsServices.Ecr, region)),
        new CloudWatchLogsApi(aws.Json(AwsServices.Logs, region)));

    /// <summary>An EC2 read through the runner (counted, retried, budgeted like every other call).</summary>
    public Task<T> Ec2Read<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        Runner.RunAsync("ec2", operation, CallPurpose.Read, call, ct);
}
