using System.Text;
using System.Xml.Linq;

namespace Reconciler.Aws.Http;

/// <summary>
/// AWS Query: POST / with <c>Action</c>, <c>Version</c> and the parameters form-encoded; the answer's
/// <c>&lt;{Operation}Result&gt;</c> element is returned without namespaces.
/// </summary>
internal sealed class QueryProtocolClient(AwsServiceInfo service, string region, SignedTransport transport, AwsCallRunner runner, Amazon.Runtime.AWSCredentials? credentials = null)
{
    public AwsServiceInfo Service => service;

    public Task<XElement> CallAsync(string operation, QueryParams parameters, CallPurpose purpose, CancellationToken ct) =>
        runner.RunAsync(service.Name, operation, purpose, async c =>
        {
            var form = new StringBuilder($"Action={Uri.EscapeDataString(operation)}&Version={Uri.EscapeDataString(service.ApiVersion!)}");
            foreach (var (key, value) in parameters.Values)
            {
                form.Append('&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8",
            };
            var response = await transport.SendAsync(service, region, new AwsHttpRequest("POST", "/", new Dictionary<string, string>(), headers, Encoding.UTF8.GetBytes(form.ToString())), c, credentials).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                var (code, message, requestId) = XmlAnswers.Error(response.Body);
                throw new AwsApiException(service.Name, operation, code ?? ((int)response.Status >= 500 ? "InternalFailure" : "UnknownError"), response.Status, requestId ?? response.RequestId, message);
            }

            var root = XmlAnswers.Parse(response.Body);
            return root.Element(operation + "Result") ?? root;
        }, ct);
}
