using Reconciler.Cli;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Cli;

/// <summary>
/// <c>plan</c> says which account it read for an environment with <c>spec.account</c>, on moto_server (an assumed
/// role's session is its role's account; the default credentials are 123456789012: getmoto/moto docs/docs/multi_account.rst).
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PlanCommandAccountTests
{
    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, errors, TimeProvider.System);
        return (exit, output.ToString(), errors.ToString());
    }

    private static string Spec(string env, string account) =>
        TestSpecs.Small(env, $"account:\n{account}\nnetwork:\n  cidr: 10.7.0.0/16\n  subnets:\n    - {{ name: a, zone: {EngineHarness.Region}a, cidr: 10.7.1.0/24 }}");

    [Fact]
    public async Task Plan_Should_NameTheAccountItRead_When_TheSpecNamesOne()
    {
        var env = TestSpecs.UniqueName("planned");
        var path = TestSpecs.WriteSpec(Spec(env, "  id: \"111111111111\"\n  roleArn: arn:aws:iam::111111111111:role/reconciler"));

        var (exit, output, errors) = await Run("plan", path);

        Assert.True(exit == 0, errors);
        Assert.Contains($"{env}: read account 111111111111 ({EngineHarness.Region}) through arn:aws:iam::111111111111:role/reconciler", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_Should_Exit1AndSayApplyWouldRefuse_When_TheCredentialsAreForAnotherAccount()
    {
        var env = TestSpecs.UniqueName("misread");
        var path = TestSpecs.WriteSpec(Spec(env, "  id: \"333333333333\""));

        var (exit, output, _) = await Run("plan", path);
        var (applied, _, errors) = await Run("apply", path);

        Assert.Equal(1, exit);
        Assert.Contains($"{env}: read account {AccountProbe.DefaultAccount} ({EngineHarness.Region}) with the caller's credentials; but spec.account.id is 333333333333", output, StringComparison.Ordinal);
        Assert.Equal(1, applied);
        Assert.Contains($"environment {env} expects account 333333333333 but the credentials are for {AccountProbe.DefaultAccount}; nothing was changed", errors, StringComparison.Ordinal);
        Assert.Empty(await AccountProbe.VpcsAsync(AccountProbe.DefaultAccount, env));
    }
}
