using Reconciler.Aws.Http;

namespace Reconciler.Aws.Ecs;

/// <summary>
/// ECS over JSON 1.1. Simple inputs are anonymous objects whose member names are the model's (checked against
/// botocore in the tests); every call goes through the call runner with its purpose (Read, Mutate, Delete).
/// </summary>
internal sealed class EcsApi(JsonProtocolClient json) : IEcsApi
{
    public const int ClusterBatch = 100;
    public const int ServiceBatch = 10;
    public const int TaskBatch = 100;

    private static readonly string[] IncludeTags = ["TAGS"];

    public async Task<IReadOnlyList<EcsCluster>> DescribeClustersAsync(IReadOnlyList<string> clusters, CancellationToken ct)
    {
        var result = new List<EcsCluster>();
        foreach (var batch in clusters.Chunk(ClusterBatch))
        {
            var answer = await Call("DescribeClusters", new { clusters = batch, include = IncludeTags }, CallPurpose.Read, ct).ConfigureAwait(false);
            result.AddRange(answer.Clusters ?? []);
        }

        return result;
    }

    public async Task<EcsCluster> CreateClusterAsync(string name, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        (await Call("CreateCluster", new { clusterName = name, tags = EcsTag.From(tags) }, CallPurpose.Mutate, ct).ConfigureAwait(false)).Cluster
        ?? throw new InvalidOperationException("CreateCluster answered without a cluster");

    public Task DeleteClusterAsync(string cluster, CancellationToken ct) =>
        Call("DeleteCluster", new { cluster }, CallPurpose.Delete, ct);

    public Task TagResourceAsync(string arn, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        Call("TagResource", new { resourceArn = arn, tags = EcsTag.From(tags) }, CallPurpose.Mutate, ct);

    public Task<IReadOnlyList<string>> ListActiveTaskDefinitionsAsync(CancellationToken ct) =>
        Pages("ListTaskDefinitions", token => new { status = "ACTIVE", sort = "DESC", maxResults = 100, nextToken = token }, a => a.TaskDefinitionArns, ct);

    public Task<IReadOnlyList<string>> ListTaskDefinitionsAsync(string family, CancellationToken ct) =>
        Pages("ListTaskDefinitions", token => new { familyPrefix = family, status = "ACTIVE", nextToken = token }, a => a.TaskDefinitionArns, ct);

    public Task<TaskDefinitionAnswer> DescribeTaskDefinitionAsync(string taskDefinition, CancellationToken ct) =>
        json.CallAsync<object, TaskDefinitionAnswer>("DescribeTaskDefinition", new { taskDefinition, include = IncludeTags }, CallPurpose.Read, ct);

    public Task<TaskDefinitionAnswer> RegisterTaskDefinitionAsync(RegisterTaskDefinitionRequest request, CancellationToken ct) =>
        json.CallAsync<RegisterTaskDefinitionRequest, TaskDefinitionAnswer>("RegisterTaskDefinition", request, CallPurpose.Create, ct);

    public Task DeregisterTaskDefinitionAsync(string taskDefinition, CancellationToken ct) =>
        Call("DeregisterTaskDefinition", new { taskDefinition }, CallPurpose.Delete, ct);

    public async Task<IReadOnlyList<EcsService>> DescribeServicesAsync(string cluster, IReadOnlyList<string> services, CancellationToken ct)
    {
        var result = new List<EcsService>();
        foreach (var batch in services.Chunk(ServiceBatch))
        {
            var answer = await Call("DescribeServices", new { cluster, services = batch, include = IncludeTags }, CallPurpose.Read, ct).ConfigureAwait(false);
            result.AddRange(answer.Services ?? []);
        }

        return result;
    }

    public async Task<EcsService> CreateServiceAsync(CreateServiceRequest request, CancellationToken ct) =>
        (await json.CallAsync<CreateServiceRequest, EcsAnswer>("CreateService", request, CallPurpose.Mutate, ct).ConfigureAwait(false)).Service
        ?? throw new InvalidOperationException("CreateService answered without a service");

    public async Task<EcsService> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken ct) =>
        (await json.CallAsync<UpdateServiceRequest, EcsAnswer>("UpdateService", request, CallPurpose.Mutate, ct).ConfigureAwait(false)).Service
        ?? throw new InvalidOperationException("UpdateService answered without a service");

    public Task DeleteServiceAsync(string cluster, string service, CancellationToken ct) =>
        Call("DeleteService", new { cluster, service, force = true }, CallPurpose.Delete, ct);

    /// <summary>
    /// A create in the sense of <see cref="CallPurpose.Create"/>: a lost answer is not sent again blindly (a migration
    /// would run twice); the caller looks for the task by its group first. The request's clientToken makes ECS itself
    /// answer a repeated request with the first task (ECS_Idempotency in the API reference).
    /// </summary>
    public async Task<(IReadOnlyList<EcsTask> Tasks, IReadOnlyList<EcsTaskFailure> Failures)> RunTaskAsync(RunTaskRequest request, CancellationToken ct)
    {
        var answer = await json.CallAsync<RunTaskRequest, EcsAnswer>("RunTask", request, CallPurpose.Create, ct).ConfigureAwait(false);
        return (answer.Tasks ?? [], answer.Failures ?? []);
    }

    // startedBy must be ListTasks' only filter (ECS API reference, ListTasks): family and desiredStatus are used instead.
    public Task<IReadOnlyList<string>> ListTasksAsync(string cluster, string family, string desiredStatus, CancellationToken ct) =>
        Pages("ListTasks", token => new { cluster, family, desiredStatus, nextToken = token }, a => a.TaskArns, ct);

    public async Task<IReadOnlyList<EcsTask>> DescribeTasksAsync(string cluster, IReadOnlyList<string> tasks, CancellationToken ct)
    {
        var result = new List<EcsTask>();
        foreach (var batch in tasks.Chunk(TaskBatch))
        {
            var answer = await Call("DescribeTasks", new { cluster, tasks = batch, include = IncludeTags }, CallPurpose.Read, ct).ConfigureAwait(false);
            result.AddRange(answer.Tasks ?? []);
        }

        return result;
    }

    public Task<IReadOnlyList<string>> ListClustersAsync(CancellationToken ct) =>
        Pages("ListClusters", token => new { maxResults = 100, nextToken = token }, a => a.ClusterArns, ct);

    public Task<IReadOnlyList<string>> ListServicesAsync(string cluster, CancellationToken ct) =>
        Pages("ListServices", token => new { cluster, maxResults = 100, nextToken = token }, a => a.ServiceArns, ct);

    public Task StopTaskAsync(string cluster, string task, string reason, CancellationToken ct) =>
        Call("StopTask", new { cluster, task, reason }, CallPurpose.Mutate, ct);

    private Task<EcsAnswer> Call(string operation, object request, CallPurpose purpose, CancellationToken ct) =>
        json.CallAsync<object, EcsAnswer>(operation, request, purpose, ct);

    private async Task<IReadOnlyList<string>> Pages(string operation, Func<string?, object> request, Func<EcsAnswer, List<string>?> items, CancellationToken ct)
    {
        var result = new List<string>();
        string? token = null;
        do
        {
            var answer = await Call(operation, request(token), CallPurpose.Read, ct).ConfigureAwait(false);
            result.AddRange(items(answer) ?? []);
            token = answer.NextToken;
        }
        while (!string.IsNullOrEmpty(token));

        return result;
    }
}
