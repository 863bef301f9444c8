using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Aws;
using Reconciler.Aws.Accounts;
using Reconciler.Engine;
using Reconciler.Model.Planning;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Aws.Accounts;

/// <summary>
/// Role sessions and the account guard, on moto_server: it answers an assumed role's session as the role's account
/// (getmoto/moto docs/docs/multi_account.rst) and the default credentials as 123456789012. GetCallerIdentity names
/// the account of the credentials that sign it (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AccountSessionsTests
{
    private static string Spec(string env, string account, string tag = "a") => TestSpecs.Small(env, $$"""
        account:
        {{account}}
        tags: { probe: {{tag}} }
        network:
          cidr: 10.7.0.0/16
          subnets:
            - { name: private-a, zone: {{EngineHarness.Region}}a, cidr: 10.7.10.0/24 }
        """);

    private static long Calls(AwsCallMetrics metrics, string operation) =>
        metrics.Snapshot().Where(kv => kv.Key.Service == "sts" && kv.Key.Operation == operation).Sum(kv => kv.Value);

    [Fact]
    public async Task ApplyAsync_Should_ChangeNothingAndNameBothAccounts_When_TheCredentialsAreForAnotherAccount()
    {
        var env = TestSpecs.UniqueName("wrong");
        using var h = new EngineHarness();
        var (_, graph) = TestSpecs.Load(Spec(env, "  id: \"333333333333\""));

        var refused = await Assert.ThrowsAsync<AccountMismatchException>(() => h.Engine.ApplyAsync(graph, new PlanOptions(Prune: true), CancellationToken.None));

        Assert.Equal($"environment {env} expects account 333333333333 but the credentials are for {AccountProbe.DefaultAccount}", refused.Message);
        Assert.Equal(0, h.Aws.Metrics.Mutating);
        Assert.Empty(await AccountProbe.VpcsAsync(AccountProbe.DefaultAccount, env));
    }

    [Fact]
    public async Task ApplyAsync_Should_AssumeTheRoleAgainWithoutAFailedPass_When_TheSessionNearsItsExpiry()
    {
        var env = TestSpecs.UniqueName("session");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // The sessions expire by the fake clock; the rest of the engine (retries, waits) runs on real time.
        using var aws = new AwsComposition(NullLoggerFactory.Instance, TimeProvider.System, new RetryOptions(BaseDelay: TimeSpan.FromMilliseconds(5), MaxDelay: TimeSpan.FromMilliseconds(50)),
            sessionClock: clock);
        const string account = "  id: \"111111111111\"\n  roleArn: arn:aws:iam::111111111111:role/reconciler\n  externalId: stage-ext";
        var (_, first) = TestSpecs.Load(Spec(env, account));

        var applied = await aws.Engine.ApplyAsync(first, new PlanOptions(Prune: true), CancellationToken.None);
        Assert.True(applied.Converged, applied.FinalPlan.Summary);
        Assert.Equal(1, aws.Accounts.SessionsAssumed);
        Assert.Equal(1, Calls(aws.Metrics, "GetCallerIdentity")); // the guard: once for the session, not once per pass

        // 56 minutes into a one-hour session: within the refresh margin, so the next call assumes the role again.
        clock.Advance(TimeSpan.FromMinutes(56));
        var (_, second) = TestSpecs.Load(Spec(env, account, tag: "b"));
        var again = await aws.Engine.ApplyAsync(second, new PlanOptions(Prune: true), CancellationToken.None);

        Assert.True(again.Converged, again.FinalPlan.Summary);
        Assert.Empty(again.Failed);
        Assert.True(again.Steps.Any(s => s.Outcome == StepOutcome.Succeeded), "the tag change was not applied");
        Assert.Equal(2, aws.Accounts.SessionsAssumed);
        Assert.Equal(2, Calls(aws.Metrics, "GetCallerIdentity")); // a new session is checked again
        var vpc = Assert.Single(await AccountProbe.VpcsAsync("111111111111", env));
        Assert.Contains(vpc.Tags, t => t.Key == "probe" && t.Value == "b");
        Assert.Empty(await AccountProbe.VpcsAsync(AccountProbe.DefaultAccount, env));
    }
}
