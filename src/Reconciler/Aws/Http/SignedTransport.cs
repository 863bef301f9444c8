using System.Net.Http.Headers;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace Reconciler.Aws.Http;

/// <summary>
/// Signs a request with AWSSDK.Core's SigV4 signer, using the default credential chain (environment, profile, SSO,
/// the ECS task role, IMDS), and sends it with one shared HttpClient. Endpoints come from
/// <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, <c>AWS_ENDPOINT_URL</c> or the service's public endpoint.
/// No retries here: <see cref="AwsCallRunner"/> is the one place that retries.
/// </summary>
internal sealed class SignedTransport(HttpClient http, Func<string, string?>? endpointOverride = null)
{
    private readonly Func<string, string?> _override = endpointOverride ?? AwsClientFactory.EndpointOverride;
    private readonly SemaphoreSlim _credentialsLock = new(1, 1);
    private AWSCredentials? _credentials;

    /// <summary>Where a service of a region is reached.</summary>
    public Uri Endpoint(AwsServiceInfo service, string region) =>
        _override(service.EnvironmentName) is { } url ? new Uri(url) : service.DefaultEndpoint(region);

    /// <param name="credentials">An environment's own (an assumed role's, see Accounts); null: the default chain.</param>
    public async Task<AwsHttpResponse> SendAsync(AwsServiceInfo service, string region, AwsHttpRequest request, CancellationToken ct, AWSCredentials? credentials = null)
    {
        var (sdkRequest, config) = Prepare(service, region, request);
        credentials ??= await Credentials(config, ct).ConfigureAwait(false);
        new AWS4Signer().Sign(sdkRequest, config, null, credentials);
        return await Send(sdkRequest, request, ct).ConfigureAwait(false);
    }

    /// <summary>The SDK request the signer signs, and the config it signs with (exposed to compare signatures with botocore).</summary>
    public (DefaultRequest Request, SigningConfig Config) Prepare(AwsServiceInfo service, string region, AwsHttpRequest request)
    {
        var endpoint = Endpoint(service, region);
        var config = new SigningConfig(service.SigningName, service.SigningRegion(region), endpoint.GetLeftPart(UriPartial.Authority));
        var sdkRequest = new DefaultRequest(new EmptyRequest(), service.SigningName)
        {
            HttpMethod = request.Method,
            Endpoint = new Uri(endpoint.GetLeftPart(UriPartial.Authority)),
            ResourcePath = request.Path,
            AuthenticationRegion = service.SigningRegion(region),
            Content = request.Body,
        };
        foreach (var (key, value) in request.Headers)
        {
            sdkRequest.Headers[key] = value;
        }

        foreach (var (key, value) in request.Query)
        {
            sdkRequest.Parameters[key] = value;
        }

        sdkRequest.UseQueryString = request.Query.Count > 0;
        return (sdkRequest, config);
    }

    private async Task<AwsHttpResponse> Send(DefaultRequest sdkRequest, AwsHttpRequest request, CancellationToken ct)
    {
        var uri = new UriBuilder(sdkRequest.Endpoint) { Path = request.Path, Query = QueryString(request.Query) }.Uri;
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        if (request.Body.Length > 0 || request.Method is "POST" or "PUT")
        {
            message.Content = new ByteArrayContent(request.Body);
        }

        foreach (var (key, value) in sdkRequest.Headers)
        {
            if (key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(key, value);
            }
        }

        using var response = await http.SendAsync(message, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        var headers = response.Headers.Concat(response.Content.Headers)
            .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(",", g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);
        var requestId = headers.GetValueOrDefault("x-amzn-RequestId") ?? headers.GetValueOrDefault("x-amz-request-id");
        // AWS names each request in x-amzn-RequestId (x-amz-request-id for S3), e.g.
        // https://docs.aws.amazon.com/waf/latest/developerguide/waf-api-making-requests-response.html: onto the call's span.
        Telemetry.ReconcilerTelemetry.RequestId(requestId);
        return new AwsHttpResponse(response.StatusCode, requestId, headers, body);
    }

    /// <summary>The query string exactly as the signer canonicalised it (RFC 3986 encoding, sorted).</summary>
    public static string QueryString(IReadOnlyDictionary<string, string> query) =>
        string.Join("&", query.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));

    private async Task<AWSCredentials> Credentials(SigningConfig config, CancellationToken ct)
    {
        if (_credentials is { } cached)
        {
            return cached;
        }

        await _credentialsLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _credentials ??= await new DefaultAWSCredentialsIdentityResolver().ResolveIdentityAsync(config, ct).ConfigureAwait(false);
        }
        finally
        {
            _credentialsLock.Release();
        }
    }

    private sealed class EmptyRequest : AmazonWebServiceRequest;
}
