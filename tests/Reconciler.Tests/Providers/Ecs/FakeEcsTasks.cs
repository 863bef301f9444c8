using Reconciler.Aws.Ecs;

namespace Reconciler.Tests.Providers.Ecs;

/// <summary>ECS tasks in memory, where a test decides how each one ends (exit codes moto cannot express).</summary>
internal sealed class FakeEcsTasks : IEcsTaskApi
{
    public List<EcsTask> Tasks { get; } = [];

    public List<RunTaskRequest> Runs { get; } = [];

    public List<(string Task, string Reason)> Stops { get; } = [];

    /// <summary>What RunTask answers instead of a task (placement failures).</summary>
    public List<EcsTaskFailure> PlacementFailures { get; } = [];

    public Task<(IReadOnlyList<EcsTask> Tasks, IReadOnlyList<EcsTaskFailure> Failures)> RunTaskAsync(RunTaskRequest request, CancellationToken ct)
    {
        Runs.Add(request);
        if (PlacementFailures.Count > 0)
        {
            return Task.FromResult<(IReadOnlyList<EcsTask>, IReadOnlyList<EcsTaskFailure>)>(([], PlacementFailures));
        }

        var task = new EcsTask($"arn:aws:ecs:ap-northeast-1:123456789012:task/c/{Runs.Count}", request.TaskDefinition, request.Group, request.StartedBy, "PROVISIONING", null, null, request.Tags);
        Tasks.Add(task);
        return Task.FromResult<(IReadOnlyList<EcsTask>, IReadOnlyList<EcsTaskFailure>)>(([task], []));
    }

    public Task<IReadOnlyList<string>> ListTasksAsync(string cluster, string family, string desiredStatus, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>(Tasks
            .Where(t => t.TaskDefinitionArn!.Contains($"/{family}:", StringComparison.Ordinal))
            .Where(t => (t.LastStatus == "STOPPED") == (desiredStatus == "STOPPED"))
            .Select(t => t.TaskArn).ToList());

    public Task<IReadOnlyList<EcsTask>> DescribeTasksAsync(string cluster, IReadOnlyList<string> tasks, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<EcsTask>>(Tasks.Where(t => tasks.Contains(t.TaskArn)).ToList());

    public Task StopTaskAsync(string cluster, string task, string reason, CancellationToken ct)
    {
        Stops.Add((task, reason));
        Finish(Tasks.FindIndex(t => t.TaskArn == task), null, reason);
        return Task.CompletedTask;
    }

    /// <summary>The task stops: its container <paramref name="container"/> exits with <paramref name="exitCode"/> (null: it never ran).</summary>
    public void Finish(int index, int? exitCode, string? stoppedReason = null, string container = "web") =>
        Tasks[index] = Tasks[index] with
        {
            LastStatus = "STOPPED",
            StoppedReason = stoppedReason,
            Containers = [new EcsTaskContainer(container, "STOPPED", exitCode, exitCode is null ? "CannotPullContainerError" : null)],
        };
}
