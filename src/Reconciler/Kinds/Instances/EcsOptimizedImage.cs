using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Reconciler.Aws;

namespace Reconciler.Kinds;

/// <summary>
/// The AMI that <c>image: ecs-optimized</c> stands for: the ECS-optimized Amazon Linux 2 image that AWS recommends,
/// from its public SSM parameter. Read at most once per <see cref="CacheFor"/>: AWS updates it every few weeks, and
/// a reconcile every few minutes need not ask each time.
/// </summary>
internal sealed class EcsOptimizedImage(AmazonSimpleSystemsManagementClient ssm, AwsCallRunner runner, TimeProvider time)
{
    public const string Alias = InstanceKind.EcsOptimized;
    public const string Parameter = "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id";

    private readonly SemaphoreSlim _lock = new(1, 1);
    private (string ImageId, DateTimeOffset ReadAt)? _cached;

    public TimeSpan CacheFor { get; init; } = TimeSpan.FromMinutes(30);

    public async Task<string> CurrentAsync(CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            if (_cached is { } cached && now - cached.ReadAt < CacheFor)
            {
                return cached.ImageId;
            }

            var response = await runner.RunAsync("ssm", "GetParameter", CallPurpose.Read,
                c => ssm.GetParameterAsync(new GetParameterRequest { Name = Parameter }, c), ct).ConfigureAwait(false);
            _cached = (response.Parameter.Value, now);
            return response.Parameter.Value;
        }
        finally
        {
            _lock.Release();
        }
    }
}
