using System.Text.Json;
using Reconciler.Cli;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Cli;

[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class CliAppTests
{
    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, errors, TimeProvider.System);
        return (exit, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task Validate_Should_Exit0_When_TheSampleIsValid()
    {
        var (exit, output, _) = await Run("validate", TestSpecs.SamplePath);

        Assert.Equal(0, exit);
        Assert.Contains("demo", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("500ms")]
    [InlineData("soon")]
    public async Task Run_Should_Exit1_When_TheLeaseDurationIsNotAtLeastOneSecond(string duration)
    {
        var dir = Directory.CreateTempSubdirectory("reconciler-run-").FullName;

        var (exit, _, errors) = await Run("run", "--watch", dir, "--lease-table", "leases", "--lease-duration", duration);

        Assert.Equal(1, exit);
        Assert.Contains("--lease-duration takes a duration of at least 1s", errors, StringComparison.Ordinal);
        Directory.Delete(dir);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    public async Task Run_Should_Exit1_When_DetailEveryIsNotAtLeastOne(string every)
    {
        var dir = Directory.CreateTempSubdirectory("reconciler-run-").FullName;

        var (exit, _, errors) = await Run("run", "--watch", dir, "--detail-every", every);

        Assert.Equal(1, exit);
        Assert.Contains("--detail-every takes a whole number of resyncs, at least 1", errors, StringComparison.Ordinal);
        Directory.Delete(dir);
    }

    [Theory]
    [InlineData("--prune-grace", "soon", "--prune-grace takes a duration such as 10m or 1h")]
    [InlineData("--prune-grace", "0s", "--prune-grace takes a duration such as 10m or 1h")]
    [InlineData("--max-prune-fraction", "0", "--max-prune-fraction takes a fraction above 0 and at most 1")]
    [InlineData("--max-prune-fraction", "1.5", "--max-prune-fraction takes a fraction above 0 and at most 1")]
    public async Task Run_Should_Exit1_When_ThePruneGuardsAreOutOfRange(string option, string value, string message)
    {
        var dir = Directory.CreateTempSubdirectory("reconciler-run-").FullName;

        var (exit, _, errors) = await Run("run", "--watch", dir, option, value);

        Assert.Equal(1, exit);
        Assert.Contains(message, errors, StringComparison.Ordinal);
        Directory.Delete(dir);
    }

    [Fact]
    public async Task Run_Should_Exit1AndSayHowToCreateIt_When_TheLeaseTableIsMissing()
    {
        var dir = Directory.CreateTempSubdirectory("reconciler-run-").FullName;
        var table = TestSpecs.UniqueName("missing");

        var (exit, _, errors) = await Run("run", "--watch", dir, "--lease-table", table, "--lease-duration", "3s", "--replica-id", "r1");

        Assert.Equal(1, exit);
        Assert.Contains($"error: the lease table {table} does not exist", errors, StringComparison.Ordinal);
        Assert.Contains("--create-lease-table", errors, StringComparison.Ordinal);
        Directory.Delete(dir);
    }

    [Fact]
    public async Task Validate_Should_Exit1AndNameAllThreeProblems_When_ASpecHasAnUnknownFieldAnOutsideSubnetAndADanglingReference()
    {
        var path = TestSpecs.WriteSpec(TestSpecs.SampleText("bad", t => t
            .Replace("  mode: enforce", "  mode: enforce\n  colour: blue", StringComparison.Ordinal)
            .Replace("cidr: 10.0.12.0/24", "cidr: 10.9.12.0/24", StringComparison.Ordinal)
            .Replace("securityGroups: [db]", "securityGroups: [dbs]", StringComparison.Ordinal)));

        var (exit, _, errors) = await Run("validate", path);

        Assert.Equal(1, exit);
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains(": error: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Contains(lines, l => l.StartsWith($"{path}:14:3: error: spec.colour: unknown field", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{path}:26:57: error: spec.network.subnets[5].cidr: 10.9.12.0/24 is outside the VPC", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{path}:52:24: error: spec.databases[0].securityGroups[0]: no security group named 'dbs' (did you mean 'db'?)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PlanApplyPlan_Should_Exit2Then0Then0_When_TheEnvironmentStartsEmpty()
    {
        var path = TestSpecs.WriteSpec(TestSpecs.Isolated(TestSpecs.UniqueName("cli")));

        var before = await Run("plan", path, "--detailed-exitcode");
        var apply = await Run("apply", path);
        var after = await Run("plan", path, "--detailed-exitcode");

        Assert.Equal(2, before.Exit);
        Assert.Contains("+ vpc/main", before.Out, StringComparison.Ordinal);
        Assert.Equal(0, apply.Exit);
        Assert.Contains("converged", apply.Out, StringComparison.Ordinal);
        Assert.Equal(0, after.Exit);
        Assert.Contains("0 to create, 0 to update, 0 to replace, 0 to delete, 35 in sync", after.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_Should_PrintParsableJson_When_AskedForJson()
    {
        var path = TestSpecs.WriteSpec(TestSpecs.Isolated(TestSpecs.UniqueName("json")));

        var (exit, output, _) = await Run("plan", path, "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var env = json.RootElement[0];
        Assert.True(env.GetProperty("hasChanges").GetBoolean());
        Assert.InRange(env.GetProperty("summary").GetProperty("create").GetInt32(), 32, 35); // the shared IAM roles and zone may exist already
        Assert.Contains(env.GetProperty("steps").EnumerateArray(), s => s.GetProperty("logicalId").GetString() == "nat-gateway/main" && s.GetProperty("action").GetString() == "create");
    }

    [Fact]
    public async Task Destroy_Should_DeleteNothing_When_NotConfirmed()
    {
        var path = TestSpecs.WriteSpec(TestSpecs.Isolated(TestSpecs.UniqueName("keep"), NetworkConvergenceTests.Unprotected));
        Assert.Equal(0, (await Run("apply", path)).Exit);

        var unconfirmed = await Run("destroy", path);
        var plan = await Run("plan", path, "--detailed-exitcode");
        var confirmed = await Run("destroy", path, "--yes");
        var afterDestroy = await Run("plan", path, "--detailed-exitcode");

        Assert.Equal(1, unconfirmed.Exit);
        Assert.Contains("- vpc/main", unconfirmed.Out, StringComparison.Ordinal);
        Assert.Equal(0, plan.Exit);
        Assert.Equal(0, confirmed.Exit);
        Assert.Equal(2, afterDestroy.Exit);
    }

    [Fact]
    public async Task Apply_Should_TouchNothing_When_AnyFileIsInvalid()
    {
        var good = TestSpecs.WriteSpec(TestSpecs.Isolated(TestSpecs.UniqueName("good")));
        var bad = TestSpecs.WriteSpec("apiVersion: reconciler/v1\nkind: Environment\nmetadata: {name: broken}\nspec: {region: nowhere}\n");

        var (exit, _, errors) = await Run("apply", good, bad);
        var plan = await Run("plan", good, "--detailed-exitcode");

        Assert.Equal(1, exit);
        Assert.Contains("spec.region", errors, StringComparison.Ordinal);
        Assert.Equal(2, plan.Exit); // nothing was created for the valid file either
    }
}
