using Reconciler.Aws.Http;

namespace Reconciler.Tests.Aws.Http;

public sealed class AwsServicesTests
{
    public static TheoryData<string, string> Services => new()
    {
        { "ecs", "ecs" }, { "acm", "acm" }, { "ecr", "ecr" }, { "logs", "logs" }, { "tagging", "resourcegroupstaggingapi" },
        { "rds", "rds" }, { "elbv2", "elbv2" }, { "iam", "iam" }, { "route53", "route53" },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public void Catalog_Should_MatchBotocoresMetadata_When_ComparedServiceByService(string name, string botocoreName)
    {
        var service = AwsServices.All.Single(s => s.Name == name);
        var metadata = BotocoreModel.Load(botocoreName).Metadata;

        var signingName = metadata.TryGetProperty("signingName", out var s) ? s.GetString() : metadata.GetProperty("endpointPrefix").GetString();
        Assert.Equal(signingName, service.SigningName);
        Assert.Equal(metadata.GetProperty("endpointPrefix").GetString(), service.EndpointPrefix);
        var protocol = metadata.GetProperty("protocol").GetString();
        Assert.Equal(protocol switch { "json" => AwsProtocol.Json, "query" => AwsProtocol.Query, "rest-xml" => AwsProtocol.RestXml, _ => (AwsProtocol)(-1) }, service.Protocol);
        if (service.Protocol == AwsProtocol.Json)
        {
            Assert.Equal(metadata.GetProperty("targetPrefix").GetString(), service.TargetPrefix);
            Assert.Equal("1.1", metadata.GetProperty("jsonVersion").GetString());
        }
        else
        {
            Assert.Equal(metadata.GetProperty("apiVersion").GetString(), service.ApiVersion);
        }

        Assert.Equal(metadata.TryGetProperty("globalEndpoint", out _), service.Global);
    }
}
