using System.Net;
using System.Security;
using System.Text;

namespace Reconciler.Tests.Behaviours;

/// <summary>An answer on its way back through the proxy: from moto_server, rewritten by a rule, or made by a rule instead.</summary>
internal sealed record AwsAnswer(int Status, string ContentType, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public bool Ok => Status is >= 200 and < 300;

    public AwsAnswer WithText(string text) => this with { Body = Encoding.UTF8.GetBytes(text) };

    /// <summary>
    /// AWS's error for <paramref name="request"/>'s protocol: JSON 1.1 <c>__type</c>; EC2's <c>Response/Errors/Error</c>;
    /// Query and REST-XML's <c>ErrorResponse/Error</c> (the shapes botocore parses, see its protocol parsers).
    /// </summary>
    public static AwsAnswer Error(AwsRequest request, string code, string message, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var id = Guid.NewGuid().ToString();
        var (contentType, text) = request.Protocol switch
        {
            AwsWireProtocol.Json => ("application/x-amz-json-1.1", System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = code, ["message"] = message })),
            AwsWireProtocol.Ec2 => ("text/xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>{code}</Code><Message>{SecurityElement.Escape(message)}</Message></Error></Errors><RequestID>{id}</RequestID></Response>"),
            _ => ("text/xml", $"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{SecurityElement.Escape(message)}</Message></Error><RequestId>{id}</RequestId></ErrorResponse>"),
        };
        return new AwsAnswer((int)status, contentType, Encoding.UTF8.GetBytes(text));
    }
}
