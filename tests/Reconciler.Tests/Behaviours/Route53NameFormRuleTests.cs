using Reconciler.Aws.Http;
using Reconciler.Aws.Route53;
using Reconciler.Tests.Behaviours.Rules;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Behaviours;

/// <summary>The rule plays Route53's name form: lower case, trailing dot, '*' as \052.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class Route53NameFormRuleTests(MotoServer moto)
{
    [Fact]
    public async Task After_Should_AnswerEscapedLowerCaseNames_When_AWildcardRecordWasCreatedInMixedCase()
    {
        await using var layer = await LayeredHarness.StartAsync(moto, [new Route53NameFormRule()]);
        var route53 = new Route53Api(layer.H.Aws.RestXml(AwsServices.Route53, EngineHarness.Region));
        var zone = $"{TestSpecs.UniqueName("form")}.example.com";
        var zoneId = (await route53.CreateHostedZoneAsync(new CreateHostedZoneRequest(zone, Guid.NewGuid().ToString(), "test"), CancellationToken.None)).Zone.Id;
        var name = $"*.Api.{zone}.";
        await route53.ChangeResourceRecordSetsAsync(zoneId, [RecordChange.Create(new ResourceRecordSet(name, "TXT", 60, ["\"x\""], null))], CancellationToken.None);

        var sets = await route53.ListResourceRecordSetsAsync(new ListResourceRecordSetsRequest(zoneId), CancellationToken.None);

        Assert.Contains(sets, s => s.Type == "TXT" && s.Name == $"\\052.api.{zone}.");
        Assert.DoesNotContain(sets, s => s.Name.Contains('*', StringComparison.Ordinal));
    }
}
