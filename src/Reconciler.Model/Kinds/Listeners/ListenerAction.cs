using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// A listener's default action: <see cref="Forward"/> to a target group (its ARN, or a reference to it), or
/// <see cref="Redirect"/> with protocol, port and status code. Port is a string as in RedirectActionConfig, which also
/// takes <c>#{port}</c>; the status code is HTTP_301 or HTTP_302 (ELBv2 API reference, RedirectActionConfig). Another
/// type set by hand (fixed-response...) keeps only its <see cref="Type"/>, which differs from what the spec wants.
/// </summary>
internal sealed record ListenerAction(string Type, string? TargetGroup = null, string? Protocol = null, string? Port = null, string? StatusCode = null) : GraphItem
{
    public const string ForwardType = "forward";
    public const string RedirectType = "redirect";

    /// <summary>What <c>redirect: https</c> in the spec means: a permanent redirect to port 443.</summary>
    public static ListenerAction RedirectToHttps { get; } = Redirect("HTTPS", "443", "HTTP_301");

    public static ListenerAction Forward(string targetGroup) => new(ForwardType, TargetGroup: targetGroup);

    public static ListenerAction Redirect(string protocol, string port, string statusCode) => new(RedirectType, Protocol: protocol, Port: port, StatusCode: statusCode);

    /// <summary>The text plans and logs have always shown: <c>forward:ARN</c>, <c>redirect:HTTPS:443:HTTP_301</c>.</summary>
    public override string Display => Type switch
    {
        ForwardType => $"forward:{TargetGroup}",
        RedirectType => $"redirect:{Protocol}:{Port}:{StatusCode}",
        _ => Type,
    };

    public override GraphItem Resolve(Func<string, string?> resolve) => this with { TargetGroup = SubOrNull(TargetGroup, resolve) };

    public override IEnumerable<string> ReferencedIds() => Refs(TargetGroup);
}
