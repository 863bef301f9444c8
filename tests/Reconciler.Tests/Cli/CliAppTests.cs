using System.Text.Json;
using Reconciler.Aws.Route53;
using Reconciler.Cli;
using Reconciler.Tests.Integration;
using Reconciler.Tests.Providers.Dns;

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

    /// <summary>
    /// The environment that created a shared zone, with allowZoneDeletion, is destroyed while another environment and a
    /// hand-made record still use the zone: keeping it is the policy, so the preview shows it kept (not deleted, no data
    /// at risk), destroy exits 0 without a stack trace, and the report names who still has records, at most 5 of them,
    /// saying how many more there are.
    /// </summary>
    [Fact]
    public async Task Destroy_Should_KeepTheSharedZoneAndExit0_When_OtherOwnersStillHaveRecordsInIt()
    {
        var zone = TestSpecs.UniqueName("keepzone") + ".test";
        var stage = TestSpecs.UniqueName("stage");
        var prod = TestSpecs.UniqueName("prod");
        var stagePath = TestSpecs.WriteSpec(TestSpecs.Small(stage, $"dns:\n  zone: {zone}\n  allowZoneDeletion: true\ncertificates:\n  - {{ name: api, domain: api.{zone}, validation: dns }}"));
        var prodPath = TestSpecs.WriteSpec(TestSpecs.Small(prod, $"dns:\n  zone: {zone}\ncertificates:\n  - {{ name: www, domain: www.{zone}, validation: dns }}"));
        Assert.Equal(0, (await Run("apply", stagePath)).Exit);
        Assert.Equal(0, (await Run("apply", prodPath)).Exit);
        using var dns = new DnsTestKit();
        var zoneId = Assert.Single(await dns.Zones.PublicZonesNamed(zone, CancellationToken.None)).Id;
        var byHand = Enumerable.Range(1, 6).Select(i => RecordChange.Create(new ResourceRecordSet($"h{i}.{zone}", "A", 300, ["192.0.2.1"], null))).ToList();
        await dns.Route53.ChangeResourceRecordSetsAsync(zoneId, byHand, CancellationToken.None);

        var preview = await Run("destroy", stagePath);
        var (exit, output, log) = await WithStandardError(() => Run("destroy", stagePath, "--yes"));
        var prodPlan = await Run("plan", prodPath, "--detailed-exitcode");

        Assert.Contains($"  = hosted-zone/{zone} ({zoneId}): kept: it still holds ", preview.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("DATA AT RISK", preview.Out, StringComparison.Ordinal);
        Assert.DoesNotContain($"- hosted-zone/{zone}", preview.Out, StringComparison.Ordinal);
        Assert.Equal(0, exit);
        Assert.Contains($"hosted-zone/{zone}: kept: it still holds 7 record(s) that environment {stage} does not own (owners: environment {prod}, no owner): ", output, StringComparison.Ordinal);
        Assert.Contains(", and 2 more;", output, StringComparison.Ordinal);
        Assert.Contains($"{stage}: converged", output, StringComparison.Ordinal);
        Assert.DoesNotContain("failed", output, StringComparison.Ordinal);
        Assert.DoesNotContain(log.Split('\n'), l => l.Contains(zone, StringComparison.Ordinal) && (l.Contains("Exception", StringComparison.Ordinal) || l.Contains(" at Reconciler.", StringComparison.Ordinal)));
        Assert.Equal(zoneId, Assert.Single(await dns.Zones.PublicZonesNamed(zone, CancellationToken.None)).Id);
        Assert.Equal(0, prodPlan.Exit);
    }

    /// <summary>Runs <paramref name="body"/> with the process's standard error (where the CLI logs) captured.</summary>
    private static async Task<(int Exit, string Out, string Log)> WithStandardError(Func<Task<(int Exit, string Out, string Err)>> body)
    {
        var original = Console.Error;
        using var captured = new StringWriter();
        Console.SetError(TextWriter.Synchronized(captured));
        try
        {
            var (exit, output, errors) = await body();
            return (exit, output, errors + captured);
        }
        finally
        {
            Console.SetError(original);
        }
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
