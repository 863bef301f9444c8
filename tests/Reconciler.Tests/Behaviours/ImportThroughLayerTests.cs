using Amazon.EC2.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Aws;
using Reconciler.Aws.Http;
using Reconciler.Aws.Logs;
using Reconciler.Engine;
using Reconciler.Import;
using Reconciler.Tests.Behaviours.Rules;
using Reconciler.Tests.Import;
using Reconciler.Tests.Integration;
using Xunit.Abstractions;

namespace Reconciler.Tests.Behaviours;

/// <summary>
/// Issue 11's end-to-end proof (<see cref="ImportCommandTests"/>) with every call of the reconciler through the AWS
/// behaviours layer: the topology is built by hand straight on moto (the proxy has never seen it, as AWS's rules have
/// nothing pending on an environment that has run for months), then the CLI, as a process whose only link is
/// <c>AWS_ENDPOINT_URL</c>, runs import, import --adopt, validate, plan --detailed-exitcode and apply, and a drift made by
/// hand is repaired. The proxy's call log is what AWS would have seen: import reads only, --adopt writes only tags and
/// owner records, apply writes nothing but tags, and a second import finds every resource under the same id.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Layer", "Behaviours")]
public sealed class ImportThroughLayerTests(MotoServer moto, ITestOutputHelper output)
{
    private const string Region = "us-west-2";

    /// <summary>The tagging operation of each adoptable kind's service (the taggers in src/Reconciler/Import/*Tagger.cs).</summary>
    private static readonly HashSet<string> TagWrites = new(StringComparer.Ordinal)
    {
        "ec2:CreateTags", "elasticloadbalancing:AddTags", "ecs:TagResource", "rds:AddTagsToResource", "ecr:TagResource",
        "logs:TagResource", "acm:AddTagsToCertificate",
    };

    /// <summary>The ids whose kinds the done-when names: each must be found again, unchanged, after apply.</summary>
    private static readonly string[] KeptIds =
        ["vpc", "public-a", "private-a", "instance-0", "instance-1", "lb", "tg", "https", "http", "certificate", "cluster", "task", "service"];

    [Fact]
    public async Task ImportAdopt_Should_LeavePlanWithNothingToDoAndWriteOnlyTags_When_EveryCallGoesThroughTheLayer()
    {
        var prefix = "lyr" + Guid.NewGuid().ToString("N")[..6];
        HandBuiltTopology t;
        using (var setup = new AwsComposition(NullLoggerFactory.Instance, TimeProvider.System))
        {
            t = await HandBuiltTopology.BuildAsync(ImportClients.From(setup, Region), Region, prefix);
        }

        await using var proxy = await BehavioursProxy.StartAsync(moto.Endpoint);
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}.yaml");
        string[] import = ["import", "--region", Region, "--vpc", t.Ids["vpc"], "--name", prefix, "--out", path];

        // Without --adopt: reads only.
        var (dry, dryCalls) = await Run(proxy, import);
        Assert.True(dry.Exit == 0, dry.Text);
        Assert.Empty(Writes(dryCalls));

        // --adopt: the ownership tags, and the TXT owner record of each Route53 record; nothing else.
        var (adopt, adoptCalls) = await Run(proxy, [.. import, "--adopt"]);
        Assert.True(adopt.Exit == 0, adopt.Text);
        Assert.DoesNotContain("refused ", adopt.Text, StringComparison.Ordinal);
        foreach (var kind in new[] { "vpc/", "subnet/", "instance/", "db-instance/", "load-balancer/", "target-group/", "listener/", "certificate/", "dns-record/", "ecs-cluster/", "task-definition/", "ecs-service/" })
        {
            Assert.True(adopt.Text.Contains("adopted      " + kind, StringComparison.Ordinal), $"no {kind} adopted:\n{adopt.Text}");
        }

        Assert.All(Writes(adoptCalls), c => Assert.True(TagWrites.Contains(c) || c == "route53:ChangeResourceRecordSets", $"--adopt called {c}"));

        var spec = await File.ReadAllTextAsync(path);
        var validate = await LayerCli.RunAsync(proxy, "validate", path);
        Assert.True(validate.Exit == 0, validate.Text + spec);
        // RDS answered the subnet group's subnets reordered (ListOrderRule): the spec lists them sorted all the same.
        Assert.Contains("subnets: [private-a, private-b]", spec, StringComparison.Ordinal);
        var (plan, _) = await Run(proxy, "plan", path, "--detailed-exitcode");
        Assert.True(plan.Exit == 0, plan.Text + await File.ReadAllTextAsync(path));

