using System.Text.RegularExpressions;

namespace Reconciler.Tests.Behaviours.Rules;

/// <summary>
/// EC2 is eventually consistent: DescribeInstances by id right after RunInstances may answer that the instance does not
/// exist. moto finds it at once. Scaled down to <see cref="Window"/>.
/// </summary>
internal sealed partial class DescribeAfterCreateRule(TimeSpan? window = null) : BehaviourRule
{
    private readonly TimeMarks _created = new();

    public TimeSpan Window { get; } = window ?? TimeSpan.FromSeconds(1);

    public override string Behaviour => "DescribeInstances naming an instance launched less than the window ago answers InvalidInstanceID.NotFound.";

    public override string Source => "https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html (\"you might get an error that the resource does not exist\" right after creating it)";

    public override void Watch(AwsRequest request, AwsAnswer answer, DateTimeOffset now)
    {
        if (answer.Ok && request.Is("ec2", "RunInstances"))
        {
            foreach (Match id in InstanceId().Matches(answer.Text))
            {
                _created.MarkFirst(id.Groups[1].Value, now);
            }
        }
    }

    public override AwsAnswer? Before(AwsRequest request, DateTimeOffset now)
    {
        if (!request.Is("ec2", "DescribeInstances"))
        {
            return null;
        }

        var young = request.ParamsMatching(InstanceIdParam()).FirstOrDefault(id => _created.Within(id, now, Window));
        return young is null ? null : AwsAnswer.Error(request, "InvalidInstanceID.NotFound", $"The instance ID '{young}' does not exist");
    }

    [GeneratedRegex(@"<instanceId>(i-[0-9a-f]+)</instanceId>")]
    private static partial Regex InstanceId();

    [GeneratedRegex(@"^InstanceId\.\d+$")]
    private static partial Regex InstanceIdParam();
}
