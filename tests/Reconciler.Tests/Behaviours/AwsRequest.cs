using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Reconciler.Tests.Behaviours;

/// <summary>
/// One AWS request as the behaviours proxy sees it: the service from the SigV4 credential scope of the Authorization
/// header (moto_server routes by it too), the operation from <c>X-Amz-Target</c> (JSON 1.1), <c>Action=</c> (Query, EC2)
/// or the REST path (Route53, S3), and the body, parsed on demand as a form or as JSON.
/// </summary>
internal sealed partial record AwsRequest(string Method, string Path, string QueryString, string Service, string Region, string Operation, string? Target, string ContentType, byte[] Body)
{
    private IReadOnlyDictionary<string, string>? _form;

    public string BodyText => Encoding.UTF8.GetString(Body);

    public AwsWireProtocol Protocol => Target is not null ? AwsWireProtocol.Json
        : Service == "ec2" ? AwsWireProtocol.Ec2
        : Service is "route53" or "s3" ? AwsWireProtocol.RestXml
        : AwsWireProtocol.Query;

    /// <summary>The form parameters (Query and EC2 protocols): the body's, then the query string's.</summary>
    public IReadOnlyDictionary<string, string> Form => _form ??= ParseForm(ContentType.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ? BodyText : string.Empty, QueryString.TrimStart('?'));

    /// <summary>A form parameter, or null.</summary>
    public string? Param(string name) => Form.GetValueOrDefault(name);

    /// <summary>Every value of a Query list (<c>Certificates.member.1.CertificateArn</c>, <c>SecurityGroups.member.2</c>, <c>InstanceId.1</c>).</summary>
    public IReadOnlyList<string> ParamsMatching(Regex name) => [.. Form.Where(kv => name.IsMatch(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value)];

    /// <summary>The JSON body (JSON 1.1 protocol), or null.</summary>
    public JsonObject? Json => Target is null || Body.Length == 0 ? null : JsonNode.Parse(Body) as JsonObject;

    public bool Is(string service, string operation) =>
        string.Equals(Service, service, StringComparison.Ordinal) && string.Equals(Operation, operation, StringComparison.Ordinal);

    public static AwsRequest Parse(string method, string path, string queryString, string? authorization, string? target, string? contentType, byte[] body)
    {
        var scope = authorization is null ? null : CredentialScope().Match(authorization);
        var service = scope is { Success: true } ? scope.Groups["service"].Value : "unknown";
        var region = scope is { Success: true } ? scope.Groups["region"].Value : "unknown";
        var request = new AwsRequest(method, path, queryString, service, region, string.Empty, target, contentType ?? string.Empty, body);
        var operation = target is not null ? target[(target.LastIndexOf('.') + 1)..]
            : request.Param("Action") ?? RestOperation(service, method, path);
        return request with { Operation = operation };
    }

    /// <summary>Route53's REST operations by method and path (its API reference's request syntax); others as "METHOD /path".</summary>
    private static string RestOperation(string service, string method, string path)
    {
        if (service != "route53")
        {
            return $"{method} {path}";
        }

        var parts = path.Trim('/').Split('/');
        return (method, parts.Length > 1 ? parts[1] : string.Empty, parts.Length, parts[^1]) switch
        {
            ("GET", "hostedzonesbyname", _, _) => "ListHostedZonesByName",
            ("GET", "hostedzone", 2, _) => "ListHostedZones",
            ("POST", "hostedzone", 2, _) => "CreateHostedZone",
            ("GET", "hostedzone", 3, _) => "GetHostedZone",
            ("DELETE", "hostedzone", 3, _) => "DeleteHostedZone",
            ("GET", "hostedzone", _, "rrset") => "ListResourceRecordSets",
            ("POST", "hostedzone", _, "rrset") => "ChangeResourceRecordSets",
            ("GET", "tags", _, _) => "ListTagsForResource",
            ("POST", "tags", _, _) => "ChangeTagsForResource",
            ("GET", "change", _, _) => "GetChange",
            _ => $"{method} {path}",
        };
    }

    private static Dictionary<string, string> ParseForm(params string[] texts)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in texts.SelectMany(t => t.Split('&', StringSplitOptions.RemoveEmptyEntries)))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Unescape(equals < 0 ? pair : pair[..equals]);
            form.TryAdd(key, equals < 0 ? string.Empty : Unescape(pair[(equals + 1)..]));
        }

        return form;
    }

    private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    [GeneratedRegex(@"Credential=[^/]+/\d{8}/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request")]
    private static partial Regex CredentialScope();
}
