using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Cli;
using Reconciler.Engine;
using Reconciler.Import;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Import;

/// <summary>
/// The import verb's command line: starting points, names, sections (no AWS needed), and whole runs on moto_server
/// through AWS_ENDPOINT_URL: writing --out and then validated, and with --adopt, then planned.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ImportCommandTests
{
    private static async Task<(int Exit, string Out, string Err)> Cli(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, errors, TimeProvider.System);
        return (exit, output.ToString(), errors.ToString());
    }

    [Theory]
    [InlineData("exactly one starting point", "--region", "us-west-2", "--name", "legacy")]
    [InlineData("exactly one starting point", "--region", "us-west-2", "--name", "legacy", "--vpc", "vpc-1", "--cluster", "c")]
    [InlineData("is not an environment name", "--region", "us-west-2", "--name", "Legacy_1", "--vpc", "vpc-1")]
    [InlineData("unknown section 'balancers'", "--region", "us-west-2", "--name", "legacy", "--vpc", "vpc-1", "--exclude", "balancers")]
    public async Task Import_Should_Exit1WithoutCallingAws_When_TheCommandLineIsWrong(string message, params string[] args)
    {
        var (exit, _, errors) = await Cli(["import", .. args]);

        Assert.Equal(1, exit);
        Assert.Contains(message, errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_Should_WriteTheSpecFileAndTheReport_When_RunFromTheCommandLine()
    {
        var prefix = "cli" + Guid.NewGuid().ToString("N")[..6];
        using var setup = new AwsComposition(NullLoggerFactory.Instance, TimeProvider.System);
        var t = await HandBuiltTopology.BuildAsync(ImportClients.From(setup, "us-west-2"), "us-west-2", prefix);
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}.yaml");

        var (exit, output, errors) = await Cli("import", "--region", "us-west-2", "--vpc", t.Ids["vpc"], "--name", prefix, "--out", path);

        Assert.True(exit == 0, errors);
        Assert.Contains($"load-balancer/alb = {t.Ids["lb"]}", output, StringComparison.Ordinal);
        Assert.Contains($"Wrote {path}", output, StringComparison.Ordinal);
        var (validate, _, problems) = await Cli("validate", path);
        Assert.True(validate == 0, problems + await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task ImportAdopt_Should_LeavePlanWithNothingToDo_When_TheHandBuiltTopologyIsAdopted()
    {
        var prefix = "adp" + Guid.NewGuid().ToString("N")[..6];
        using var setup = new AwsComposition(NullLoggerFactory.Instance, TimeProvider.System);
        var t = await HandBuiltTopology.BuildAsync(ImportClients.From(setup, "us-west-2"), "us-west-2", prefix);
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}.yaml");

        var (exit, output, errors) = await Cli("import", "--region", "us-west-2", "--vpc", t.Ids["vpc"], "--name", prefix, "--out", path, "--adopt");

        Assert.True(exit == 0, errors + output);
        Assert.Contains("adopted", output, StringComparison.Ordinal);
        Assert.DoesNotContain("refused ", output, StringComparison.Ordinal);
        foreach (var kind in new[] { "vpc/", "subnet/", "instance/", "db-instance/", "load-balancer/", "target-group/", "listener/", "certificate/", "dns-record/", "ecs-cluster/", "task-definition/", "ecs-service/" })
        {
            Assert.True(output.Contains("adopted      " + kind, StringComparison.Ordinal), $"no {kind} adopted:\n{output}");
        }

        var (validate, _, problems) = await Cli("validate", path);
        Assert.True(validate == 0, problems + await File.ReadAllTextAsync(path));
        var (plan, planned, planErrors) = await Cli("plan", path, "--detailed-exitcode");
        Assert.True(plan == 0, planned + planErrors + await File.ReadAllTextAsync(path));

        // apply then has nothing to do: every adopted id stays as it is.
        var (apply, applied, applyErrors) = await Cli("apply", path);
        Assert.True(apply == 0, applied + applyErrors);
        Assert.Contains("0 to create", applied, StringComparison.Ordinal);
        Assert.Contains("0 to replace", applied, StringComparison.Ordinal);

        // From now on it is an environment like any other: a rule added by hand is drift, and apply removes it.
        await setup.Ec2("us-west-2").AuthorizeSecurityGroupIngressAsync(new Amazon.EC2.Model.AuthorizeSecurityGroupIngressRequest
        {
            GroupId = t.Ids["sg-web"],
            IpPermissions = [new Amazon.EC2.Model.IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new Amazon.EC2.Model.IpRange { CidrIp = "0.0.0.0/0" }] }],
        });
        var (drifted, driftPlan, _) = await Cli("plan", path, "--detailed-exitcode");
        Assert.True(drifted == 2, driftPlan);
        Assert.Contains("security-group/web", driftPlan, StringComparison.Ordinal);
        Assert.Equal(0, (await Cli("apply", path)).Exit);
        var (repaired, repairedPlan, _) = await Cli("plan", path, "--detailed-exitcode");
        Assert.True(repaired == 0, repairedPlan);
    }
}
