using System.Text;
using Reconciler.Cli;
using Reconciler.Kinds;
using Reconciler.Model.Loading;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Kinds.RolePolicies;

/// <summary>
/// The warning before IAM refuses a shared execution role's inline policies past 10,240 characters together (IAM and
/// AWS STS quotas, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html), from the specs loaded
/// together; moto does not enforce the cap, so this is checked on the specs alone.
/// </summary>
public sealed class SharedRolePolicyBudgetTests
{
    /// <summary>An environment whose one task definition reads <paramref name="secrets"/> secrets with <paramref name="role"/>.</summary>
    private static string Spec(string env, string role, int secrets = 2, string? account = null)
    {
        var values = string.Join(", ", Enumerable.Range(0, secrets).Select(i => $"S{i}: \"arn:aws:secretsmanager:{EngineHarness.Region}:123456789012:secret:{env}-{i}-AbCdEf\""));
        var spec = $$"""
            taskDefinitions:
              - family: app
                executionRole: {{role}}
                containers:
                  - { name: web, image: public.ecr.aws/nginx/nginx:1.27, memory: 128, secrets: { {{values}} } }
            """;
        return TestSpecs.Small(env, account is null ? spec : $"account: {{ id: \"{account}\" }}\n{spec}");
    }

    private static IReadOnlyList<LoadedSpec> Load(IEnumerable<string> texts) =>
        [.. texts.Select((t, i) => SpecPipeline.LoadBytes(Encoding.UTF8.GetBytes(t), $"env-{i:00}.yaml"))];

    [Fact]
    public void Check_Should_WarnEveryEnvironmentOnTheRoleWithItsSizeAndTheFix_When_TheirPoliciesNearTheCap()
    {
        var specs = Load(Enumerable.Range(0, 40).Select(i => Spec($"budget-{i:00}", "ecsTaskExecutionRole")));

        var warnings = SharedRolePolicyBudget.Check(specs);

        Assert.Equal(40, warnings.Count);
        var first = warnings.Single(w => w.File == "env-00.yaml");
        Assert.False(first.IsError);
        Assert.Equal("spec.taskDefinitions[0].executionRole", first.Path);
        Assert.Equal((11, 22), (first.Mark.Line, first.Mark.Column)); // the value of executionRole
        Assert.Contains("40 environments on the shared role ecsTaskExecutionRole come to about", first.Message, StringComparison.Ordinal);
        Assert.Contains("IAM's 10,240-character cap", first.Message, StringComparison.Ordinal);
        Assert.EndsWith("executionRole: { own: true }", first.Message, StringComparison.Ordinal);
        Assert.StartsWith("env-00.yaml:11:22: warning: spec.taskDefinitions[0].executionRole: ", first.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_Should_SayOver_When_TheSumPassesTheCap()
    {
        var specs = Load(Enumerable.Range(0, 60).Select(i => Spec($"budget-{i:00}", "ecsTaskExecutionRole")));

        Assert.All(SharedRolePolicyBudget.Check(specs), w => Assert.Contains("over IAM's", w.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_Should_StayQuiet_When_TheEnvironmentsHaveTheirOwnRolesOrAreInOtherAccounts()
    {
        var own = Load(Enumerable.Range(0, 60).Select(i => Spec($"own-{i:00}", "{ own: true }")));
        var split = Load(Enumerable.Range(0, 40).Select(i => Spec($"acct-{i:00}", "ecsTaskExecutionRole", account: i % 2 == 0 ? "111111111111" : "222222222222")));
        var few = Load(Enumerable.Range(0, 5).Select(i => Spec($"few-{i:00}", "ecsTaskExecutionRole")));

        Assert.All(own, s => Assert.True(s.IsValid, string.Join('\n', s.Diagnostics)));
        Assert.Empty(SharedRolePolicyBudget.Check(own));
        Assert.Empty(SharedRolePolicyBudget.Check(split));
        Assert.Empty(SharedRolePolicyBudget.Check(few));
    }

    [Fact]
    public void Load_Should_PrintTheWarningAndStillLoad_When_NotStrict()
    {
        var dir = Path.GetDirectoryName(TestSpecs.WriteSpec(string.Empty))!;
        File.Delete(Path.Combine(dir, "environment.yaml"));
        for (var i = 0; i < 40; i++)
        {
            File.WriteAllText(Path.Combine(dir, $"env-{i:00}.yaml"), Spec($"cli-{i:00}", "ecsTaskExecutionRole"));
        }

        using var errors = new StringWriter();
        var loaded = SpecSet.Load([dir], errors);
        using var strictErrors = new StringWriter();
        var strict = SpecSet.Load([dir], strictErrors, strict: true);

        Assert.Equal(40, loaded?.Count);
        Assert.Contains("warning: spec.taskDefinitions[0].executionRole: the secrets policies of 40 environments on the shared role ecsTaskExecutionRole", errors.ToString(), StringComparison.Ordinal);
        Assert.Null(strict);
    }
}
