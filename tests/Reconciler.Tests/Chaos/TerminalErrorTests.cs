using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Controller;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Tests.Integration;
using Xunit.Abstractions;

namespace Reconciler.Tests.Chaos;

/// <summary>
/// Errors retrying cannot fix (access denied, validation) on two creates of one environment: reported once per pass
/// with the resource and the remedy, not retried within the pass, tried again only on the long schedule, and blocking
/// neither the environment's other resources nor another environment on the same controller.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TerminalErrorTests(ITestOutputHelper output)
{
    private static readonly string[] Failing = ["ecr-repository/app", "db-instance/app-db"];

    private static readonly TimeSpan LongSchedule = TimeSpan.FromMinutes(30);

    private readonly Dictionary<string, Func<HttpRequestMessage, HttpResponseMessage>> _faults = new(StringComparer.Ordinal)
    {
        ["CreateRepository"] = AwsFaultResponses.AccessDenied,   // ECR (JSON): AccessDeniedException
        ["CreateDBInstance"] = AwsFaultResponses.Invalid,        // RDS (Query): InvalidParameterValue
    };

    [Fact]
    public async Task Apply_Should_ReportOnceAndConvergeTheRest_When_TwoCreatesFailTerminally()
    {
        var env = TestSpecs.UniqueName("term");
        var attempts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        using var h = new EngineHarness(wrapHandler: inner => new TerminalFaultHandler(inner, _faults, env, attempts));
        var (_, graph) = TestSpecs.Load(TestSpecs.Isolated(env));

        var result = await h.Engine.ApplyAsync(graph, new PlanOptions(Prune: true), CancellationToken.None);

        // Each failing step: reported once, with its logical id, the error and the remedy; terminal; one attempt.
        Assert.Equal(Failing.Order(), result.Failed.Select(f => f.Step.LogicalId).Order());
        Assert.All(result.Failed, f =>
        {
            Assert.True(f.Terminal, f.Message);
            Assert.Contains("remedy:", f.Message, StringComparison.Ordinal);
        });
        Assert.Contains("AccessDeniedException", result.Failed.Single(f => f.Step.LogicalId == "ecr-repository/app").Message, StringComparison.Ordinal);
        Assert.Contains("db-instance/app-db", result.Failed.Single(f => f.Step.LogicalId == "db-instance/app-db").Message, StringComparison.Ordinal);
        Assert.Equal(1, attempts["CreateRepository"]);
        Assert.Equal(1, attempts["CreateDBInstance"]);
        foreach (var id in Failing)
        {
            Assert.Single(h.Logs.Lines, l => l.Contains($"create {id} failed", StringComparison.Ordinal) && l.Contains("remedy:", StringComparison.Ordinal));
        }

        // The rest converged: what is left to do is the two failing steps and what depends on them.
        var plan = await h.Engine.PlanAsync(graph, new PlanOptions(true), CancellationToken.None);
        Assert.Equal(Blocked(graph).Order(), plan.Steps.Where(s => s.Action != PlanAction.NoOp).Select(s => s.LogicalId).Order());
        output.WriteLine($"apply: {result.Passes} passes; failed {string.Join(", ", result.Failed.Select(f => f.Step.LogicalId))}; attempts " +
                         $"{string.Join(", ", attempts.OrderBy(a => a.Key).Select(a => $"{a.Key} {a.Value}"))}; left to do {plan.Steps.Count(s => s.Action != PlanAction.NoOp)} of {graph.Resources.Count} " +
                         $"({string.Join(", ", Blocked(graph).Order())}); converged around them: {plan.Steps.Count(s => s.Action == PlanAction.NoOp)}");
    }

    [Fact]
    public async Task Run_Should_RetryATerminalFailureOnlyOnTheLongSchedule_When_AnotherEnvironmentConvergesMeanwhile()
    {
        var failing = TestSpecs.UniqueName("term");
        var healthy = TestSpecs.UniqueName("calm");
        var attempts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var attemptedAt = new ConcurrentQueue<(string Operation, DateTimeOffset At)>();
        using var h = new EngineHarness(wrapHandler: inner => new TerminalFaultHandler(inner, _faults, failing, attempts, op => attemptedAt.Enqueue((op, clock.GetUtcNow()))));
        var dir = Directory.CreateTempSubdirectory("reconciler-terminal-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, failing + ".yaml"), OwnZone(failing));
        await File.WriteAllTextAsync(Path.Combine(dir, healthy + ".yaml"), OwnZone(healthy));
        var (_, failingGraph) = TestSpecs.Load(OwnZone(failing));

        // The controller's clock and queue run on fake time: the long schedule passes only when the test says so.
        var statuses = new StatusStore();
        var backoff = new WorkQueueOptions(TimeSpan.FromSeconds(1), LongSchedule);
        using var queue = new WorkQueue(clock, backoff);
        var options = new ControllerOptions([dir], [], Resync: TimeSpan.FromHours(6), Rescan: TimeSpan.FromHours(6), Workers: 2, Listen: null) { Backoff = backoff };
        var source = new FolderSource(dir, TimeProvider.System, debounce: TimeSpan.FromMilliseconds(300));
        var metrics = new ControllerMetrics(h.Aws.Metrics, () => queue.Depth, statuses);
        using var controller = new ControllerService(options, [source], new SpecCatalog(), queue, h.Engine, statuses, metrics, clock, h.Loggers.CreateLogger<ControllerService>());
        await controller.StartAsync(CancellationToken.None);
        try
        {
            // Fake time moves in 5 s steps (waits come back through the queue) while both environments work.
            var advanced = await Drive(clock, async () =>
                statuses.Find(healthy)?.Result is "repaired" or "in sync" &&
                (await h.Engine.PlanAsync(failingGraph, new PlanOptions(true), CancellationToken.None)).Steps.Where(s => s.Action != PlanAction.NoOp).Select(s => s.LogicalId).Order()
                    .SequenceEqual(Blocked(failingGraph).Order()), LongSchedule / 2, () => $"{statuses.Find(healthy)}\n{string.Join("\n", statuses.Find(healthy)?.WaitingFor ?? [])}\n{statuses.Find(failing)}\n{string.Join("\n", statuses.Find(failing)?.WaitingFor ?? [])}\n{string.Join("\n", h.Logs.Lines.Where(l => l.Contains("failed", StringComparison.Ordinal)))}");

            // The other environment converged, and so did everything of this one but the failing steps and their
            // dependents; the failing creates were each tried once, in the first pass, and not again.
            Assert.Equal(1, attempts["CreateRepository"]);
            Assert.Equal(1, attempts["CreateDBInstance"]);
            var status = statuses.Find(failing)!;
            Assert.Equal("failed", status.Result);
            Assert.All(Failing, id => Assert.Contains(status.WaitingFor, w => w.StartsWith(id + ":", StringComparison.Ordinal) && w.Contains("remedy:", StringComparison.Ordinal)));
            var passesBefore = h.Logs.Lines.Count(l => l.Contains($"Reconciled {failing}", StringComparison.Ordinal));

            // The long schedule ends: the failing creates are tried again, once each, and fail again; not before.
            var first = attemptedAt.Max(a => a.At);
            clock.Advance(first + LongSchedule - TimeSpan.FromSeconds(30) - clock.GetUtcNow());
            await Drive(clock, () => Task.FromResult(attempts["CreateRepository"] == 2 && attempts["CreateDBInstance"] == 2), TimeSpan.FromMinutes(5),
                () => $"attempts {string.Join(", ", attempts)}\n{string.Join("\n", h.Logs.Lines.Where(l => l.Contains("Reconciled", StringComparison.Ordinal)))}");
            var again = attemptedAt.Where(a => a.At > first).ToList();
            Assert.Equal(["CreateDBInstance", "CreateRepository"], again.Select(a => a.Operation).Order());
            Assert.All(again, a => Assert.True(a.At - first >= LongSchedule, $"{a.Operation} tried again after {a.At - first}"));
            output.WriteLine($"controller: {healthy} {statuses.Find(healthy)!.Result} and {failing} converged around its failures ({Blocked(failingGraph).Count} of " +
                             $"{failingGraph.Resources.Count} resources left) within {advanced.TotalSeconds} s of fake time, {passesBefore} passes of {failing} with each " +
                             $"failing create tried once; tried again {string.Join(", ", again.Select(a => $"{a.Operation} after {(a.At - first).TotalMinutes:0.0} min"))} " +
                             $"(long schedule {LongSchedule.TotalMinutes} min)");
        }
        finally
        {
            await controller.StopAsync(CancellationToken.None);
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Advances fake time in 5 s steps (with real pauses for the work it releases) until the condition holds; the fake time used.</summary>
    private static async Task<TimeSpan> Drive(FakeTimeProvider clock, Func<Task<bool>> done, TimeSpan budget, Func<string> log)
    {
        var advanced = TimeSpan.Zero;
        var deadline = DateTime.UtcNow.AddSeconds(150);
        while (DateTime.UtcNow < deadline && advanced <= budget)
        {
            if (await done())
            {
                return advanced;
            }

            await Task.Delay(250);
            clock.Advance(TimeSpan.FromSeconds(5));
            advanced += TimeSpan.FromSeconds(5);
        }

        throw new TimeoutException($"not done after {advanced} of fake time\n{log()}");
    }

    /// <summary>The sample with a hosted zone of its own: two environments applied at once would both create a shared one.</summary>
    private static string OwnZone(string env) => TestSpecs.Isolated(env, t => t
        .Replace("zone: example.com", $"zone: {env}.example.org", StringComparison.Ordinal)
        .Replace($"{env}.example.com", $"api.{env}.example.org", StringComparison.Ordinal));

    /// <summary>The failing steps and everything that depends on them, directly or not.</summary>
    private static HashSet<string> Blocked(ResourceGraph graph)
    {
        var blocked = new HashSet<string>(Failing, StringComparer.Ordinal);
        bool grew;
        do
        {
            grew = false;
            foreach (var resource in graph.Resources.Where(r => !blocked.Contains(r.LogicalId) && r.DependsOn.Any(blocked.Contains)))
            {
                grew |= blocked.Add(resource.LogicalId);
            }
        }
        while (grew);

        return blocked;
    }
}
