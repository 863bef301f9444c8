using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Reconciler.Tests.Behaviours.Rules;

/// <summary>
/// The Resource Groups Tagging API is eventually consistent: a new resource is missing from GetResources for a while.
/// "New" here is the first time its ARN came back in any other answer (its create, mostly), or for a log group, whose
/// create answers nothing, its CreateLogGroup; ARNs first met in a GetResources answer existed before the proxy knew
/// them and are shown at once.
/// </summary>
internal sealed partial class TaggingLagRule(TimeSpan? window = null) : BehaviourRule
{
    /// <summary>Marks of created log groups, by name (their ARN is in no answer of their create).</summary>
    private const string LogGroupKey = "log-group:";

    private readonly TimeMarks _seen = new();

    public TimeSpan Window { get; } = window ?? TimeSpan.FromSeconds(2);

    public override string Behaviour => "GetResources (Tagging API) omits resources created less than the window ago.";

    public override string Source => "https://github.com/aws/aws-cli/issues/4173 and https://github.com/aws/aws-sdk/issues/676 (GetResources lags the services: \"just eventual consistency\", there for deleted resources; the same index lags for new ones); https://github.com/hashicorp/terraform-provider-aws/pull/17280 (tags of a new target group eventually consistent)";

    public override void Watch(AwsRequest request, AwsAnswer answer, DateTimeOffset now)
    {
        if (answer.Ok && request.Is("logs", "CreateLogGroup") && request.Json?["logGroupName"]?.GetValue<string>() is { } group)
        {
            _seen.MarkFirst(LogGroupKey + group, now);
        }

        if (answer.Ok && !request.Is("tagging", "GetResources"))
        {
            foreach (Match arn in Arn().Matches(answer.Text))
            {
                _seen.MarkFirst(arn.Value, now);
            }
        }
    }

    public override AwsAnswer After(AwsRequest request, AwsAnswer answer, DateTimeOffset now)
    {
        if (!answer.Ok || !request.Is("tagging", "GetResources") || JsonNode.Parse(answer.Body) is not JsonObject root ||
            root["ResourceTagMappingList"] is not JsonArray list)
        {
            return answer;
        }

        var hidden = list.Where(m => m?["ResourceARN"]?.GetValue<string>() is { } arn &&
            (_seen.WithinFirstLook(arn, now, Window) || (Reconciler.Kinds.LogGroupProvider.NameFromArn(arn) is { } group && _seen.WithinFirstLook(LogGroupKey + group, now, Window)))).ToList();
        foreach (var mapping in hidden)
        {
            list.Remove(mapping);
        }

        return hidden.Count == 0 ? answer : answer.WithText(root.ToJsonString());
    }

    [GeneratedRegex(@"arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{12}:[^""<\s,]+")]
    private static partial Regex Arn();
}
