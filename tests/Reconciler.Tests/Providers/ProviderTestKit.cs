using Reconciler.Aws.Ecr;
using Reconciler.Aws.Http;
using Reconciler.Aws.Iam;
using Reconciler.Aws.Logs;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;
using Reconciler.Providers.Observation;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Providers;

/// <summary>The thin clients on moto_server, and the create / observe / diff steps the provider tests share.</summary>
internal sealed class ProviderTestKit : IDisposable
{
    private readonly EngineHarness _h = new();

    public IEcrApi Ecr => new EcrApi(_h.Aws.Json(AwsServices.Ecr, EngineHarness.Region));

    public ICloudWatchLogsApi Logs => new CloudWatchLogsApi(_h.Aws.Json(AwsServices.Logs, EngineHarness.Region));

    public TaggedInventory Inventory => _h.Aws.Inventory(EngineHarness.Region);

    public IIamApi Iam => new IamApi(_h.Aws.Query(AwsServices.Iam, EngineHarness.Region));

    public JsonProtocolClient Json(AwsServiceInfo service) => _h.Aws.Json(service, EngineHarness.Region);

    /// <summary>One resource of the sample (renamed to <paramref name="environment"/>, optionally edited) by logical id.</summary>
    public static DesiredResource Desired(string environment, string logicalId, Func<string, string>? edit = null)
    {
        var (_, graph) = TestSpecs.Load(TestSpecs.SampleText(environment, edit));
        return graph.Find(logicalId) ?? throw new InvalidOperationException($"the sample has no {logicalId}");
    }

    /// <summary>My kinds refer to no other resource: resolving is the identity.</summary>
    public static ResolvedResource Resolved(DesiredResource desired) => new(desired, Planner.ResolveAll(desired, _ => null));

    public static IReadOnlyList<FieldChange> Diff(DesiredResource desired, ObservedResource observed) => Planner.Diff(desired, observed, _ => null);

    /// <summary>What the provider observes of this logical id in this environment (null: nothing).</summary>
    public static async Task<ObservedResource?> Observe(IResourceProvider provider, string environment, DesiredResource desired)
    {
        var all = await provider.ObserveAsync([environment], [desired], CancellationToken.None);
        return Assert.Single(all.Where(o => o.LogicalId == desired.LogicalId && o.Environment == environment).DefaultIfEmpty()) is { } found ? found : null;
    }

    public void Dispose() => _h.Dispose();
}
