using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Reconciler.Tests.Behaviours.Rules;

/// <summary>
/// A deleted ECS service is DRAINING while its tasks stop (minutes on AWS, with the target group's deregistration
/// delay), then INACTIVE; moto is INACTIVE at once. For <see cref="Window"/> from the first look after DeleteService,
/// DescribeServices shows it DRAINING and DeleteCluster of its cluster answers ClusterContainsServicesException.
/// </summary>
internal sealed class EcsServiceDrainingRule(TimeSpan? window = null) : BehaviourRule
{
    private readonly TimeMarks _deleted = new();
    private readonly ConcurrentDictionary<string, string> _clusterOf = new(StringComparer.Ordinal);
    private int _refused;

    public TimeSpan Window { get; } = window ?? TimeSpan.FromSeconds(2);

    /// <summary>DeleteCluster calls refused: the product sent one while a service of the cluster was still draining.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public override string Behaviour => "DescribeServices shows a deleted service DRAINING for the window; DeleteCluster of its cluster meanwhile answers ClusterContainsServicesException.";

    public override string Source => "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeleteService.html (\"the service status moves from ACTIVE to DRAINING ... After all tasks have transitioned to either STOPPING or STOPPED status, the service status moves from DRAINING to INACTIVE\"); https://docs.aws.amazon.com/botocore/latest/reference/services/ecs/client/exceptions/ClusterContainsServicesException.html";

    public override void Watch(AwsRequest request, AwsAnswer answer, DateTimeOffset now)
    {
        if (answer.Ok && request.Is("ecs", "DeleteService") && JsonNode.Parse(answer.Body)?["service"] is JsonObject service &&
            service["serviceArn"]?.GetValue<string>() is { } arn && service["clusterArn"]?.GetValue<string>() is { } cluster)
        {
            _deleted.Mark(arn, now);
            _clusterOf[arn] = cluster;
        }
    }

    public override AwsAnswer? Before(AwsRequest request, DateTimeOffset now)
    {
        if (!request.Is("ecs", "DeleteCluster") || request.Json?["cluster"]?.GetValue<string>() is not { } cluster)
        {
            return null;
        }

        // The cluster is named by ARN or by name; a service still draining in it keeps it.
        var draining = _clusterOf.Where(kv => (kv.Value == cluster || kv.Value.EndsWith($":cluster/{cluster}", StringComparison.Ordinal)) && _deleted.WithinFirstLook(kv.Key, now, Window));
        if (!draining.Any())
        {
            return null;
        }

        Interlocked.Increment(ref _refused);
        return AwsAnswer.Error(request, "ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active.");
    }

    public override AwsAnswer After(AwsRequest request, AwsAnswer answer, DateTimeOffset now)
    {
        if (!answer.Ok || !request.Is("ecs", "DescribeServices") || JsonNode.Parse(answer.Body) is not JsonObject root || root["services"] is not JsonArray services)
        {
            return answer;
        }

        var changed = false;
        foreach (var service in services.OfType<JsonObject>())
        {
            if (service["serviceArn"]?.GetValue<string>() is { } arn && service["status"]?.GetValue<string>() == "INACTIVE" && _deleted.WithinFirstLook(arn, now, Window))
            {
                service["status"] = "DRAINING";
                changed = true;
            }
        }

        return changed ? answer.WithText(root.ToJsonString()) : answer;
    }
}