        // apply has nothing to create, replace or update: at most a tag is written.
        var (apply, applyCalls) = await Run(proxy, "apply", path);
        Assert.True(apply.Exit == 0, apply.Text);
        Assert.Contains("0 to create", apply.Text, StringComparison.Ordinal);
        Assert.Contains("0 to replace", apply.Text, StringComparison.Ordinal);
        Assert.All(Writes(applyCalls), c => Assert.True(TagWrites.Contains(c), $"apply called {c}"));

        // Every physical id is the one built by hand: a second import (reads only) finds each under the same logical id.
        var (again, againCalls) = await Run(proxy, import);
        Assert.True(again.Exit == 0, again.Text);
        Assert.Empty(Writes(againCalls));
        Assert.All(KeptIds, key => Assert.True(
            Adopted(adopt.Text, t.Ids[key]) is { } logicalId && again.Text.Contains($"{logicalId} = {t.Ids[key]}", StringComparison.Ordinal),
            $"{key} ({t.Ids[key]}) not adopted, or not found again under its logical id:\n{again.Text}"));

        // From now on an environment like any other: a rule added by hand is drift, and apply removes it.
        using (var setup = new AwsComposition(NullLoggerFactory.Instance, TimeProvider.System))
        {
            await setup.Ec2(Region).AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
            {
                GroupId = t.Ids["sg-web"],
                IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
            });
        }

        var drifted = await LayerCli.RunAsync(proxy, "plan", path, "--detailed-exitcode");
        Assert.True(drifted.Exit == 2, drifted.Text);
        Assert.Contains("security-group/web", drifted.Text, StringComparison.Ordinal);
        var repair = await LayerCli.RunAsync(proxy, "apply", path);
        Assert.True(repair.Exit == 0, repair.Text);
        var repaired = await LayerCli.RunAsync(proxy, "plan", path, "--detailed-exitcode");
        Assert.True(repaired.Exit == 0, repaired.Text);
        output.WriteLine($"{proxy.Calls.Count} calls; rules played: {proxy.PlayedSummary}");
        // The Tagging API's lag met --adopt (which waited it out) and RDS's own order met discovery.
        Assert.True(proxy.Rule<TaggingLagRule>().Played > 0 && proxy.Rule<ListOrderRule>().Played > 0, proxy.PlayedSummary);
    }

    [Fact]
    public async Task AdoptAsync_Should_NameWhatTheTaggingApiDoesNotListYet_When_ItLagsBeyondTheBound()
    {
        var group = "/ecs/" + TestSpecs.UniqueName("lag");
        using (var setup = new AwsComposition(NullLoggerFactory.Instance, TimeProvider.System))
        {
            await new CloudWatchLogsApi(setup.Json(AwsServices.Logs, Region)).CreateLogGroupAsync(new CreateLogGroupRequest(group, new Dictionary<string, string>()), CancellationToken.None);
        }

        // A lag longer than adoption waits: the tags are written, but GetResources does not show them yet.
        await using var layer = await LayeredHarness.StartAsync(moto, [new TaggingLagRule(TimeSpan.FromMinutes(10))]);
        var env = TestSpecs.UniqueName("lag");
        AdoptionTarget[] targets = [new("log-group" + group, group)];
        var lagging = await new Adoption(layer.H.Aws, TimeProvider.System) { ListingBound = TimeSpan.FromSeconds(1) }.AdoptAsync(env, Region, targets, CancellationToken.None);

        Assert.Equal(AdoptionStatus.Adopted, Assert.Single(lagging.Outcomes).Status);
        Assert.EndsWith($":log-group:{group}", Assert.Single(lagging.Unlisted), StringComparison.Ordinal);

        // Run again once the Tagging API has caught up: already this environment's, and listed.
        layer.Proxy.Without([typeof(TaggingLagRule)]);
        var again = await new Adoption(layer.H.Aws, TimeProvider.System).AdoptAsync(env, Region, targets, CancellationToken.None);
        Assert.Equal(AdoptionStatus.AlreadyOurs, Assert.Single(again.Outcomes).Status);
        Assert.Empty(again.Unlisted);
    }

    /// <summary>Runs the CLI through the proxy; its result and the calls it made (as <c>service:Operation</c>).</summary>
    private static async Task<((int Exit, string Text) Result, IReadOnlyList<string> Calls)> Run(BehavioursProxy proxy, params string[] args)
    {
        var mark = proxy.Calls.Count;
        var result = await LayerCli.RunAsync(proxy, args);
        return (result, proxy.Calls.Skip(mark).ToList());
    }

    private static IReadOnlyList<string> Writes(IEnumerable<string> calls) => [.. calls.Where(BehavioursProxy.IsWrite)];

    /// <summary>The logical id --adopt printed for <paramref name="awsId"/> ("adopted      kind/name (id): ..."), or null.</summary>
    private static string? Adopted(string text, string awsId) =>
        text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("adopted ", StringComparison.Ordinal) && l.Contains($" ({awsId}):", StringComparison.Ordinal))
            ?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
}
