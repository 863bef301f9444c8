using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace Reconciler.Aws.Http;

/// <summary>
/// The least <see cref="ClientConfig"/> that AWSSDK.Core's SigV4 signer and credential chain need: the signing name
/// (moto_server routes a request by the service in its credential scope) and the signing region.
/// We sign with the SDK and send with our own HttpClient rather than subclass AmazonServiceClient: a thin client per
/// service stays a few hundred lines, while the SDK pipeline would need a marshaller and unmarshaller per operation.
/// </summary>
internal sealed class SigningConfig : ClientConfig
{
    private readonly string _service;

    public SigningConfig(string signingName, string signingRegion, string? serviceUrl)
        : base(new DefaultConfigurationProvider([new DefaultConfiguration { Name = DefaultConfigurationMode.Standard, RetryMode = RequestRetryMode.Standard }]))
    {
        _service = signingName;
        AuthenticationServiceName = signingName;
        AuthenticationRegion = signingRegion;
        if (serviceUrl is not null)
        {
            ServiceURL = serviceUrl;
        }
    }

    public override string ServiceVersion => "1";

    public override string UserAgent => "reconciler";

    public override string RegionEndpointServiceName => _service;

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) => new(ServiceURL);
}
