using Reconciler.Model.Graph;
using Reconciler.Providers.Observation;

namespace Reconciler.Import;

/// <summary>
/// After --adopt, waits (bounded) until the Resource Groups Tagging API lists what was just tagged. The providers of the
/// kinds below find what an environment owns only through that API (<see cref="TaggedInventory"/>: one GetResources per
/// observation), and GetResources is eventually consistent: it lags the services' own tags
/// (https://github.com/aws/aws-cli/issues/4173 "just eventual consistency", https://github.com/aws/aws-sdk/issues/676,
/// https://github.com/hashicorp/terraform-provider-aws/pull/17280 for target group tags). A `plan` run in that lag showed
/// the adopted cluster, service, log group and listeners as missing (found through the behaviours layer,
/// ImportThroughLayerTests), and an `apply` would have created second copies beside the adopted ones. Kinds not here
/// are read from their own service (EC2 filters by tag) or have a fallback read for what the inventory does not list.
/// </summary>
internal static class AdoptionListing
{
    /// <summary>The kinds whose providers see an owned resource only once GetResources lists it.</summary>
    public static readonly IReadOnlySet<string> InventoryOnlyKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        ResourceKinds.LoadBalancer.Name, ResourceKinds.TargetGroup.Name, ResourceKinds.EcsCluster.Name, ResourceKinds.EcsService.Name,
        ResourceKinds.TaskDefinition.Name, ResourceKinds.LogGroup.Name, ResourceKinds.Certificate.Name, ResourceKinds.DbInstance.Name,
    };

    /// <summary>How long --adopt waits for the Tagging API (seconds on AWS in practice; the bound keeps a lag from hanging it).</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(15);

    /// <summary>Polls the inventory until it lists each of <paramref name="arns"/> as <paramref name="environment"/>'s; returns those it still does not list after <paramref name="bound"/>.</summary>
    public static async Task<IReadOnlyList<string>> AwaitAsync(TaggedInventory inventory, string environment, IReadOnlyCollection<string> arns, TimeProvider time, TimeSpan bound, CancellationToken ct)
    {
        var missing = arns.Select(Key).ToHashSet(StringComparer.Ordinal);
        var deadline = time.GetUtcNow() + bound;
        var delay = FirstDelay;
        while (missing.Count > 0)
        {
            var listed = await inventory.OwnedAsync([environment], ct).ConfigureAwait(false);
            missing.ExceptWith(listed.Keys.Select(Key));
            var left = deadline - time.GetUtcNow();
            if (missing.Count == 0 || left <= TimeSpan.Zero)
            {
                break;
            }

            await Task.Delay(delay < left ? delay : left, time, ct).ConfigureAwait(false);
            delay = delay * 2 < MaxDelay ? delay * 2 : MaxDelay;
        }

        return [.. missing.Order(StringComparer.Ordinal)];
    }

    // DescribeLogGroups answers a group's ARN with ":*" at the end in `arn` and without it in `logGroupArn`; GetResources
    // without (CloudWatch Logs API reference, LogGroup: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_LogGroup.html).
    private static string Key(string arn) => arn.EndsWith(":*", StringComparison.Ordinal) ? arn[..^2] : arn;
}
