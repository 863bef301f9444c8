using Reconciler.Aws;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Aws;

/// <summary>In the moto collection: making a client resolves credentials, which the moto fixture provides.</summary>
[Collection(MotoCollection.Name)]
public sealed class AwsClientFactoryTests
{
    [Fact]
    public void Ec2_Should_DisableTheSdkRetriesAndUseTheEndpointOverride_When_ItMakesAClient()
    {
        using var factory = new AwsClientFactory();

        var client = factory.Ec2("ap-northeast-1");

        Assert.Equal(0, client.Config.MaxErrorRetry);
        Assert.Equal(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"), client.Config.ServiceURL?.TrimEnd('/'));
    }

    [Fact]
    public void Ssm_Should_DisableTheSdkRetriesAndUseTheEndpointOverride_When_ItMakesAClient()
    {
        using var factory = new AwsClientFactory();

        var client = factory.Ssm("ap-northeast-1");

        Assert.Equal(0, client.Config.MaxErrorRetry);
        Assert.Equal(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"), client.Config.ServiceURL?.TrimEnd('/'));
        Assert.Same(client, factory.Ssm("ap-northeast-1"));
    }
}
