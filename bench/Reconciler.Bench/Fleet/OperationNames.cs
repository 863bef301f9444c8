using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Reconciler.Bench.Fleet;

/// <summary>
/// The (service, operation) of a signed AWS request, named as AwsCallMetrics names them: the service from the SigV4
/// credential scope, the operation from X-Amz-Target (JSON), Action= (Query) or the method and path (REST: Route53, S3).
/// </summary>
internal static partial class OperationNames
{
    public static async Task<(string Service, string Operation)> OfAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var service = ServiceOf(request);
        if (request.Headers.TryGetValues("X-Amz-Target", out var targets) && targets.FirstOrDefault() is { } target)
        {
            return (service, target[(target.LastIndexOf('.') + 1)..]);
        }

        if (request.Content is { } content && content.Headers.ContentType?.MediaType == "application/x-www-form-urlencoded")
        {
            await content.LoadIntoBufferAsync(ct).ConfigureAwait(false);
            var body = await content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (QueryAction().Match(body) is { Success: true } action)
            {
                return (service, action.Groups[1].Value);
            }
        }

        return (service, RestOperation(service, request.Method, request.RequestUri));
    }

    private static string ServiceOf(AuthenticationHeaderValue? authorization) =>
        authorization?.Parameter is { } p && CredentialScope().Match(p) is { Success: true } m ? m.Groups[1].Value : "unknown";

    /// <summary>The typed header is null when the signer added it without validation (the scale run saw every service as "unknown"): read it raw too.</summary>
    private static string ServiceOf(HttpRequestMessage request) =>
        ServiceOf(request.Headers.Authorization) is var typed and not "unknown"
            ? typed
            : request.Headers.TryGetValues("Authorization", out var raw) && raw.FirstOrDefault() is { } value && CredentialScope().Match(value) is { Success: true } m
                ? m.Groups[1].Value
                : "unknown";

    private static string RestOperation(string service, HttpMethod method, Uri? uri)
    {
        var path = uri?.AbsolutePath ?? "/";
        var query = uri?.Query ?? string.Empty;
        if (service == "route53")
        {
            return (method.Method, path) switch
            {
                ("GET", var p) when p.Contains("/hostedzonesbyname", StringComparison.Ordinal) => "ListHostedZonesByName",
                ("GET", var p) when p.Contains("/tags/", StringComparison.Ordinal) => "ListTagsForResource",
                ("POST", var p) when p.Contains("/tags/", StringComparison.Ordinal) => "ChangeTagsForResource",
                ("GET", var p) when p.EndsWith("/rrset", StringComparison.Ordinal) => "ListResourceRecordSets",
                ("POST", var p) when p.EndsWith("/rrset", StringComparison.Ordinal) => "ChangeResourceRecordSets",
                ("GET", var p) when p.Contains("/change/", StringComparison.Ordinal) => "GetChange",
                ("POST", var p) when p.EndsWith("/hostedzone", StringComparison.Ordinal) => "CreateHostedZone",
                ("DELETE", _) => "DeleteHostedZone",
                ("GET", _) => "GetHostedZone",
                _ => method.Method + " " + path,
            };
        }

        // S3: the sub-resource in the query names the operation (PUT ?versioning is PutBucketVersioning).
        var sub = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(q => q.Split('=')[0]).FirstOrDefault(q => q.Length > 0);
        var verb = method.Method switch { "PUT" => "Put", "GET" => "Get", "DELETE" => "Delete", "HEAD" => "Head", _ => method.Method };
        return sub is null
            ? method.Method switch { "PUT" => "CreateBucket", "HEAD" => "HeadBucket", "GET" => "ListObjects", "DELETE" => "DeleteBucket", _ => verb + "Bucket" }
            : verb + "Bucket" + char.ToUpperInvariant(sub[0]) + sub[1..];
    }

    [GeneratedRegex(@"Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request")]
    private static partial Regex CredentialScope();

    [GeneratedRegex(@"(?:^|&)Action=([A-Za-z0-9]+)")]
    private static partial Regex QueryAction();
}
