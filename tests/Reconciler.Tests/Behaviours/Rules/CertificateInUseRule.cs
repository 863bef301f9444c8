using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Reconciler.Tests.Behaviours.Rules;

/// <summary>
/// ACM keeps a certificate in use by a load balancer for a while after its listener (or the load balancer) is deleted;
/// moto deletes it at once, even while a listener still uses it. Scaled down to <see cref="Window"/> (AWS: about 10 s
/// to minutes).
/// </summary>
internal sealed partial class CertificateInUseRule(TimeSpan? window = null) : BehaviourRule
{
    private readonly ConcurrentDictionary<string, (string LoadBalancer, string[] Certificates)> _listeners = new(StringComparer.Ordinal);
    private readonly TimeMarks _released = new();

    public TimeSpan Window { get; } = window ?? TimeSpan.FromSeconds(2);

    public override string Behaviour => "DeleteCertificate while a listener uses the certificate, or within the window after that listener or its load balancer was deleted, is refused: ResourceInUseException.";

    public override string Source => "https://github.com/hashicorp/terraform-provider-aws/issues/3866; https://github.com/aws/aws-cdk/issues/4179 (\"it can take around 10s for ACM to acknowledge that the certificate is no longer in use\"); https://docs.aws.amazon.com/acm/latest/APIReference/API_DeleteCertificate.html (ResourceInUseException)";

    public override void Watch(AwsRequest request, AwsAnswer answer, DateTimeOffset now)
    {
        if (!answer.Ok || request.Service != "elasticloadbalancing")
        {
            return;
        }

        switch (request.Operation)
        {
            case "CreateListener" when ListenerArn().Match(answer.Text) is { Success: true } arn:
                _listeners[arn.Groups[1].Value] = (request.Param("LoadBalancerArn") ?? string.Empty, [.. request.ParamsMatching(CertificateParam())]);
                break;
            case "ModifyListener" when request.Param("ListenerArn") is { } listener && _listeners.TryGetValue(listener, out var known):
                var certificates = request.ParamsMatching(CertificateParam());
                if (certificates.Count > 0)
                {
                    Release(known.Certificates.Except(certificates), now);
                    _listeners[listener] = (known.LoadBalancer, [.. certificates]);
                }

                break;
            case "DeleteListener" when request.Param("ListenerArn") is { } listener && _listeners.TryRemove(listener, out var gone):
                Release(gone.Certificates, now);
                break;
            case "DeleteLoadBalancer" when request.Param("LoadBalancerArn") is { } balancer:
                foreach (var (listener, on) in _listeners.Where(kv => kv.Value.LoadBalancer == balancer).ToList())
                {
                    _listeners.TryRemove(listener, out _);
                    Release(on.Certificates, now);
                }

                break;
        }
    }

    public override AwsAnswer? Before(AwsRequest request, DateTimeOffset now)
    {
        if (!request.Is("acm", "DeleteCertificate") || request.Json?["CertificateArn"]?.GetValue<string>() is not { } certificate)
        {
            return null;
        }

        var attached = _listeners.Values.Any(l => l.Certificates.Contains(certificate, StringComparer.Ordinal));
        return attached || _released.WithinFirstLook(certificate, now, Window)
            ? AwsAnswer.Error(request, "ResourceInUseException", $"Certificate {certificate} in account 123456789012 is in use.")
            : null;
    }

    private void Release(IEnumerable<string> certificates, DateTimeOffset now)
    {
        foreach (var certificate in certificates)
        {
            _released.Mark(certificate, now);
        }
    }

    [GeneratedRegex(@"^Certificates\.member\.\d+\.CertificateArn$")]
    private static partial Regex CertificateParam();

    [GeneratedRegex(@"<ListenerArn>([^<]+)</ListenerArn>")]
    private static partial Regex ListenerArn();
}
