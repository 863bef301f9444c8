using Microsoft.Extensions.Logging;
using Reconciler.Aws.Accounts;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;
using Reconciler.Providers.Observation;

namespace Reconciler.Engine;

/// <summary>
/// Observe, plan, apply. Observation is one tag-filtered listing per kind for all environments asked about.
/// Apply repeats observe-plan-execute until the plan is empty (level-based: what one pass could not finish, such as a
/// rule naming a group created in the same pass, the next pass does), at most <see cref="MaxPasses"/> times.
/// </summary>
internal sealed partial class ReconcileEngine(Func<AwsTarget, ProviderRegistry> providersFor, ILogger<ReconcileEngine> log, TimeProvider time)
{
    /// <summary>Passes that make progress without anything waiting: enough for rules naming groups created alongside.</summary>
    public const int MaxPasses = 4;

    /// <summary>How long the CLI's apply waits, in total, for things that take time (RDS, certificate validation).</summary>
    public TimeSpan WaitBudget { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The longest pause before looking again at something not ready (null: as long as the provider asks).</summary>
    public TimeSpan? PollCap { get; init; }

    /// <summary>
    /// The account guard (null: none, for tests that build the engine alone): before each pass that changes anything,
    /// an environment with <c>spec.account.id</c> must be reached with credentials of that account, else the apply
    /// stops with <see cref="AccountMismatchException"/> and nothing changed. Cached per role session.
    /// </summary>
    public AccountSessions? Accounts { get; init; }

    /// <summary>
    /// Observes <paramref name="graphs"/>' environments together. <paramref name="detailed"/>: the environments read in
    /// detail (null, the default: all). For the others, the per-resource reads of fields no listing answers (VPC DNS
    /// attributes, bucket settings, ECS services, tags the inventory lacks) reuse the values last read, so such an
    /// observation may show those fields up to one rotation old: the controller's shared observation uses it only to
    /// find environments with nothing to do, and confirms any change with a full read (see <see cref="ObservationScope"/>).
    /// </summary>
    public Task<ObservedState> ObserveAsync(string region, IReadOnlyCollection<ResourceGraph> graphs, CancellationToken ct, IReadOnlySet<string>? detailed = null) =>
        ObserveAsync(new AwsTarget(region), graphs, ct, detailed);

    /// <summary>As above, through <paramref name="target"/>'s credentials (one account and region).</summary>
    public Task<ObservedState> ObserveAsync(AwsTarget target, IReadOnlyCollection<ResourceGraph> graphs, CancellationToken ct, IReadOnlySet<string>? detailed = null) =>
        ObserveKindsAsync(target, graphs, null, ct, detailed);

    /// <summary>As above, reading only the providers of <paramref name="kinds"/> (null: all).</summary>
    private async Task<ObservedState> ObserveKindsAsync(AwsTarget target, IReadOnlyCollection<ResourceGraph> graphs, IReadOnlySet<ResourceKind>? kinds, CancellationToken ct, IReadOnlySet<string>? detailed = null)
    {
        var all = providersFor(target);
        IEnumerable<IResourceProvider> providers = kinds is null ? all.All : all.All.Where(p => kinds.Contains(p.Kind)).ToList();
        var started = time.GetTimestamp();
        var environments = graphs.Select(g => g.Environment).ToList();
        var desired = graphs.SelectMany(g => g.Resources).ToLookup(r => r.Kind);
        // One observation scope: what several providers read (the Tagging API inventory, the load balancers, a zone's
        // records) is read once for all of them and all the environments.
        var lists = await ObservationScope.RunAsync(async () =>
        {
            var first = await Task.WhenAll(providers.Where(p => p is not IObservesAfterOthers)
                .Select(p => p.ObserveAsync(environments, desired[p.Kind].ToList(), ct))).ConfigureAwait(false);
            // Then those that need the others' results (the roles live task definitions name), with them.
            var others = first.SelectMany(l => l).ToList();
            var second = await Task.WhenAll(providers.OfType<IObservesAfterOthers>()
                .Select(p => p.ObserveAfterAsync(environments, desired[p.Kind].ToList(), others, ct))).ConfigureAwait(false);
            return first.Concat(second).ToList();
        }, detailed).ConfigureAwait(false);
        // The tag filter runs in AWS; this check keeps the promise even where an API (or an emulator) ignores it.
        var wanted = environments.ToHashSet(StringComparer.Ordinal);
        var observed = new ObservedState(lists.SelectMany(l => l).Where(r => wanted.Contains(r.Environment)).ToList(), all.Kinds);
        LogObserved(log, observed.Resources.Count, environments.Count, (long)time.GetElapsedTime(started).TotalMilliseconds);
        return observed;
    }

    /// <summary>
    /// The environment the controller runs on (<c>RECONCILER_SELF_ENVIRONMENT</c>): every plan of it is made with
    /// <see cref="PlanOptions.SelfHosted"/>, so nothing of it is deleted or replaced, whichever verb asks.
    /// </summary>
    public string? SelfEnvironment { get; init; }

    public bool IsSelf(string environment) => SelfEnvironment is { Length: > 0 } self && self == environment;

    public async Task<Plan> PlanAsync(ResourceGraph graph, PlanOptions options, CancellationToken ct)
    {
        var observed = await ObserveAsync(graph.Target, [graph], ct).ConfigureAwait(false);
        return Plan(graph, observed, options);
    }

    /// <summary>The plan of <paramref name="graph"/> against an observation already made (a shared one).</summary>
    public Plan Plan(ResourceGraph graph, ObservedState observed, PlanOptions options) =>
        Planner.Plan(graph, observed, IsSelf(graph.Environment) ? options with { SelfHosted = true } : options);

    /// <summary>
    /// Converges one environment. With <paramref name="waitInline"/> (the CLI) long waits are waited out here, within
    /// <see cref="WaitBudget"/>; without (the controller) the apply returns at the first wait with
    /// <see cref="ApplyResult.RequeueAfter"/>, so no worker is held. <paramref name="beforePass"/>, when given, is asked
    /// before each pass that changes anything (the controller's lease check); false stops the apply at once, with
    /// <see cref="ApplyResult.Fenced"/> set and nothing more changed.
    /// </summary>
    /// <param name="held">
    /// The environment's held-back failures (the controller's, kept across passes); null: this apply's own. A step that
    /// fails joins them, so it is tried once per apply and the rest of the environment converges around it (its
    /// dependents skip); see <see cref="HeldFailures"/> for how long.
    /// </param>
    public async Task<ApplyResult> ApplyAsync(ResourceGraph graph, PlanOptions options, CancellationToken ct, bool waitInline = true, Plan? initial = null,
        Func<CancellationToken, Task<bool>>? beforePass = null, HeldFailures? held = null)
    {
        held ??= new HeldFailures(time, TimeSpan.Zero);
        try
        {
            return await ApplyPassesAsync(graph, options, ct, waitInline, initial, beforePass, held).ConfigureAwait(false);
        }
        finally
        {
            held.EndApply();
        }
    }

    private async Task<ApplyResult> ApplyPassesAsync(ResourceGraph graph, PlanOptions options, CancellationToken ct, bool waitInline, Plan? initial,
        Func<CancellationToken, Task<bool>>? beforePass, HeldFailures held)
    {
        var results = new List<StepResult>();
        ObservedState? observed = null;
        Plan plan;
        if (initial is null)
        {
            observed = await ObserveAsync(graph.Target, [graph], ct).ConfigureAwait(false);
            plan = Plan(graph, observed, options);
        }
        else
        {
            plan = initial;
        }

        var passes = 0;
        var busyPasses = 0;
        var deadline = time.GetUtcNow() + WaitBudget;
        while (plan.HasChanges && busyPasses < MaxPasses)
        {
            if (Accounts is not null)
            {
                // Before anything changes: the credentials must be for the account the spec names (a dictionary
                // look-up after the first call of a session).
                await Accounts.GuardAsync(graph.Environment, graph.Target, ct).ConfigureAwait(false);
            }

            if (beforePass is not null && !await beforePass(ct).ConfigureAwait(false))
            {
                return new ApplyResult(graph.Environment, results, plan, passes, options.Destroy) { Fenced = true };
            }

            passes++;
            busyPasses++;
            LogPass(log, graph.Environment, passes, plan.Summary);
            foreach (var step in plan.Changes)
            {
                LogStep(log, graph.Environment, step.Action.ToString().ToLowerInvariant(), step.LogicalId, step.AwsId, step.Reason);
            }

            var executor = new ApplyExecutor(providersFor(graph.Target), log, pollCap: PollCap, held: held);
            var stepResults = await executor.ExecuteAsync(plan, ct).ConfigureAwait(false);
            results.AddRange(stepResults);
            var failed = stepResults.Where(r => r.Outcome == StepOutcome.Failed).ToList();

            // A failed step is not tried again in this apply, whether retrying could fix it (its retries are spent: the
            // next apply, or the controller's rate-limited requeue, tries again) or not (the long schedule). Everything
            // that does not depend on it goes on converging, and every failure is reported at the end, as Terraform
            // does: a branch that only waits seconds for a load balancer is not abandoned because another one failed.
            foreach (var failure in failed)
            {
                held.Hold(failure.Step.LogicalId, failure.Message ?? "failed", failure.Terminal);
            }

            var waits = stepResults.Where(r => r.Outcome == StepOutcome.Waiting).ToList();
            var delay = waits.Count == 0 ? TimeSpan.Zero : waits.Min(w => w.RetryAfter ?? TimeSpan.FromSeconds(10));
            if (waitInline && waits.Count > 0 && time.GetUtcNow() + delay <= deadline)
            {
                // Long waits are not failures: come back when the soonest one may be ready, within the budget, and
                // observe once, after the wait (not also before it: each is a full observation of the environment).
                busyPasses = 0;
                await Task.Delay(delay, time, ct).ConfigureAwait(false);
                (observed, plan) = await AfterWaitAsync(graph, options, observed, plan, stepResults, ct).ConfigureAwait(false);
                continue;
            }

            observed = await ObserveAsync(graph.Target, [graph], ct).ConfigureAwait(false);
            plan = Plan(graph, observed, options);
            if ((held.Any && !stepResults.Any(r => r.Outcome is StepOutcome.Succeeded or StepOutcome.Waiting)) ||
                (waits.Count > 0 && plan.HasChanges))
            {
                // No progress around what is held back; or a wait the controller comes back for through its queue
                // (or that the CLI's budget cannot cover).
                break;
            }
        }

        return new ApplyResult(graph.Environment, results, plan, passes, options.Destroy);
    }

    /// <summary>
    /// The observation and plan after an inline wait (issue 14: convergence from empty against the longest chain).
    /// Only what can have changed since the last observation is read again: the kinds of the steps the last pass
    /// carried out or that waited, and of the resources that were not ready; the rest of the last observation stands,
    /// since nothing of this apply touched it. While an apply only waits (a certificate pending validation) that is a
    /// few reads per poll instead of the whole environment, so the end of the wait is seen sooner. What someone else
    /// changed meanwhile in the kinds not read again is seen by the full observation that always follows: a partial plan
    /// with nothing left to do is confirmed by a full one, and so is every pass that did not wait, so "converged" always
    /// rests on a full observation. A full observation also when there is no earlier one (the caller's initial plan) or
    /// when a kind to read needs the others' results (<see cref="IObservesAfterOthers"/>).
    /// </summary>
    private async Task<(ObservedState Observed, Plan Plan)> AfterWaitAsync(ResourceGraph graph, PlanOptions options, ObservedState? observed, Plan plan,
        IReadOnlyList<StepResult> stepResults, CancellationToken ct)
    {
        if (observed is not null)
        {
            var kinds = stepResults.Where(r => r.Outcome != StepOutcome.Skipped).Select(r => r.Step.Kind)
                .Concat(plan.Steps.Where(s => s.Observed is { Readiness.IsReady: false }).Select(s => s.Kind))
                .ToHashSet();
            var providers = providersFor(graph.Target);
            if (kinds.Count > 0 && !providers.All.Any(p => p is IObservesAfterOthers && kinds.Contains(p.Kind)))
            {
                LogPartial(log, graph.Environment, string.Join(", ", kinds.Select(k => k.Name).Order(StringComparer.Ordinal)));
                var fresh = await ObserveKindsAsync(graph.Target, [graph], kinds, ct).ConfigureAwait(false);
                var merged = new ObservedState([.. observed.Resources.Where(r => !kinds.Contains(r.Kind)), .. fresh.Resources], observed.Kinds);
                var partial = Plan(graph, merged, options);
                if (partial.HasChanges)
                {
                    return (merged, partial);
                }
            }
        }

        var full = await ObserveAsync(graph.Target, [graph], ct).ConfigureAwait(false);
        return (full, Plan(graph, full, options));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Environment}: after the wait, reading again only {Kinds}")]
    private static partial void LogPartial(ILogger logger, string environment, string kinds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Environment}: will {Action} {LogicalId} ({AwsId}): {Reason}")]
    private static partial void LogStep(ILogger logger, string environment, string action, string logicalId, string? awsId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "observed {Resources} resources of {Environments} environments in {Milliseconds} ms")]
    private static partial void LogObserved(ILogger logger, int resources, int environments, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Environment}: pass {Pass}: {Summary}")]
    private static partial void LogPass(ILogger logger, string environment, int pass, string summary);
}
