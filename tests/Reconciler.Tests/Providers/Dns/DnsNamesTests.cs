using Reconciler.Providers.Dns;

namespace Reconciler.Tests.Providers.Dns;

public sealed class DnsNamesTests
{
    /// <summary>
    /// Route53 answers names lower case with a trailing dot, and '*' (any character but a-z, 0-9, '-', '_') as an octal
    /// escape: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DomainNameFormat.html. The layer's
    /// Route53NameFormRule plays it; WholeTopologyThroughLayerTests applies a wildcard record through it.
    /// </summary>
    [Theory]
    [InlineData("\\052.wildcard.example.com.", "*.wildcard.example.com")]
    [InlineData("*.Wildcard.Example.com", "*.wildcard.example.com")]
    [InlineData("_reconciler-owner.\\052.example.com.", "_reconciler-owner.*.example.com")]
    [InlineData("a\\100b.example.com.", "a@b.example.com")]
    [InlineData("Api.Example.com.", "api.example.com")]
    public void Normalize_Should_GiveTheNameAsSent_When_Route53AnswersItEscapedOrInAnotherCase(string answered, string sent)
    {
        Assert.Equal(sent, DnsNames.Normalize(answered));
        Assert.True(DnsNames.Same(answered, sent));
    }
}
