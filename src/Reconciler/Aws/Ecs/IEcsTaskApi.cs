namespace Reconciler.Aws.Ecs;

/// <summary>
/// The ECS task operations (one-off tasks before a deployment), apart from the rest of <see cref="IEcsApi"/> so that
/// the decisions made on their answers are tested without AWS.
/// </summary>
internal interface IEcsTaskApi
{
    /// <summary>Starts the task; the answer's tasks are empty and its failures say why when none could be placed.</summary>
    Task<(IReadOnlyList<EcsTask> Tasks, IReadOnlyList<EcsTaskFailure> Failures)> RunTaskAsync(RunTaskRequest request, CancellationToken ct);

    /// <summary>
    /// The tasks of a cluster from <paramref name="family"/> with that desired status (RUNNING or STOPPED). No startedBy
    /// filter: the ECS API reference of ListTasks says "When you specify startedBy as the filter, it must be the only
    /// filter that you use", and AWS answers InvalidParameterException otherwise; callers check startedBy on the tasks.
    /// </summary>
    Task<IReadOnlyList<string>> ListTasksAsync(string cluster, string family, string desiredStatus, CancellationToken ct);

    /// <summary>The tasks with their tags, in batches of 100 (the API's limit per call).</summary>
    Task<IReadOnlyList<EcsTask>> DescribeTasksAsync(string cluster, IReadOnlyList<string> tasks, CancellationToken ct);

    Task StopTaskAsync(string cluster, string task, string reason, CancellationToken ct);
}
