using Microsoft.Extensions.Logging;
using Reconciler.Controller;
using Reconciler.Engine;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Cli;

/// <summary>
/// The plans of the environments a verb was given, observed as the controller observes them: the environments of one
/// region share one observation (the controller's <see cref="SharedObservation"/>, taken once for the whole run), and
/// only an environment whose plan from it shows changes is read again on its own before it is printed or applied. A
/// region with one environment is observed on its own at once (sharing would only add the confirmation read). So
/// <c>plan envs/</c> of a converged folder costs about one observation, not one per environment (issue 14).
/// </summary>
internal sealed class FleetPlans
{
    private readonly ReconcileEngine _engine;
    private readonly SharedObservation _shared;
    private readonly Dictionary<string, List<ResourceGraph>> _regions;

    public FleetPlans(ReconcileEngine engine, IReadOnlyList<LoadedEnvironment> envs, TimeProvider time, ILogger log)
    {
        _engine = engine;
        // One snapshot for the whole run: the CLI lives seconds to minutes, and every plan with changes is confirmed.
        _shared = new SharedObservation(engine, time, TimeSpan.MaxValue, log);
        // Grouped as the controller groups them (AwsTarget.ObservationKey): one region, one account's credentials.
        _regions = envs.GroupBy(e => e.Graph.Target.ObservationKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Graph).DistinctBy(gr => gr.Environment, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }

    /// <summary>The plan of <paramref name="env"/>: from the shared observation of its region, confirmed where it shows changes.</summary>
    public Task<Plan> PlanAsync(LoadedEnvironment env, PlanOptions options, CancellationToken ct)
    {
        var region = _regions[env.Graph.Target.ObservationKey];
        return region.Count < 2
            ? _engine.PlanAsync(env.Graph, options, ct)
            : _shared.PlanAsync(env.Graph, options, () => region, ct);
    }

    /// <summary>Takes each shared observation now, before environments are planned concurrently (so exactly one is taken per region).</summary>
    public async Task ObserveAsync(CancellationToken ct)
    {
        foreach (var region in _regions.Values.Where(r => r.Count >= 2))
        {
            await _shared.TryGetAsync(region[0], () => region, ct).ConfigureAwait(false);
        }
    }
}
