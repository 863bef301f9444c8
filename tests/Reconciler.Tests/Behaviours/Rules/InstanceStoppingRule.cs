using System.Text.RegularExpressions;

namespace Reconciler.Tests.Behaviours.Rules;

/// <summary>
/// A stopped EC2 instance passes through <c>stopping</c> first (seconds to minutes on AWS); moto is <c>stopped</c> at once.
/// For <see cref="Window"/> from StopInstances' answer, that answer and DescribeInstances show the instance stopping.
/// </summary>
internal sealed partial class InstanceStoppingRule(TimeSpan? window = null) : BehaviourRule
{
    private readonly TimeMarks _stopped = new();

    public TimeSpan Window { get; } = window ?? TimeSpan.FromSeconds(2);

    public override string Behaviour => "StopInstances answers CurrentState stopping, and DescribeInstances shows the instance stopping, for the window.";

    public override string Source => "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/monitoring-instance-state-changes.html (\"When you stop an instance, it enters the stopping state and then the stopped state.\"); https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_StopInstances.html (StoppingInstances: CurrentState)";

    public override void Watch(AwsRequest request, AwsAnswer answer, DateTimeOffset now)
    {
        if (answer.Ok && request.Is("ec2", "StopInstances"))
        {
            foreach (var id in request.ParamsMatching(InstanceIdParam()))
            {
                _stopped.Mark(id, now);
            }
        }
    }

    public override AwsAnswer After(AwsRequest request, AwsAnswer answer, DateTimeOffset now) =>
        !answer.Ok || !(request.Is("ec2", "StopInstances") || request.Is("ec2", "DescribeInstances")) ? answer : XmlRewrite.Apply(answer, document =>
        {
            var changed = false;
            foreach (var instance in document.Named("instanceId").Where(i => _stopped.WithinFirstLook(i.Value, now, Window)).Select(i => i.Parent!))
            {
                if ((instance.Child("currentState") ?? instance.Child("instanceState")) is { } state && state.Child("name") is { Value: "stopped" } name)
                {
                    name.Value = "stopping";
                    if (state.Child("code") is { } code)
                    {
                        code.Value = "64";
                    }

                    changed = true;
                }
            }

            return changed;
        });

    [GeneratedRegex(@"^InstanceId\.\d+$")]
    private static partial Regex InstanceIdParam();
}
