namespace Reconciler.Aws.Http;

/// <summary>
/// What it takes to reach a service: the name metrics and errors use, the SigV4 signing name (moto_server routes
/// by it), the endpoint prefix, the suffix of its <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> variable, the protocol with
/// its JSON target prefix or API version, and whether it is global (one endpoint, signed for us-east-1).
/// </summary>
internal sealed record AwsServiceInfo(
    string Name,
    string SigningName,
    string EndpointPrefix,
    string EnvironmentName,
    AwsProtocol Protocol,
    string? TargetPrefix = null,
    string? ApiVersion = null,
    bool Global = false)
{
    public Uri DefaultEndpoint(string region) => Global
        ? new Uri($"https://{EndpointPrefix}.amazonaws.com")
        : new Uri($"https://{EndpointPrefix}.{region}.amazonaws.com");

    public string SigningRegion(string region) => Global ? "us-east-1" : region;
}
