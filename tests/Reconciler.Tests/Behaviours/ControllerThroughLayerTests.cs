using Reconciler.Aws;
using Reconciler.Tests.Controller;
using Reconciler.Tests.Integration;
using Xunit.Abstractions;

namespace Reconciler.Tests.Behaviours;

/// <summary>
/// The controller running the sample through the AWS behaviours layer: once converged, ten resyncs register no new
/// task-definition revision and make no mutating call (issue 10's done-when), with every rule on: ECS answers the
/// task role as an ARN, so a compare by name would register a revision at every resync.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Layer", "Behaviours")]
public sealed class ControllerThroughLayerTests(MotoServer moto, ITestOutputHelper output)
{
    [Fact]
    public async Task Resync_Should_RegisterOneRevisionAndMutateNothing_When_TheSampleHasConvergedThroughTheLayer()
    {
        await using var proxy = await BehavioursProxy.StartAsync(moto.Endpoint);
        await using var rig = new ControllerRig(wrapHandler: proxy.Redirect);
        var env = TestSpecs.UniqueName("ctl-layer");
        File.WriteAllText(Path.Combine(rig.Dir, env + ".yaml"), TestSpecs.Isolated(env));
        await rig.StartAsync();

        var converged = await rig.Until(env, s => s.Result == "in sync", TimeSpan.FromMinutes(4));
        var callsAtConvergence = proxy.Calls.Count;
        var last = converged.LastPass;
        for (var resync = 1; resync <= 10; resync++)
        {
            rig.Controller!.Resync(env);
            var status = await rig.Until(env, s => s.LastPass > last);
            Assert.True(status.Result == "in sync", $"resync {resync}: {status.Result} {string.Join("; ", status.Problems)} {string.Join("; ", status.WaitingFor)}");
            last = status.LastPass;
        }

        var afterConvergence = proxy.Calls.Skip(callsAtConvergence).ToList();
        output.WriteLine($"{callsAtConvergence} calls to converge, {afterConvergence.Count} for ten resyncs; rules played: {proxy.PlayedSummary}");
        // One revision registered: the attempts IamPropagationToEcsRule refuses while a new execution role propagates
        // (AWS's "Role is not valid", about 22 on a fresh moto) register nothing, so only successes count.
        Assert.Single(proxy.Succeeded, c => c == "ecs:RegisterTaskDefinition");
        Assert.DoesNotContain(afterConvergence, BehavioursProxy.IsWrite);
    }
}
