using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Controller;

/// <summary>
/// One controller, three accounts, on moto_server (which keeps accounts apart by the account of the assumed role whose
/// session signs a request: getmoto/moto docs/docs/multi_account.rst; the default credentials are 123456789012).
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ControllerServiceAccountsTests
{
    private static string Spec(string env, string account, string cidr) => ControllerRig.SmallSpec(env, $"account:\n{account}").Replace("10.9.", cidr, StringComparison.Ordinal);

    [Fact]
    public async Task Run_Should_ConvergeEachEnvironmentIntoItsOwnAccountAndHoldTheWrongOne_When_SpecsNameThreeAccounts()
    {
        var stage = TestSpecs.UniqueName("stage");
        var prod = TestSpecs.UniqueName("prod");
        var wrong = TestSpecs.UniqueName("wrong");
        await using var rig = new ControllerRig();
        await File.WriteAllTextAsync(Path.Combine(rig.Dir, "stage.yaml"), Spec(stage, "  id: \"111111111111\"\n  roleArn: arn:aws:iam::111111111111:role/reconciler\n  externalId: stage-ext", "10.11."));
        await File.WriteAllTextAsync(Path.Combine(rig.Dir, "prod.yaml"), Spec(prod, "  id: \"222222222222\"\n  roleArn: arn:aws:iam::222222222222:role/reconciler", "10.12."));
        // No role: the controller's own credentials, which are for 123456789012.
        await File.WriteAllTextAsync(Path.Combine(rig.Dir, "wrong.yaml"), Spec(wrong, "  id: \"333333333333\"", "10.13."));
        await rig.StartAsync();

        var stageStatus = await rig.Until(stage, s => s.Result is "repaired" or "in sync", TimeSpan.FromSeconds(120));
        var prodStatus = await rig.Until(prod, s => s.Result is "repaired" or "in sync", TimeSpan.FromSeconds(120));
        var wrongStatus = await rig.Until(wrong, s => s.Result == "wrong account", TimeSpan.FromSeconds(120));

        Assert.Equal($"111111111111/{EngineHarness.Region}", stageStatus.Account);
        Assert.Equal($"222222222222/{EngineHarness.Region}", prodStatus.Account);
        Assert.Single(await AccountProbe.VpcsAsync("111111111111", stage));
        Assert.Empty(await AccountProbe.VpcsAsync("111111111111", prod));
        Assert.Single(await AccountProbe.VpcsAsync("222222222222", prod));
        Assert.Empty(await AccountProbe.VpcsAsync("222222222222", stage));
        Assert.Empty(await AccountProbe.VpcsAsync(AccountProbe.DefaultAccount, stage));
        Assert.Empty(await AccountProbe.VpcsAsync(AccountProbe.DefaultAccount, prod));

        // Refused before any change, reported with both ids, and held (terminal), not retried at the queue's pace.
        Assert.Contains($"environment {wrong} expects account 333333333333 but the credentials are for {AccountProbe.DefaultAccount}", wrongStatus.WaitingFor);
        Assert.Equal($"333333333333/{EngineHarness.Region}", wrongStatus.Account);
        foreach (var account in new[] { AccountProbe.DefaultAccount, "111111111111", "222222222222" })
        {
            Assert.Empty(await AccountProbe.VpcsAsync(account, wrong));
        }

        Assert.Empty(await rig.H.OwnershipTags(wrong));
    }
}
