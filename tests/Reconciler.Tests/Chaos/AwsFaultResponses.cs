using System.Net;
using System.Text;

namespace Reconciler.Tests.Chaos;

/// <summary>
/// Error responses as each AWS protocol writes them, so every client parses the injected fault exactly as it would parse
/// AWS's own (and <see cref="Reconciler.Aws.AwsError"/> classifies it): the protocol is told by the SigV4 scope's service.
/// </summary>
internal static class AwsFaultResponses
{
    /// <summary>The signing service of a request, from its <c>Authorization: AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request</c>.</summary>
    public static string SigningService(HttpRequestMessage request)
    {
        var credential = request.Headers.TryGetValues("Authorization", out var values) ? values.FirstOrDefault() ?? string.Empty : string.Empty;
        var start = credential.IndexOf("Credential=", StringComparison.Ordinal);
        if (start < 0)
        {
            return "unsigned";
        }

        var scope = credential[(start + "Credential=".Length)..].Split(',')[0].Split('/');
        return scope.Length >= 5 ? scope[3] : "unsigned";
    }

    public static HttpResponseMessage Throttle(HttpRequestMessage request) => ByProtocol(request,
        ec2: new(HttpStatusCode.BadRequest, "RequestLimitExceeded", "Request limit exceeded."),
        s3: new(HttpStatusCode.ServiceUnavailable, "SlowDown", "Please reduce your request rate."),
        query: new(HttpStatusCode.BadRequest, "Throttling", "Rate exceeded"),
        json: new(HttpStatusCode.BadRequest, "ThrottlingException", "Rate exceeded"));

    public static HttpResponseMessage Unavailable(HttpRequestMessage request) => ByProtocol(request,
        ec2: new(HttpStatusCode.ServiceUnavailable, "Unavailable", "The server is overloaded and can't handle the request."),
        s3: new(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "Service is unable to handle request."),
        query: new(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "Service unavailable"),
        json: new(HttpStatusCode.ServiceUnavailable, "ServiceUnavailableException", "Service unavailable"));

    /// <summary>Access denied as each protocol says it: EC2 UnauthorizedOperation, Query AccessDenied, JSON AccessDeniedException.</summary>
    public static HttpResponseMessage AccessDenied(HttpRequestMessage request) => ByProtocol(request,
        ec2: new(HttpStatusCode.Forbidden, "UnauthorizedOperation", "You are not authorized to perform this operation."),
        s3: new(HttpStatusCode.Forbidden, "AccessDenied", "Access Denied"),
        query: new(HttpStatusCode.Forbidden, "AccessDenied", "User is not authorized to perform this action"),
        json: new(HttpStatusCode.BadRequest, "AccessDeniedException", "User is not authorized to perform this action"));

    /// <summary>A validation error as each protocol says it: InvalidParameterValue (EC2, Query), ValidationException (JSON).</summary>
    public static HttpResponseMessage Invalid(HttpRequestMessage request) => ByProtocol(request,
        ec2: new(HttpStatusCode.BadRequest, "InvalidParameterValue", "Invalid value for a parameter."),
        s3: new(HttpStatusCode.BadRequest, "InvalidArgument", "Invalid argument."),
        query: new(HttpStatusCode.BadRequest, "InvalidParameterValue", "Invalid value for a parameter"),
        json: new(HttpStatusCode.BadRequest, "ValidationException", "1 validation error detected"));

    /// <summary>One error written the way the request's protocol writes errors (Query covers Route53's REST-XML too).</summary>
    private static HttpResponseMessage ByProtocol(HttpRequestMessage request, FaultAnswer ec2, FaultAnswer s3, FaultAnswer query, FaultAnswer json) => SigningService(request) switch
    {
        "ec2" => Ec2Query(request, ec2.Status, ec2.Code, ec2.Message),
        "s3" => RestXml(request, s3.Status, $"<Error><Code>{s3.Code}</Code><Message>{s3.Message}</Message></Error>"),
        "route53" or "iam" or "rds" or "elasticloadbalancing" => RestXml(request, query.Status, ErrorResponse(query.Code, query.Message)),
        _ => Json(request, json.Status, json.Code, json.Message),
    };

    private static string ErrorResponse(string code, string message) =>
        $"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>{Guid.NewGuid()}</RequestId></ErrorResponse>";

    private static HttpResponseMessage Ec2Query(HttpRequestMessage request, HttpStatusCode status, string code, string message) =>
        Response(request, status, "text/xml",
            $"<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>{Guid.NewGuid()}</RequestID></Response>");

    private static HttpResponseMessage RestXml(HttpRequestMessage request, HttpStatusCode status, string body) =>
        Response(request, status, "text/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body);

    private static HttpResponseMessage Json(HttpRequestMessage request, HttpStatusCode status, string type, string message) =>
        Response(request, status, "application/x-amz-json-1.1", $"{{\"__type\":\"{type}\",\"message\":\"{message}\"}}");

    private static HttpResponseMessage Response(HttpRequestMessage request, HttpStatusCode status, string contentType, string body)
    {
        var response = new HttpResponseMessage(status)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", Guid.NewGuid().ToString());
        return response;
    }
}
