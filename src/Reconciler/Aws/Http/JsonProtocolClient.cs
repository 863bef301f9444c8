using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reconciler.Aws.Http;

/// <summary>
/// AWS JSON 1.1 RPC: POST / with <c>X-Amz-Target: {prefix}.{Operation}</c>; errors carry <c>__type</c>.
/// Every call goes through <see cref="AwsCallRunner"/> (counted, retried by purpose).
/// </summary>
internal sealed class JsonProtocolClient(AwsServiceInfo service, string region, SignedTransport transport, AwsCallRunner runner, Amazon.Runtime.AWSCredentials? credentials = null)
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = true,
    };

    public AwsServiceInfo Service => service;

    public Task<TResponse> CallAsync<TRequest, TResponse>(string operation, TRequest request, CallPurpose purpose, CancellationToken ct) =>
        runner.RunAsync(service.Name, operation, purpose, async c =>
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(request, Options);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["X-Amz-Target"] = $"{service.TargetPrefix}.{operation}",
                ["Content-Type"] = "application/x-amz-json-1.1",
            };
            var response = await transport.SendAsync(service, region, new AwsHttpRequest("POST", "/", new Dictionary<string, string>(), headers, body), c, credentials).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw Error(operation, response);
            }

            return response.Body.Length == 0
                ? JsonSerializer.Deserialize<TResponse>("{}"u8, Options)!
                : JsonSerializer.Deserialize<TResponse>(response.Body, Options)!;
        }, ct);

    public AwsApiException Error(string operation, AwsHttpResponse response)
    {
        string? type = response.Headers.GetValueOrDefault("x-amzn-ErrorType");
        string message = string.Empty;
        try
        {
            using var json = JsonDocument.Parse(response.Body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in json.RootElement.EnumerateObject())
                {
                    if (property.NameEquals("__type") || (type is null && property.NameEquals("code")))
                    {
                        type = property.Value.GetString();
                    }
                    else if (property.Name.Equals("message", StringComparison.OrdinalIgnoreCase))
                    {
                        message = property.Value.GetString() ?? string.Empty;
                    }
                }
            }
        }
        catch (JsonException)
        {
            message = Encoding.UTF8.GetString(response.Body.AsSpan(0, Math.Min(response.Body.Length, 500)));
        }

        return new AwsApiException(service.Name, operation, Code(type) ?? ((int)response.Status >= 500 ? "InternalFailure" : "UnknownError"), response.Status, response.RequestId, message);
    }

    /// <summary><c>com.amazonaws.ecs#ClusterNotFoundException</c> or <c>X:http://...</c> to the bare code.</summary>
    public static string? Code(string? type)
    {
        if (string.IsNullOrEmpty(type))
        {
            return null;
        }

        var code = type[(type.LastIndexOf('#') + 1)..];
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? code[..colon] : code;
    }
}
