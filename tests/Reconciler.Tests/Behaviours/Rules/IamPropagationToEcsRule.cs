namespace Reconciler.Tests.Behaviours.Rules;

/// <summary>
/// IAM is eventually consistent for ECS too: RegisterTaskDefinition naming a task or execution role created (or given a
/// policy, or a new trust policy) seconds ago is refused with ClientException "Role is not valid"; moto accepts it at
/// once. Scaled down to <see cref="Window"/> (AWS: seconds). The text is the one the product's EventualConsistency
/// classifies as a wait, so the apply retries it instead of failing.
/// </summary>
internal sealed class IamPropagationToEcsRule(TimeSpan? window = null) : BehaviourRule
{
    private readonly TimeMarks _changed = new();

    public TimeSpan Window { get; } = window ?? TimeSpan.FromSeconds(2);

    public override string Behaviour => "RegisterTaskDefinition naming a role (by name or ARN) created or changed is refused for the window from its first use: ClientException, Role is not valid.";

    public override string Source => "https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency (\"Changes that I make are not always immediately visible\"); https://github.com/fabfuel/ecs-deploy/issues/231 and https://github.com/bradford-hamilton/terraform-ecs-fargate/issues/8 (the exact answer of RegisterTaskDefinition: ClientException, Role is not valid)";

    public override void Watch(AwsRequest request, AwsAnswer answer, DateTimeOffset now)
    {
        if (answer.Ok && request.Service == "iam" &&
            request.Operation is "CreateRole" or "AttachRolePolicy" or "PutRolePolicy" or "UpdateAssumeRolePolicy" &&
            request.Param("RoleName") is { } name)
        {
            // IAM role names are not distinguished by case (IAM API reference, CreateRole RoleName).
            _changed.Mark(name.ToLowerInvariant(), now);
        }
    }

    public override AwsAnswer? Before(AwsRequest request, DateTimeOffset now)
    {
        if (!request.Is("ecs", "RegisterTaskDefinition") || request.Json is not { } body)
        {
            return null;
        }

        // taskRoleArn takes "the short name or full ARN" (ECS API reference); either way the role's name is the last segment.
        foreach (var member in new[] { "taskRoleArn", "executionRoleArn" })
        {
            var name = body[member]?.GetValue<string>()?.Split('/')[^1];
            // The window opens at the first use after the change (TimeMarks.WithinFirstLook): on AWS the product's
            // first use falls inside the seconds of propagation; a loaded test machine must not let it slip past.
            if (!string.IsNullOrEmpty(name) && _changed.WithinFirstLook(name.ToLowerInvariant(), now, Window))
            {
                return AwsAnswer.Error(request, "ClientException", "Role is not valid");
            }
        }

        return null;
    }
}
