using System.Collections.Concurrent;

namespace Reconciler.Providers.Observation;

/// <summary>
/// One observation (one <c>ReconcileEngine.ObserveAsync</c>): what several providers of a region would each read
/// (the account's load balancers, the Tagging API inventory, a zone's records) is read once and shared by all of them.
/// The engine opens the scope; it flows to the providers' tasks through an <see cref="AsyncLocal{T}"/>, so the
/// <see cref="IResourceProvider"/> interface stays as it is. Outside a scope (an apply step, a provider called alone)
/// nothing is shared and every read is made afresh: a memo never outlives the observation that filled it, so it can
/// never show a later plan stale state.
/// <para>
/// The scope also says which environments this observation reads <b>in detail</b> (<see cref="Detailed"/>): the
/// per-resource reads of fields no listing answers (VPC DNS attributes, bucket settings, ECS services, tags the
/// inventory lacks) are made for those, and for the others the values last read are reused (<see cref="DetailMemory{T}"/>).
/// Outside a scope, or with no set (the default: the CLI, every plan and every confirmation read), every environment
/// is read in detail.
/// </para>
/// </summary>
internal sealed class ObservationScope
{
    private static readonly AsyncLocal<ObservationScope?> CurrentScope = new();

    private readonly ConcurrentDictionary<(object Owner, string Key), Lazy<Task<object>>> _memo = new();
    private readonly IReadOnlySet<string>? _detailed;

    private ObservationScope(IReadOnlySet<string>? detailed) => _detailed = detailed;

    /// <summary>
    /// Runs <paramref name="observe"/> inside a new scope; the caller's scope (if any) is back afterwards.
    /// <paramref name="detailed"/>: the environments read in detail (null: all).
    /// </summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> observe, IReadOnlySet<string>? detailed = null)
    {
        // An async method restores the caller's AsyncLocal values when it returns: the scope ends with it.
        CurrentScope.Value = new ObservationScope(detailed);
        return await observe().ConfigureAwait(false);
    }

    /// <summary>Whether this observation reads <paramref name="environment"/> in detail: true outside a scope or when every environment is.</summary>
    public static bool Detailed(string environment) => CurrentScope.Value?._detailed is not { } detailed || detailed.Contains(environment);

    /// <summary>
    /// Whether this observation reads only some environments in detail (the controller's rotating shared observation,
    /// which covers every environment of the region it reconciles).
    /// </summary>
    public static bool Rotating => CurrentScope.Value?._detailed is not null;

    /// <summary>
    /// The result of <paramref name="load"/>, read once per observation for the same <paramref name="owner"/> (the
    /// per-region object that reads) and <paramref name="key"/>; read each time outside an observation.
    /// </summary>
    public static async Task<T> SharedAsync<T>(object owner, string key, Func<Task<T>> load)
        where T : class
    {
        if (CurrentScope.Value is not { } scope)
        {
            return await load().ConfigureAwait(false);
        }

        var lazy = scope._memo.GetOrAdd((owner, key), _ => new Lazy<Task<object>>(async () => await load().ConfigureAwait(false)));
        return (T)await lazy.Value.ConfigureAwait(false);
    }
}
