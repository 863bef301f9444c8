using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Reconciler.Tests.Behaviours;

/// <summary>
/// The AWS behaviours layer: a small reverse proxy on a free loopback port in front of moto_server that plays, rule by
/// rule, what real AWS does and moto does not (<see cref="BehaviourRules"/>). A proxy rather than only an in-process
/// <see cref="HttpMessageHandler"/>: the CLI run as a subprocess, scripts and the AWS CLI go through it too, with nothing
/// but <c>AWS_ENDPOINT_URL</c>; in-process clients reach it through <see cref="Redirect"/>. moto_server does not check
/// signatures, so rewriting requests and answers is safe. Real time (not a fake clock): it serves real processes.
/// </summary>
internal sealed class BehavioursProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Transfer-Encoding", "Content-Length", "Expect", "Keep-Alive", "Upgrade",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly Uri _target;
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<string> _calls = new();
    private readonly ConcurrentQueue<string> _succeeded = new();

    private BehavioursProxy(WebApplication app, Uri target, IReadOnlyList<BehaviourRule> rules, TimeProvider time)
    {
        _app = app;
        _target = target;
        _time = time;
        Rules = rules;
        _upstream = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = TimeSpan.FromSeconds(100),
        };
    }

    /// <summary>The proxy's URL, for <c>AWS_ENDPOINT_URL</c>.</summary>
    public string Endpoint { get; private set; } = string.Empty;

    public IReadOnlyList<BehaviourRule> Rules { get; }

    /// <summary>Every request seen, as <c>service:Operation</c>, in arrival order (answered by a rule or by moto).</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    /// <summary>Whether a logged call (<c>service:Operation</c>) changes something: all but Describe, List and Get; S3's reads are GET and HEAD.</summary>
    public static bool IsWrite(string call) =>
        call.Split(':', 2)[1] is var operation && Reconciler.Aws.AwsCallMetrics.IsMutating(operation) &&
        !operation.StartsWith("GET ", StringComparison.Ordinal) && !operation.StartsWith("HEAD ", StringComparison.Ordinal);

    /// <summary>The requests that ended in success (2xx), as <c>service:Operation</c>: what AWS carried out, not what a rule refused.</summary>
    public IReadOnlyList<string> Succeeded => [.. _succeeded];

    /// <summary>The rule of a type (to switch it, or to read its records).</summary>
    public T Rule<T>() where T : BehaviourRule => Rules.OfType<T>().Single();

    /// <summary>Turns off the rules named (a test that needs one behaviour without another).</summary>
    public BehavioursProxy Without(IEnumerable<Type> rules)
    {
        var off = rules.ToHashSet();
        foreach (var rule in Rules.Where(r => off.Contains(r.GetType())))
        {
            rule.Enabled = false;
        }

        return this;
    }

    /// <summary>How often each rule played, e.g. "TaggingLagRule 12, NatGatewayPendingRule 3" (off rules: "off").</summary>
    public string PlayedSummary => string.Join(", ", Rules.Select(r => $"{r.Name} {(r.Enabled ? r.Played.ToString(System.Globalization.CultureInfo.InvariantCulture) : "off")}"));

    /// <summary>Starts a proxy to <paramref name="upstream"/> (moto_server) with <paramref name="rules"/> (all of them by default).</summary>
    public static async Task<BehavioursProxy> StartAsync(string upstream, IReadOnlyList<BehaviourRule>? rules = null, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        var proxy = new BehavioursProxy(app, new Uri(upstream), rules ?? BehaviourRules.All(), time ?? TimeProvider.System);
        app.Run(proxy.ServeAsync);
        await app.StartAsync();
        proxy.Endpoint = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return proxy;
    }

    /// <summary>For <c>AwsComposition</c>'s <c>wrapHandler</c>: sends in-process clients' requests to the proxy, unchanged otherwise.</summary>
    public HttpMessageHandler Redirect(HttpMessageHandler inner) => new ProxyRedirectHandler(inner, new Uri(Endpoint));

    private async Task ServeAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var request = AwsRequest.Parse(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.Authorization.FirstOrDefault(),
            context.Request.Headers["X-Amz-Target"].FirstOrDefault(),
            context.Request.ContentType,
            buffer.ToArray());
        _calls.Enqueue($"{request.Service}:{request.Operation}");

        var now = _time.GetUtcNow();
        AwsAnswer? answer = null;
        foreach (var rule in Rules.Where(r => r.Enabled))
        {
            answer = rule.Before(request, now);
            if (answer is not null)
            {
                rule.CountPlayed();
                break;
            }
        }

        IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers = [];
        if (answer is null)
        {
            using var forward = Forward(context.Request, request);
            using var response = await _upstream.SendAsync(forward, context.RequestAborted);
            answer = new AwsAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? string.Empty, await response.Content.ReadAsByteArrayAsync(context.RequestAborted));
            headers = [.. response.Headers.Where(h => !HopHeaders.Contains(h.Key))];
            if (request.Method == "HEAD" && response.Content.Headers.ContentLength is { } length)
            {
                context.Response.ContentLength = length;
            }

            now = _time.GetUtcNow();
            foreach (var rule in Rules)
            {
                rule.Watch(request, answer, now);
            }

            foreach (var rule in Rules.Where(r => r.Enabled))
            {
                var before = answer;
                answer = rule.After(request, answer, now);
                if (!ReferenceEquals(before, answer))
                {
                    rule.CountPlayed();
                }
            }
        }

        if (answer.Status is >= 200 and < 300)
        {
            _succeeded.Enqueue($"{request.Service}:{request.Operation}");
        }

        context.Response.StatusCode = answer.Status;
        foreach (var (name, values) in headers)
        {
            context.Response.Headers[name] = values.ToArray();
        }

        if (answer.ContentType.Length > 0)
        {
            context.Response.ContentType = answer.ContentType;
        }

        if (request.Method != "HEAD")
        {
            context.Response.ContentLength = answer.Body.Length;
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
        }
    }

    private HttpRequestMessage Forward(HttpRequest incoming, AwsRequest request)
    {
        var uri = new UriBuilder(_target) { Path = request.Path, Query = request.QueryString.TrimStart('?') }.Uri;
        var forward = new HttpRequestMessage(new HttpMethod(request.Method), uri) { Content = new ByteArrayContent(request.Body) };
        foreach (var (name, values) in incoming.Headers)
        {
            if (HopHeaders.Contains(name))
            {
                continue;
            }

            if (!forward.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                forward.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        return forward;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
