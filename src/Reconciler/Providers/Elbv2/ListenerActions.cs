using Reconciler.Aws.Elbv2;

namespace Reconciler.Providers.Elbv2;

/// <summary>
/// The canonical text of a listener's default action, as the graph writes it: <c>forward:&lt;target group ARN&gt;</c> or
/// <c>redirect:&lt;protocol&gt;:&lt;port&gt;:&lt;status code&gt;</c> (<c>redirect:HTTPS:443:HTTP_301</c>).
/// </summary>
internal static class ListenerActions
{
    public static string Format(IReadOnlyList<Elbv2Action> actions) => actions.Count switch
    {
        0 => string.Empty,
        1 => Format(actions[0]),
        _ => string.Join(";", actions.Select(Format)),
    };

    public static string Format(Elbv2Action action) => action.Type switch
    {
        "forward" => "forward:" + action.TargetGroupArn,
        "redirect" => $"redirect:{action.RedirectProtocol}:{action.RedirectPort}:{action.RedirectStatusCode}",
        _ => action.Type,
    };

    public static Elbv2Action Parse(string text)
    {
        if (text.StartsWith("forward:", StringComparison.Ordinal))
        {
            return new Elbv2Action("forward", TargetGroupArn: text["forward:".Length..]);
        }

        var parts = text.Split(':');
        if (parts is ["redirect", var protocol, var port, var status])
        {
            return new Elbv2Action("redirect", RedirectProtocol: protocol, RedirectPort: port, RedirectStatusCode: status);
        }

        throw new InvalidOperationException($"listener action '{text}' is neither forward:<target group> nor redirect:<protocol>:<port>:<status>");
    }
}
