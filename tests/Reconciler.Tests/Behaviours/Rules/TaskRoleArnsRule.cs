using System.Text.Json.Nodes;

namespace Reconciler.Tests.Behaviours.Rules;

/// <summary>
/// ECS keeps a task definition's <c>taskRoleArn</c> and <c>executionRoleArn</c> as full role ARNs even when a role
/// name was registered (the API reference allows either); moto hands back what it was sent.
/// </summary>
internal sealed class TaskRoleArnsRule : BehaviourRule
{
    public override string Behaviour => "RegisterTaskDefinition and DescribeTaskDefinition answer taskRoleArn/executionRoleArn as full IAM role ARNs, even when a role name was sent.";

    public override string Source => "https://github.com/aws/copilot-cli/pull/2887 (ECS returns the fully-qualified ARN when describing the task def); https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/1468";

    public override AwsAnswer After(AwsRequest request, AwsAnswer answer, DateTimeOffset now)
    {
        if (!answer.Ok || request.Service != "ecs" || request.Operation is not ("RegisterTaskDefinition" or "DescribeTaskDefinition") ||
            JsonNode.Parse(answer.Body) is not JsonObject root || root["taskDefinition"] is not JsonObject definition)
        {
            return answer;
        }

        // The account is the task definition's own: arn:aws:ecs:region:ACCOUNT:task-definition/family:1.
        var account = definition["taskDefinitionArn"]?.GetValue<string>().Split(':') is { Length: > 4 } parts ? parts[4] : "123456789012";
        var changed = false;
        foreach (var field in new[] { "taskRoleArn", "executionRoleArn" })
        {
            if (definition[field]?.GetValue<string>() is { Length: > 0 } role && !role.StartsWith("arn:", StringComparison.Ordinal))
            {
                definition[field] = $"arn:aws:iam::{account}:role/{role}";
                changed = true;
            }
        }

        return changed ? answer.WithText(root.ToJsonString()) : answer;
    }
}
