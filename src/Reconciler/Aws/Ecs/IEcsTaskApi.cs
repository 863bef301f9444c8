namespace Reconciler.Aws.Ecs;

/// <summary>
/// The ECS task operations (one-off tasks before a deployment), apart from the rest of <see cref="IEcsApi"/> so that
/// the decisions made on their answers are tested without AWS.
/// </summary>
internal interface IEcsTaskApi
{
    /// <summary>Starts the task; the answer's tasks are empty and its failures say why when none could be placed.</summary>
    Task<(IReadOnlyList<EcsTask> Tasks, IReadOnlyList<EcsTaskFailure> Failures)> RunTaskAsync(RunTaskRequest request, CancellationToken ct);

    /// <summary>The tasks of a cluster started by <paramref name="startedBy"/> from <paramref name="family"/> with that desired status (RUNNING or STOPPED).</summary>
    Task<IReadOnlyList<string>> ListTasksAsync(string cluster, string startedBy, string family, string desiredStatus, CancellationToken ct);

    /// <summary>The tasks with their tags, in batches of 100 (the API's limit per call).</summary>
    Task<IReadOnlyList<EcsTask>> DescribeTasksAsync(string cluster, IReadOnlyList<string> tasks, CancellationToken ct);

    Task StopTaskAsync(string cluster, string task, string reason, CancellationToken ct);
}
