using System.Globalization;
using Reconciler.Aws;
using Reconciler.Aws.Ecs;
using Reconciler.Model.Graph;
using Reconciler.Providers;
using Reconciler.Providers.Ecs;
using K = Reconciler.Model.Kinds.EcsServiceKind;

namespace Reconciler.Kinds;

/// <summary>
/// Runs a service's beforeDeploy tasks (database migrations) with the NEW task definition revision before the service
/// moves to it, one after the other. Never holds a worker: a running task makes the step "not ready" and the next pass
/// finds it again. A task is found again by its group, <c>reconciler:&lt;environment&gt;:&lt;service&gt;:&lt;revision&gt;:&lt;index&gt;</c>,
/// among the tasks of the family started by <see cref="StartedBy"/> (ListTasks filters by those, not by group), so a
/// restart of the controller loses nothing, and a revision runs its tasks once: a failed run stays failed (the service
/// keeps its old revision) for as long as ECS still describes the stopped task, at least an hour; a new revision runs anew.
/// One exception: a task that stopped before running because its execution role could not read its secrets yet (IAM
/// propagation) is started again, a bounded number of times (<see cref="SecretsAttempts"/>).
/// The start time travels as a tag (<see cref="StartedAtTag"/>), the timeout's clock on any ECS (moto reports no createdAt).
/// </summary>
internal sealed class BeforeDeployRunner(IEcsTaskApi api, TimeProvider time)
{
    public const string StartedBy = "reconciler";

    public const string StartedAtTag = "reconciler:started-at";

    /// <summary>How soon to look again after the answer to RunTask was lost.</summary>
    public static readonly TimeSpan LostAnswerPoll = TimeSpan.FromSeconds(2);

