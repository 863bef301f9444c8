using System.Collections.Concurrent;

namespace Reconciler.Providers.Observation;

/// <summary>
/// One observation (one <c>ReconcileEngine.ObserveAsync</c>): what several providers of a region would each read
/// (the account's load balancers, the Tagging API inventory, a zone's records) is read once and shared by all of them.
/// The engine opens the scope; it flows to the providers' tasks through an <see cref="AsyncLocal{T}"/>, so the
/// <see cref="IResourceProvider"/> interface stays as it is. Outside a scope (an apply step, a provider called alone)
/// nothing is shared and every read is made afresh: a memo never outlives the observation that filled it, so it can
/// never show a later plan stale state.
/// </summary>
internal sealed class ObservationScope
{
    private static readonly AsyncLocal<ObservationScope?> CurrentScope = new();

    private readonly ConcurrentDictionary<(object Owner, string Key), Lazy<Task<object>>> _memo = new();

    /// <summary>Runs <paramref name="observe"/> inside a new scope; the caller's scope (if any) is back afterwards.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> observe)
    {
        // An async method restores the caller's AsyncLocal values when it returns: the scope ends with it.
        CurrentScope.Value = new ObservationScope();
        return await observe().ConfigureAwait(false);
    }

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
