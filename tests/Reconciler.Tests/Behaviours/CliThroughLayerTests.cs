using Reconciler.Tests.Integration;
using Xunit.Abstractions;

namespace Reconciler.Tests.Behaviours;

/// <summary>
/// The CLI as a user runs it, a separate process whose only link to the layer is <c>AWS_ENDPOINT_URL</c> (why the
/// layer is a proxy): apply exits 0, two <c>plan --detailed-exitcode</c> in a row exit 0, <c>destroy --yes</c> exits 0.
/// The CLI's own retry schedule (not the tests' shortened one) meets the rules' windows here.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Layer", "Behaviours")]
public sealed class CliThroughLayerTests(MotoServer moto, ITestOutputHelper output)
{
    [Fact]
    public async Task Cli_Should_ApplyPlanTwiceInSyncAndDestroy_When_ItTalksToAwsThroughTheLayer()
    {
        await using var proxy = await BehavioursProxy.StartAsync(moto.Endpoint);
        var env = TestSpecs.UniqueName("cli-layer");
        var path = TestSpecs.WriteSpec(TestSpecs.Isolated(env));

        var apply = await Cli(proxy, "apply", path);
        Assert.True(apply.Exit == 0, apply.Text);
        foreach (var pass in new[] { 1, 2 })
        {
            var plan = await Cli(proxy, "plan", path, "--detailed-exitcode");
            Assert.True(plan.Exit == 0, $"plan {pass}: {plan.Text}");
        }

        var destroy = await Cli(proxy, "destroy", path, "--yes");
        Assert.True(destroy.Exit == 0, destroy.Text);
        output.WriteLine($"{proxy.Calls.Count} calls; rules played: {proxy.PlayedSummary}");
    }

    private static Task<(int Exit, string Text)> Cli(BehavioursProxy proxy, params string[] args) => LayerCli.RunAsync(proxy, args);
}
