using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Amazon.EC2.Model;
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
        Assert.Contains("0 to create, 0 to update, 0 to replace, 0 to delete, 36 in sync", after.Out, StringComparison.Ordinal);
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

    /// <summary>A VPC with two subnets: small, so that applying and planning it on moto is quick.</summary>
    private static string SmallSpec(string env, string mode) => TestSpecs.Small(env, $$"""
        network:
          cidr: 10.8.0.0/16
          subnets:
            - { name: public-a, zone: {{EngineHarness.Region}}a, cidr: 10.8.0.0/24, public: true }
            - { name: private-a, zone: {{EngineHarness.Region}}a, cidr: 10.8.10.0/24 }
          internetGateway: true
        """).Replace("mode: enforce", $"mode: {mode}", StringComparison.Ordinal);

    [Theory]
    [InlineData("detect")]
    [InlineData("suspend")]
    public async Task Apply_Should_Exit1AndCreateNothing_When_TheEnvironmentIsInDetectOrSuspendModeAndAwsDiffers(string mode)
    {
        var env = TestSpecs.UniqueName(mode);
        var path = TestSpecs.WriteSpec(SmallSpec(env, mode));

        var (exit, output, errors) = await Run("apply", path);

        Assert.Equal(1, exit); // a pipeline must not read "apply changed nothing" as converged
        Assert.Contains("+ vpc/main", output, StringComparison.Ordinal);
        Assert.Contains($"is in {mode} mode: apply changed nothing", errors, StringComparison.Ordinal);
        using var h = new EngineHarness();
        Assert.Empty(await h.OwnershipTags(env));
    }

    [Fact]
    public async Task Apply_Should_Exit0WhenInSyncAnd1AfterDrift_When_TheEnvironmentIsInDetectMode()
    {
        var env = TestSpecs.UniqueName("detect");
        var path = TestSpecs.WriteSpec(SmallSpec(env, "enforce"));
        Assert.Equal(0, (await Run("apply", path)).Exit);
        await File.WriteAllTextAsync(path, SmallSpec(env, "detect"));

        var inSync = await Run("apply", path);
        using var h = new EngineHarness();
        var subnet = Assert.Single((await h.Ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest
        {
            Filters = [new Filter($"tag:{Reconciler.Model.Graph.Ownership.EnvironmentTag}", [env]), new Filter("cidr-block", ["10.8.10.0/24"])],
        })).Subnets);
        await h.Ec2.DeleteSubnetAsync(new DeleteSubnetRequest { SubnetId = subnet.SubnetId });
        var drifted = await Run("apply", path);
        var plan = await Run("plan", path, "--detailed-exitcode");

        Assert.True(inSync.Exit == 0, inSync.Out + inSync.Err);
        Assert.Contains($"{env}: in sync (detect mode: apply changes nothing)", inSync.Out, StringComparison.Ordinal);
        Assert.Equal(1, drifted.Exit);
        Assert.Contains("+ subnet/private-a", drifted.Out, StringComparison.Ordinal);
        Assert.Equal(2, plan.Exit); // detect mode: the deleted subnet was reported, not recreated
    }

    [Fact]
    public async Task HealthAndStatus_Should_AnswerFromTheBaseUrlOrAnEndpointUrl_When_AControllerListens()
    {
        var folder = Directory.CreateTempSubdirectory("reconciler-listen-").FullName;
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var baseUrl = $"http://127.0.0.1:{port}";
        using var stop = new CancellationTokenSource();
        using var runOutput = new StringWriter();
        using var runErrors = new StringWriter();
        var controller = CliApp.RunAsync(["run", "--watch", folder, "--listen", baseUrl], runOutput, runErrors, TimeProvider.System, stop.Token);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await Run("health", "--url", baseUrl)).Exit != 0)
            {
                Assert.True(DateTime.UtcNow < deadline && !controller.IsCompleted, "the controller did not answer /healthz: " + runErrors);
                await Task.Delay(200);
            }

            var health = new[] { baseUrl, baseUrl + "/", baseUrl + "/healthz" };
            foreach (var url in health)
            {
                var (exit, _, errors) = await Run("health", "--url", url);
                Assert.True(exit == 0, $"health --url {url}: {errors}");
            }

            foreach (var url in new[] { baseUrl, baseUrl + "/status", baseUrl + "/healthz" })
            {
                var (exit, output, errors) = await Run("status", "--url", url, "--json");
                Assert.True(exit == 0, $"status --url {url}: {errors}");
                using var json = JsonDocument.Parse(output);
                Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await controller;
        }

        var down = await Run("health", "--url", baseUrl);
        Assert.Equal(1, down.Exit);
        Assert.Contains($"unhealthy: {baseUrl}", down.Err, StringComparison.Ordinal);
    }
}
