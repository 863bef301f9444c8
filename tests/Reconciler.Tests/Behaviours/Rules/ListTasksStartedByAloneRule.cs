using System.Net;

namespace Reconciler.Tests.Behaviours.Rules;

/// <summary>ECS ListTasks: <c>startedBy</c> must be the only filter; moto combines it with the others.</summary>
internal sealed class ListTasksStartedByAloneRule : BehaviourRule
{
    /// <summary>The request members the API reference calls filters (cluster is the scope, not a filter).</summary>
    private static readonly string[] OtherFilters = ["containerInstance", "family", "serviceName", "desiredStatus", "launchType"];

    public override string Behaviour => "ListTasks with startedBy and any other filter (family, serviceName, containerInstance, desiredStatus, launchType) is refused with InvalidParameterException.";

    public override string Source => "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListTasks.html (startedBy: \"When you specify startedBy as the filter, it must be the only filter that you use.\")";

    public override AwsAnswer? Before(AwsRequest request, DateTimeOffset now)
    {
        if (!request.Is("ecs", "ListTasks") || request.Json is not { } body || body["startedBy"] is null)
        {
            return null;
        }

        var others = OtherFilters.Where(f => body[f] is not null).ToList();
        return others.Count == 0
            ? null
            : AwsAnswer.Error(request, "InvalidParameterException", $"startedBy must be the only filter; also given: {string.Join(", ", others)}.", HttpStatusCode.BadRequest);
    }
}
