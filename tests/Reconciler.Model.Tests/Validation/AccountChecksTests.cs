using Reconciler.Model.Graph;
using Reconciler.Model.Validation;
using static Reconciler.Model.Tests.TestSpecs;

namespace Reconciler.Model.Tests.Validation;

/// <summary>
/// <c>spec.account</c>: STS's limits on the external id and session name (AssumeRole API reference,
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html), a role of the named account, and the rule
/// across files.
/// </summary>
public sealed class AccountChecksTests
{
    private static string WithAccount(string account, string name = "test") =>
        Mutate("  region: eu-west-1", "  region: eu-west-1\n  account:\n" + account).Replace("  name: test", "  name: " + name, StringComparison.Ordinal);

    [Fact]
    public void Check_Should_AcceptTheAccount_When_IdAndRoleAgree()
    {
        var spec = Load(WithAccount("    id: \"111111111111\"\n    roleArn: arn:aws:iam::111111111111:role/reconciler\n    externalId: ext-123"));

        Assert.True(spec.IsValid, string.Join('\n', spec.Diagnostics));
        Assert.Equal("111111111111", spec.Document!.Spec.Account!.Id);
    }

    [Theory]
    [InlineData("\"11111111111\"")]
    [InlineData("\"1111111111111\"")]
    [InlineData("abcdefghijkl")]
    public void Check_Should_RejectTheId_When_ItIsNotTwelveDigits(string id)
    {
        var yaml = WithAccount("    id: " + id);

        var spec = Load(yaml);

        AssertError(spec, "spec.account.id", PositionOf(yaml, id, after: "account:"), "is not an AWS account id");
    }

    [Fact]
    public void Check_Should_RejectTheRole_When_ItIsInAnotherAccount()
    {
        var yaml = WithAccount("    id: \"111111111111\"\n    roleArn: arn:aws:iam::222222222222:role/reconciler");

        var spec = Load(yaml);

        AssertError(spec, "spec.account.roleArn", PositionOf(yaml, "arn:aws:iam::222222222222"), "the role is in account 222222222222, but spec.account.id is 111111111111");
    }

    [Fact]
    public void Check_Should_RejectTheExternalId_When_NoRoleIsGiven()
    {
        var yaml = WithAccount("    id: \"111111111111\"\n    externalId: ext-123");

        var spec = Load(yaml);

        AssertError(spec, "spec.account.externalId", PositionOf(yaml, "ext-123"), "give the role too");
    }

    [Fact]
    public void Check_Should_RejectTheSessionName_When_ItHasASpace()
    {
        var yaml = WithAccount("    roleArn: arn:aws:iam::111111111111:role/reconciler\n    sessionName: \"my session\"");

        var spec = Load(yaml);

        AssertError(spec, "spec.account.sessionName", PositionOf(yaml, "\"my session\""), "must be 2-64 characters");
    }

    [Fact]
    public void Target_Should_NameTheSessionAfterTheEnvironment_When_NoSessionNameIsGiven()
    {
        var spec = Load(WithAccount("    id: \"111111111111\"\n    roleArn: arn:aws:iam::111111111111:role/reconciler", name: "stage"));
        var (graph, _) = GraphBuilder.Build(spec.Document!);

        Assert.Equal("reconciler-stage", graph!.Target.SessionName);
        Assert.Equal("111111111111/eu-west-1", graph.Target.ToString());
    }

    [Fact]
    public void Catalog_Should_RequireEveryId_When_OneEnvironmentNamesItsAccount()
    {
        var named = Load(WithAccount("    id: \"111111111111\"", name: "stage"));
        var unnamed = Load(Base);

        var diagnostics = AccountChecks.Catalog([named, unnamed]);

        var only = Assert.Single(diagnostics);
        Assert.Equal("spec.account.id", only.Path);
        Assert.Contains("environment stage (test.yaml) names its account, so every environment must name its own", only.Message, StringComparison.Ordinal);
        Assert.Empty(AccountChecks.Catalog([unnamed, Load(Base)]));
    }
}
