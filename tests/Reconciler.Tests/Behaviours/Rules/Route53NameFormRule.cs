using System.Text.RegularExpressions;

namespace Reconciler.Tests.Behaviours.Rules;

/// <summary>
/// Route53 answers record names in its own form: lower case, with a trailing dot, and characters other than a-z, 0-9,
/// '-' and '_' as octal escapes (the wildcard <c>*</c> as <c>\052</c>). moto answers names as they were sent.
/// </summary>
internal sealed partial class Route53NameFormRule : BehaviourRule
{
    public override string Behaviour => "ListResourceRecordSets answers names lower case with a trailing dot, '*' as \\052.";

    public override string Source => "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DomainNameFormat.html (stored lower case; octal escape codes); https://github.com/hashicorp/terraform-provider-aws/pull/36699 (ListResourceRecordSets answers * as \\052: false drift)";

    public override AwsAnswer After(AwsRequest request, AwsAnswer answer, DateTimeOffset now)
    {
        if (!answer.Ok || request.Service != "route53" || request.Method != "GET" || !request.Path.EndsWith("/rrset", StringComparison.Ordinal))
        {
            return answer;
        }

        var text = NameElement().Replace(answer.Text, m => $"<Name>{Form(m.Groups[1].Value)}</Name>");
        return text == answer.Text ? answer : answer.WithText(text);
    }

    private static string Form(string name)
    {
        var lower = name.ToLowerInvariant();
        lower = lower.EndsWith('.') ? lower : lower + ".";
        return lower.Replace("*", "\\052", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<Name>([^<]*)</Name>")]
    private static partial Regex NameElement();
}
