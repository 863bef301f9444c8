using System.Text;
using System.Xml.Linq;

namespace Reconciler.Aws.Http;

/// <summary>AWS REST-XML (Route53): a method, a path, a query, an XML body; the answer's root without namespaces.</summary>
internal sealed class RestXmlProtocolClient(AwsServiceInfo service, string region, SignedTransport transport, AwsCallRunner runner, Amazon.Runtime.AWSCredentials? credentials = null)
{
    public AwsServiceInfo Service => service;

    public Task<XElement?> CallAsync(string operation, string method, string path, IReadOnlyDictionary<string, string>? query, XElement? body, CallPurpose purpose, CancellationToken ct) =>
        runner.RunAsync(service.Name, operation, purpose, async c =>
        {
            var bytes = body is null ? [] : Encoding.UTF8.GetBytes(new XDocument(new XDeclaration("1.0", "UTF-8", null), body).Declaration + body.ToString(SaveOptions.DisableFormatting));
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (body is not null)
            {
                headers["Content-Type"] = "application/xml";
            }

            var response = await transport.SendAsync(service, region, new AwsHttpRequest(method, path, query ?? new Dictionary<string, string>(), headers, bytes), c, credentials).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                var (code, message, requestId) = XmlAnswers.Error(response.Body);
                throw new AwsApiException(service.Name, operation, code ?? ((int)response.Status >= 500 ? "InternalFailure" : "UnknownError"), response.Status, requestId ?? response.RequestId, message);
            }

            return response.Body.Length == 0 ? null : XmlAnswers.Parse(response.Body);
        }, ct);
}
