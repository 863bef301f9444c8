namespace Reconciler.Tests.Behaviours.Rules;

/// <summary>
/// IAM is eventually consistent: an instance profile is not usable by EC2 for a while after it is created or given its
/// role. moto sees it at once. Scaled down to <see cref="Window"/> (AWS: several seconds).
/// </summary>
internal sealed class IamPropagationRule(TimeSpan? window = null) : BehaviourRule
{
    private readonly TimeMarks _changed = new();

    public TimeSpan Window { get; } = window ?? TimeSpan.FromSeconds(2);

    public override string Behaviour => "RunInstances naming an instance profile created (or given its role) is refused for the window from its first use: InvalidParameterValue, Invalid IAM Instance Profile name.";

    public override string Source => "https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddRoleToInstanceProfile.html (\"wait for the change to appear across all of AWS because of eventual consistency\"); https://github.com/aws/aws-sdk-js-v3/issues/5253 (the exact error right after creating the profile); https://github.com/kubernetes/kops/issues/35";

    public override void Watch(AwsRequest request, AwsAnswer answer, DateTimeOffset now)
    {
        if (answer.Ok && request.Service == "iam" && request.Operation is "CreateInstanceProfile" or "AddRoleToInstanceProfile" &&
            request.Param("InstanceProfileName") is { } name)
        {
            _changed.Mark(name, now);
        }
    }

    public override AwsAnswer? Before(AwsRequest request, DateTimeOffset now)
    {
        if (!request.Is("ec2", "RunInstances"))
        {
            return null;
        }

        // Either member names the profile: the name, or the ARN whose last segment is the name.
        var name = request.Param("IamInstanceProfile.Name") ?? request.Param("IamInstanceProfile.Arn")?.Split('/')[^1];
        // The window opens at the first launch after the change (TimeMarks.WithinFirstLook): on AWS that launch falls
        // inside the seconds of propagation; a loaded test machine must not let it slip past (it did: played 0 times).
        return name is not null && _changed.WithinFirstLook(name, now, Window)
            ? AwsAnswer.Error(request, "InvalidParameterValue", $"Value ({name}) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name")
            : null;
    }
}
