using System.Text.Json.Nodes;

namespace Reconciler.Tests.Behaviours.Rules;

/// <summary>
/// An ECS service deployment starts <c>IN_PROGRESS</c> and turns <c>COMPLETED</c> only when the service reaches a
/// steady state (minutes on AWS); moto's is complete at once. Played for <see cref="Window"/> after CreateService or
/// UpdateService, on the PRIMARY deployment of DescribeServices answers.
/// </summary>
internal sealed class DeploymentRollingRule(TimeSpan? window = null) : BehaviourRule
{
    private readonly TimeMarks _deployed = new();

    public TimeSpan Window { get; } = window ?? TimeSpan.FromSeconds(2);

    public override string Behaviour => "DescribeServices shows the PRIMARY deployment IN_PROGRESS for the window after CreateService / UpdateService.";

    public override string Source => "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Deployment.html (rolloutState: \"When a service deployment is started, it begins in an IN_PROGRESS state. When the service reaches a steady state, the deployment transitions to a COMPLETED state.\")";

    public override void Watch(AwsRequest request, AwsAnswer answer, DateTimeOffset now)
    {
        if (answer.Ok && request.Service == "ecs" && request.Operation is "CreateService" or "UpdateService" &&
            JsonNode.Parse(answer.Body)?["service"]?["serviceArn"]?.GetValue<string>() is { } arn)
        {
            _deployed.Mark(arn, now);
        }
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
            if (service["serviceArn"]?.GetValue<string>() is not { } arn || !_deployed.WithinFirstLook(arn, now, Window) || service["deployments"] is not JsonArray deployments)
            {
                continue;
            }

            foreach (var primary in deployments.OfType<JsonObject>().Where(d => d["status"]?.GetValue<string>() == "PRIMARY"))
            {
                primary["rolloutState"] = "IN_PROGRESS";
                primary["rolloutStateReason"] = "ECS deployment in progress.";
                changed = true;
            }
        }

        return changed ? answer.WithText(root.ToJsonString()) : answer;
    }
}
