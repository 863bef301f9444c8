using System.Text.Json.Nodes;

namespace Reconciler.Tests.Behaviours.Rules;

/// <summary>
/// ECS keeps a container's <c>environment</c> and <c>secrets</c> in an order of its own (they are sets to it); moto
/// keeps the order sent. Played by reversing them in task-definition answers.
/// </summary>
internal sealed class EnvironmentOrderRule : BehaviourRule
{
    public override string Behaviour => "RegisterTaskDefinition / DescribeTaskDefinition answer each container's environment and secrets in another order than sent.";

    public override string Source => "https://github.com/hashicorp/terraform-provider-aws/issues/3035 and https://github.com/hashicorp/terraform-provider-aws/pull/11463 (\"the ECS service reorders them arbitrarily\"); https://github.com/aws/aws-sdk-java/issues/3043";

    public override AwsAnswer After(AwsRequest request, AwsAnswer answer, DateTimeOffset now)
    {
        if (!answer.Ok || request.Service != "ecs" || request.Operation is not ("RegisterTaskDefinition" or "DescribeTaskDefinition") ||
            JsonNode.Parse(answer.Body) is not JsonObject root || root["taskDefinition"]?["containerDefinitions"] is not JsonArray containers)
        {
            return answer;
        }

        var changed = false;
        foreach (var container in containers.OfType<JsonObject>())
        {
            foreach (var field in new[] { "environment", "secrets" })
            {
                if (container[field] is JsonArray { Count: > 1 } list)
                {
                    var reversed = list.Select(n => n?.DeepClone()).Reverse().ToArray();
                    container[field] = new JsonArray(reversed);
                    changed = true;
                }
            }
        }

        return changed ? answer.WithText(root.ToJsonString()) : answer;
    }
}
