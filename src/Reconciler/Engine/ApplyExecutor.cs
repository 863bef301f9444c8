using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Reconciler.Aws;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;
using Reconciler.Telemetry;

namespace Reconciler.Engine;

/// <summary>
/// Carries out one plan: first every deletion (deletes and the old half of replacements) from the highest kind rank
/// down, then creations and updates in dependency order, independent branches in parallel (bounded). The id of each
/// resource created feeds the references of the resources after it. A failed step skips its dependents only.
/// Readiness (<see cref="Readiness"/>, set by the providers when they observe or create) is the one way to wait: a step
/// whose dependency is not ready waits, a deletion AWS is still carrying out makes the deletions of what it holds wait, and
/// each wait is a <see cref="StepOutcome.Waiting"/> result with its requeue; nothing here sleeps.
/// </summary>
/// <param name="held">
/// Steps held back after a failure: not attempted, reported as skipped with the reason, and their dependents skip too,
/// so that what retrying cannot fix is tried only on the long schedule.
/// </param>
internal sealed partial class ApplyExecutor(ProviderRegistry providers, ILogger log, int parallelism = 4, TimeSpan? pollCap = null,
    HeldFailures? held = null)
{
    private readonly ConcurrentDictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _attributes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Readiness> _readiness = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<StepResult> _results = [];

    /// <summary>Deletions AWS is still carrying out, or that wait for one (logical id → the resource and what it waits for).</summary>
    private readonly ConcurrentDictionary<string, (ObservedResource Resource, Readiness Readiness)> _deleting = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<StepResult>> ExecuteAsync(Plan plan, CancellationToken ct)
    {
        foreach (var step in plan.Steps.Where(s => s.Observed is not null && s.Action is not (PlanAction.Conflict)))
        {
            _ids[step.LogicalId] = step.Observed!.AwsId;
            _readiness[step.LogicalId] = step.Observed.Readiness;
            foreach (var (key, value) in step.Observed.Attributes)
            {
                _attributes[$"{step.LogicalId}#{key}"] = value;
            }
        }

        var failedDeletes = await DeleteAsync(plan, ct).ConfigureAwait(false);
        await CreateAndUpdateAsync(plan, failedDeletes, ct).ConfigureAwait(false);
        foreach (var step in plan.Steps.Where(s => s.Action is PlanAction.Blocked or PlanAction.Conflict or PlanAction.BlockedByDependency))
        {
            _results.Add(new StepResult(step, StepOutcome.Skipped, step.AwsId, step.Reason));
        }

        return [.. _results];
    }

    private async Task<HashSet<string>> DeleteAsync(Plan plan, CancellationToken ct)
    {
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var deletions = plan.Steps.Where(s => s.Action is PlanAction.Delete or PlanAction.Replace && s.Observed is not null);
        foreach (var rank in deletions.GroupBy(s => s.Kind.Rank).OrderByDescending(g => g.Key))
        {
            // While AWS still deletes a resource of a higher rank, what it holds (its fields name the other's id: the NAT
            // gateway its subnet and address, the database its subnet group and security groups) waits, and what that
            // holds in turn: a deletion would only meet DependencyViolation.
            var pending = _deleting.ToList();
            var free = new List<PlanStep>();
            foreach (var step in rank)
            {
                if (pending.Where(p => Holds(p.Value.Resource, step.Observed!.AwsId)).OrderBy(p => p.Key, StringComparer.Ordinal).FirstOrDefault() is { Key: { } holder, Value.Readiness: { } readiness })
                {
                    var why = $"waits for {holder}: {readiness.Reason}";
                    LogWaiting(log, step.LogicalId, why);
                    _deleting[step.LogicalId] = (step.Observed!, readiness);
                    _results.Add(new StepResult(step, StepOutcome.Waiting, step.AwsId, why) { RetryAfter = Cap(readiness.RequeueAfter) });
                }
                else
                {
                    free.Add(step);
                }
            }

            var outcomes = await Task.WhenAll(free.Select(async step =>
            {
                var outcome = await Run(step, "delete", async () =>
                {
                    // A provider treats its own resource's NotFound as done; any other NotFound is a failure. A deletion
                    // AWS finishes later is a NotReadyException: issued, not waited for.
                    await providers.For(step.Kind).DeleteAsync(step.Observed!, ct).ConfigureAwait(false);

                    _ids.TryRemove(step.LogicalId, out _);
                    _readiness.TryRemove(step.LogicalId, out _);
                    return step.Observed!.AwsId;
                }, recordSuccess: step.Action == PlanAction.Delete).ConfigureAwait(false);
                return (step.LogicalId, outcome);
            })).ConfigureAwait(false);
            failed.UnionWith(outcomes.Where(o => o.outcome == StepOutcome.Failed).Select(o => o.LogicalId));
        }

        return failed;
    }

    /// <summary>Whether one of <paramref name="holder"/>'s observed fields names <paramref name="awsId"/> (alone, in a set or within a compound value).</summary>
    private static bool Holds(ObservedResource holder, string awsId) =>
        awsId.Length > 0 && holder.AwsId != awsId && holder.Properties.Values.Any(v => v.Display.Contains(awsId, StringComparison.Ordinal));

    private async Task CreateAndUpdateAsync(Plan plan, HashSet<string> failedDeletes, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(parallelism);
        var tasks = new Dictionary<string, Task<bool>>(StringComparer.Ordinal);
        var stuck = plan.Steps
            .Where(s => s.Action is PlanAction.Blocked or PlanAction.Conflict or PlanAction.Unsupported or PlanAction.BlockedByDependency)
            .Select(s => s.LogicalId)
            .ToHashSet(StringComparer.Ordinal);

        foreach (var step in plan.Steps.Where(s => s.Desired is not null))
        {
            var dependencies = step.Desired!.DependsOn.Where(tasks.ContainsKey).Select(d => (Id: d, Task: tasks[d])).ToList();
            tasks[step.LogicalId] = RunWhenReady(step, dependencies, stuck, failedDeletes, gate, ct);
        }

        await Task.WhenAll(tasks.Values).ConfigureAwait(false);
    }

    private async Task<bool> RunWhenReady(PlanStep step, List<(string Id, Task<bool> Task)> dependencies, HashSet<string> stuck, HashSet<string> failedDeletes, SemaphoreSlim gate, CancellationToken ct)
    {
        await Task.WhenAll(dependencies.Select(d => d.Task)).ConfigureAwait(false);
        if (step.Action is PlanAction.NoOp)
        {
            return true;
        }

        if (step.Action is PlanAction.Blocked or PlanAction.Conflict or PlanAction.Unsupported or PlanAction.BlockedByDependency)
        {
            return false;
        }

        if (held?.Find(step.LogicalId) is { } heldBack)
        {
            LogSkipped(log, step.LogicalId, heldBack.Reason);
            _results.Add(new StepResult(step, StepOutcome.Skipped, step.AwsId, heldBack.Reason) { Terminal = heldBack.Terminal });
            return false;
        }

        if (_deleting.ContainsKey(step.LogicalId))
        {
            // The old half of this replacement is still being deleted (its wait is reported): the new one comes after.
            return false;
        }

        var blocker = dependencies.Where(d => !d.Task.Result).Select(d => d.Id)
            .Concat(step.Desired!.DependsOn.Where(stuck.Contains))
            .FirstOrDefault();
        if (blocker is not null || failedDeletes.Contains(step.LogicalId))
        {
            var why = blocker is null ? "its old instance could not be deleted" : $"dependency {blocker} did not complete";
            LogSkipped(log, step.LogicalId, why);
            _results.Add(new StepResult(step, StepOutcome.Skipped, step.AwsId, why));
            return false;
        }

        // A dependency that exists but is not usable yet (a certificate pending validation, a database creating) says
        // so in its readiness: its dependents wait for it instead of failing against it.
        var unready = step.Desired.DependsOn
            .Select(d => (Id: d, Readiness: _readiness.GetValueOrDefault(d) ?? Readiness.Ready))
            .FirstOrDefault(d => !d.Readiness.IsReady);
        if (unready.Readiness is { IsReady: false } readiness)
        {
            var why = $"waits for {unready.Id}: {readiness.Reason}";
            LogWaiting(log, step.LogicalId, why);
            _results.Add(new StepResult(step, StepOutcome.Waiting, step.AwsId, why) { RetryAfter = Cap(readiness.RequeueAfter) });
            return false;
        }

        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var resolved = new ResolvedResource(step.Desired, Planner.ResolveAll(step.Desired, Resolve, step.Action == PlanAction.Update ? step.Observed : null));
            var provider = providers.For(step.Kind);
            return step.Action switch
            {
                PlanAction.Update => await Run(step, "update", async () =>
                {
                    var changes = Planner.Diff(step.Desired, step.Observed!, Resolve);
                    await provider.UpdateAsync(resolved, step.Observed!, changes, ct).ConfigureAwait(false);
                    return step.Observed!.AwsId;
                }).ConfigureAwait(false) == StepOutcome.Succeeded,
                _ => await Run(step, "create", async () =>
                {
                    var created = await provider.CreateAsync(resolved, ct).ConfigureAwait(false);
                    _ids[step.LogicalId] = created.AwsId;
                    _readiness[step.LogicalId] = created.Readiness;
                    foreach (var (key, value) in created.Attributes)
                    {
                        _attributes[$"{step.LogicalId}#{key}"] = value;
                    }

                    return created.AwsId;
                }).ConfigureAwait(false) == StepOutcome.Succeeded,
            };
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>How soon to look again at a wait: what the provider asked, at most the engine's poll cap.</summary>
    private TimeSpan Cap(TimeSpan retryAfter) => pollCap is { } cap && cap < retryAfter ? cap : retryAfter;

    private string? Resolve(string key) =>
        key.Contains('#', StringComparison.Ordinal) ? _attributes.GetValueOrDefault(key) : _ids.GetValueOrDefault(key);

    /// <summary>Carries out one step in its own span (<see cref="ReconcilerTelemetry.StartStep"/>), tagged with its outcome.</summary>
    private async Task<StepOutcome> Run(PlanStep step, string verb, Func<Task<string>> action, bool recordSuccess = true)
    {
        using var span = ReconcilerTelemetry.StartStep(step.LogicalId, step.Kind.Name, verb, step.AwsId);
        var outcome = await RunStep(step, verb, action, recordSuccess).ConfigureAwait(false);
        span?.SetTag(TelemetryTags.StepOutcome, outcome.ToString().ToLowerInvariant());
        if (outcome == StepOutcome.Failed)
        {
            ReconcilerTelemetry.Failed(span, "StepFailed", $"{verb} {step.LogicalId} failed");
        }

        return outcome;
    }

    private async Task<StepOutcome> RunStep(PlanStep step, string verb, Func<Task<string>> action, bool recordSuccess)
    {
        try
        {
            var id = await action().ConfigureAwait(false);
            LogDone(log, verb, step.LogicalId, id);
            if (recordSuccess)
            {
                _results.Add(new StepResult(step, StepOutcome.Succeeded, id, null));
            }

            return StepOutcome.Succeeded;
        }
        catch (AwsCallException ex) when (verb == "create" && ex.Error.Kind == AwsErrorKind.Transient)
        {
            // The create may have been applied with its answer lost: never send it again blindly. The next pass
            // observes (by tags, set in the create call) and adopts the resource, or creates it if it is not there.
            var why = $"the answer to {ex.Operation} was lost ({ex.Error.Code}); looking again before creating anew";
            LogWaiting(log, step.LogicalId, why);
            _results.Add(new StepResult(step, StepOutcome.Waiting, step.AwsId, why) { RetryAfter = Cap(TimeSpan.FromSeconds(2)) });
            return StepOutcome.Waiting;
        }
        catch (AwsCallException ex) when (ex.Error is { Kind: AwsErrorKind.EventualConsistency, Waiting: { } waiting })
        {
            // IAM still propagating after the runner's bounded retries: a wait, never a terminal failure (a fresh
            // account's first apply would otherwise hold the hosts back for the long backoff).
            LogWaiting(log, step.LogicalId, waiting);
            _results.Add(new StepResult(step, StepOutcome.Waiting, step.AwsId, waiting) { RetryAfter = Cap(TimeSpan.FromSeconds(10)) });
            return StepOutcome.Waiting;
        }
        catch (NotReadyException ex)
        {
            if (verb == "delete")
            {
                _deleting[step.LogicalId] = (step.Observed!, ex.Readiness);
            }

            LogWaiting(log, step.LogicalId, ex.Message);
            _results.Add(new StepResult(step, StepOutcome.Waiting, step.AwsId, ex.Message) { RetryAfter = Cap(ex.Readiness.RequeueAfter) });
            return StepOutcome.Waiting;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // What retrying cannot fix (access, credentials, limits, invalid requests) says what to do about it.
            var message = Remedies.Describe(ex, step.LogicalId);
            if (ex is AwsCallException call)
            {
                // AWS's answer, not a bug of ours: one line with its parts, no stack (AwsErrorLogTests).
                AwsFailureLog.Write(log, LogLevel.Error, $"{verb} {step.LogicalId} failed", call, step.LogicalId,
                    new Dictionary<string, object> { ["Verb"] = verb, ["LogicalId"] = step.LogicalId });
            }
            else
            {
                LogFailed(log, ex, verb, step.LogicalId, message);
            }

            _results.Add(new StepResult(step, StepOutcome.Failed, step.AwsId, message)
            {
                Terminal = ex is AwsCallException { Error.Kind: AwsErrorKind.Terminal } or InvalidOperationException,
            });
            return StepOutcome.Failed;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Verb} {LogicalId}: done ({AwsId})")]
    private static partial void LogDone(ILogger logger, string verb, string logicalId, string awsId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Verb} {LogicalId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string verb, string logicalId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{LogicalId} waits: {Reason}")]
    private static partial void LogWaiting(ILogger logger, string logicalId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{LogicalId} skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string logicalId, string reason);
}
