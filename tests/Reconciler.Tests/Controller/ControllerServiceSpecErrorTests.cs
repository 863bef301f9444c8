using Reconciler.Controller;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Controller;

/// <summary>
/// A spec that validates field by field but cannot be expanded into a graph, through the controller on moto_server:
/// the load pipeline makes it invalid once per version, so it is a problem in the status (the last valid spec stays in
/// force), never an exception thrown at every pass, and nothing is deleted.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ControllerServiceSpecErrorTests : IAsyncLifetime
{
    private readonly ControllerRig _rig = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _rig.DisposeAsync().AsTask();

    /// <summary>A task definition whose container value reads as a reference to a subnet the spec does not define.</summary>
    private const string GraphError = """
        taskDefinitions:
          - family: app
            containers:
              - { name: web, image: public.ecr.aws/nginx/nginx:1.27, memory: 128, environment: { TARGET: "${subnet/nope}" } }
        """;

    private int Lines(string text) => _rig.H.Logs.Lines.Count(l => l.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task Reconcile_Should_ReportTheGraphErrorOnceInStatusAndKeepTheLastValidSpec_When_AnEditCannotBeExpanded()
    {
        var env = TestSpecs.UniqueName("gra");
        var path = Path.Combine(_rig.Dir, env + ".yaml");
        File.WriteAllText(path, ControllerRig.SmallSpec(env));
        await _rig.StartAsync();
        await _rig.Until(env, s => s.Result is "repaired" or "in sync");
        var ownedBefore = (await _rig.H.OwnershipTags(env)).Select(t => t.ResourceId).Distinct().Count();

        File.WriteAllText(path, ControllerRig.SmallSpec(env, GraphError));
        var broken = await _rig.Until(env, s => s.Problems.Count > 0);
        for (var pass = 0; pass < 2; pass++)
        {
            // More passes over the same version: each reconciles the spec in force, none throws or reports it again.
            var before = _rig.Statuses.Find(env)!.LastPass;
            _rig.Controller!.Resync(env);
            await _rig.Until(env, s => s.LastPass > before);
        }

        var status = _rig.Statuses.Find(env)!;
        var problem = $"{path}:1:1: error: task-definition/app depends on subnet/nope, which the spec does not define";
        Assert.Equal([problem], broken.Problems);
        Assert.Equal([problem], status.Problems);
        Assert.Equal("in sync", status.Result);
        Assert.Equal(1, Lines("depends on subnet/nope")); // logged once, for its version
        Assert.Equal(0, Lines("failed unexpectedly"));
        Assert.Equal(ownedBefore, (await _rig.H.OwnershipTags(env)).Select(t => t.ResourceId).Distinct().Count());
    }

    [Fact]
    public async Task Reconcile_Should_RejectTheSpecOnceAndCallNoAws_When_ItsFirstVersionCannotBeExpanded()
    {
        var env = TestSpecs.UniqueName("grb");
        var path = Path.Combine(_rig.Dir, env + ".yaml");
        File.WriteAllText(path, ControllerRig.SmallSpec(env, GraphError));
        var bystander = TestSpecs.UniqueName("by");
        File.WriteAllText(Path.Combine(_rig.Dir, "bystander.yaml"), ControllerRig.Bystander(bystander));
        await _rig.StartAsync();
        await _rig.Until(bystander, s => s.Result == "suspended");

        _rig.Controller!.Resync();
        var before = _rig.Statuses.Find(bystander)!.LastPass;
        await _rig.Until(bystander, s => s.LastPass > before);

        Assert.Null(_rig.Statuses.Find(env));
        Assert.Equal(1, Lines($"Spec file {path} is not applied: {path}:1:1: error: task-definition/app depends on subnet/nope"));
        Assert.Equal(0, Lines("failed unexpectedly"));
        Assert.Equal(0, _rig.H.Aws.Metrics.Total);
    }
}