    /// <summary>
    /// RunTask's idempotency token for one run: its group (environment, service, revision number, index) and the
    /// revision ARN, hashed to 40 hex characters (the model allows up to 64 of ASCII 33-126). A request repeated with it
    /// starts no second task on ECS (API reference: RunTask clientToken, "Ensuring idempotency").
    /// </summary>
    public static string ClientToken(string group, string revision) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(group + "\n" + revision)))[..40];

    /// <summary>How soon to look again at a running task.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Returns when every task of <paramref name="tasks"/> has exited 0 with <paramref name="revision"/>; throws
    /// <see cref="NotReadyException"/> while one runs, and <see cref="InvalidOperationException"/> when one failed.
    /// </summary>
    public async Task EnsureSucceededAsync(ResolvedResource service, IReadOnlyList<BeforeDeployTask> tasks, string revision, CancellationToken ct)
    {
        var cluster = service.Get(K.Cluster);
        var (family, number) = Revision(revision);
        var environment = service.Tags.GetValueOrDefault(Ownership.EnvironmentTag) ?? string.Empty;

        // One listing for all the tasks: every branch that starts a task leaves this call, so it never goes stale here.
        var ours = await ListAsync(cluster, family, ct).ConfigureAwait(false);
        for (var i = 0; i < tasks.Count; i++)
        {
            var spec = tasks[i];
            var group = Group(environment, service.Desired.Name, number, i);
            var what = $"beforeDeploy task {i + 1} of {tasks.Count} ({spec.Command.Text}) with {family}:{number}";
            var attempt = 1;
            var task = Pick(ours, group);
            while (task is not null && SecretsNotYetReadable(task) && attempt < SecretsAttempts)
            {
                attempt++;
                task = Pick(ours, AttemptGroup(group, attempt));
            }

            var attemptGroup = AttemptGroup(group, attempt);
            switch (Decide(task, spec, time.GetUtcNow()))
            {
                case OneOffTaskState.Succeeded:
                    continue;
                case OneOffTaskState.NotStarted when attempt > 1:
                    await StartAsync(service, spec, revision, attemptGroup, cluster, what, ct).ConfigureAwait(false);
                    throw new NotReadyException(
                        $"{what}: waiting for IAM to propagate the execution role's read access to its secrets (the last try stopped with AccessDenied); started again, try {attempt} of {SecretsAttempts}", Poll);
                case OneOffTaskState.NotStarted:
                    await StartAsync(service, spec, revision, attemptGroup, cluster, what, ct).ConfigureAwait(false);
                    throw new NotReadyException($"{what} started", Poll);
                case OneOffTaskState.Failed when SecretsNotYetReadable(task!):
                    throw new InvalidOperationException(
                        $"{what} failed {SecretsAttempts} times: the execution role may not read its secrets ({Outcome(task!, spec.Container)}); check the execution role's policies; the service keeps its revision");
                case OneOffTaskState.Running:
                    throw new NotReadyException($"{what} is running ({task!.TaskArn})", Poll);
                case OneOffTaskState.TimedOut:
                    await api.StopTaskAsync(cluster, task!.TaskArn, $"reconciler: beforeDeploy timed out after {spec.TimeoutSeconds} s", ct).ConfigureAwait(false);
                    throw new InvalidOperationException($"{what} ran longer than {spec.TimeoutSeconds} s and was stopped; the service keeps its revision");
                default:
                    throw new InvalidOperationException($"{what} failed: {Outcome(task!, spec.Container)}; the service keeps its revision");
            }
        }
    }

    /// <summary>The pure decision on a task found (or not) for one beforeDeploy entry.</summary>
    public static OneOffTaskState Decide(EcsTask? task, BeforeDeployTask spec, DateTimeOffset now)
    {
        if (task is null)
        {
            return OneOffTaskState.NotStarted;
        }

        if (task.LastStatus != "STOPPED")
        {
            var started = StartedAt(task);
            return started is { } at && now - at >= TimeSpan.FromSeconds(spec.TimeoutSeconds) ? OneOffTaskState.TimedOut : OneOffTaskState.Running;
        }

        var container = task.Containers?.FirstOrDefault(c => c.Name == spec.Container);
        return container?.ExitCode == 0 ? OneOffTaskState.Succeeded : OneOffTaskState.Failed;
    }

    /// <summary>Why a stopped task failed: its container's exit code, the container's reason and the task's stopped reason.</summary>
    public static string Outcome(EcsTask task, string container)
    {
        var c = task.Containers?.FirstOrDefault(x => x.Name == container);
        var parts = new List<string>
        {
            c?.ExitCode is { } code ? $"container {container} exited {code.ToString(CultureInfo.InvariantCulture)}" : $"container {container} has no exit code (it did not run to the end)",
        };
        if (!string.IsNullOrEmpty(c?.Reason))
        {
            parts.Add(c.Reason);
        }

        if (!string.IsNullOrEmpty(task.StoppedReason))
        {
            parts.Add("stopped: " + task.StoppedReason);
        }

        return string.Join("; ", parts) + $" ({task.TaskArn})";
    }

    /// <summary>
    /// The group naming one run: environment, the service's logical name, revision number and the task's index. The
    /// logical name stands for the logical id (<c>ecs-service/app</c>) without its slash, which no ECS name needs to meet.
    /// </summary>
    public static string Group(string environment, string service, string revision, int index) =>
        $"reconciler:{environment}:{service}:{revision}:{index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary><c>arn:aws:ecs:region:account:task-definition/family:7</c> to (family, "7").</summary>
    public static (string Family, string Number) Revision(string arn)
    {
        var name = arn[(arn.LastIndexOf('/') + 1)..];
        var colon = name.LastIndexOf(':');
        if (colon <= 0)
        {
            throw new InvalidOperationException($"'{arn}' is not a task definition revision ARN");
        }

        return (name[..colon], name[(colon + 1)..]);
    }

    private static DateTimeOffset? StartedAt(EcsTask task) =>
        EcsTag.ToMap(task.Tags).TryGetValue(StartedAtTag, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>
    /// How many times a run is started when it stops before running because its execution role may not read its secrets
    /// yet. IAM is eventually consistent: a policy just put (the environment's <c>reconciler-&lt;env&gt;-secrets</c>)
    /// may not be in force yet when ECS pulls the secrets, and the task stops with "ResourceInitializationError: unable
    /// to pull secrets or registry auth ... AccessDeniedException" (IAM User Guide, "Troubleshoot IAM", section "Changes
    /// that I make are not always immediately visible"; the stopped reason as in aws/copilot-cli#3104 and #4504). Such a
    /// task never ran the command, so starting it again cannot run a migration twice. Tries start one pass (15 s) apart.
    /// </summary>
    public const int SecretsAttempts = 5;

    /// <summary>The group of a try: the first is the run's group, as before; later tries append their number.</summary>
    public static string AttemptGroup(string group, int attempt) =>
        attempt == 1 ? group : $"{group}:{attempt.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Whether the task stopped before its container ran because the execution role was refused its secrets (see
    /// <see cref="SecretsAttempts"/>): ECS spells the error with varying case ("Resourceinitializationerror").
    /// </summary>
    public static bool SecretsNotYetReadable(EcsTask task) =>
        task.LastStatus == "STOPPED" && task.StoppedReason is { } reason
        && reason.Contains("ResourceInitializationError", StringComparison.OrdinalIgnoreCase)
        && reason.Contains("unable to pull secrets", StringComparison.OrdinalIgnoreCase)
        && reason.Contains("AccessDenied", StringComparison.OrdinalIgnoreCase);

    /// <summary>The task of this group, running or stopped (the running one first, should there be two).</summary>
    private static EcsTask? Pick(IReadOnlyList<EcsTask> tasks, string group) =>
        tasks.Where(t => t.Group == group).OrderBy(t => t.LastStatus == "STOPPED").FirstOrDefault();

    /// <summary>The family's tasks we started, running or stopped.</summary>
    private async Task<IReadOnlyList<EcsTask>> ListAsync(string cluster, string family, CancellationToken ct)
    {
        var arns = new List<string>();
        foreach (var status in new[] { "RUNNING", "STOPPED" })
        {
            arns.AddRange(await api.ListTasksAsync(cluster, family, status, ct).ConfigureAwait(false));
        }

        if (arns.Count == 0)
        {
            return [];
        }

        var tasks = await api.DescribeTasksAsync(cluster, arns.Distinct(StringComparer.Ordinal).ToList(), ct).ConfigureAwait(false);
        return tasks.Where(t => t.StartedBy == StartedBy).ToList();
    }

    private async Task StartAsync(ResolvedResource service, BeforeDeployTask spec, string revision, string group, string cluster, string what, CancellationToken ct)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [StartedAtTag] = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        foreach (var key in new[] { Ownership.EnvironmentTag, Ownership.LogicalIdTag })
        {
            if (service.Tags.TryGetValue(key, out var value))
            {
                tags[key] = value;
            }
        }

        IReadOnlyList<EcsTask> started;
        IReadOnlyList<EcsTaskFailure> failures;
        try
        {
            (started, failures) = await api.RunTaskAsync(new RunTaskRequest(
                cluster,
                revision,
                service.Get(K.LaunchType),
                StartedBy,
                group,
                new EcsTaskOverride([new EcsContainerOverride(spec.Container, [.. spec.Command.Arguments])]),
                EcsTag.From(tags),
                ClientToken(group, revision)), ct).ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (ex.Error.Kind == AwsErrorKind.Transient)
        {
            // The task may have started with its answer lost: the next pass looks for it by its group before running
            // it again, so a migration never runs twice.
            throw new NotReadyException($"{what}: the answer to RunTask was lost ({ex.Error.Code}); looking for the task before starting it again", LostAnswerPoll);
        }

        if (started.Count == 0)
        {
            var why = string.Join("; ", failures.Select(f => $"{f.Reason} {f.Detail}".Trim()));
            throw new InvalidOperationException($"{what} could not start: {(why.Length == 0 ? "ECS started no task" : why)}");
        }
    }
}
