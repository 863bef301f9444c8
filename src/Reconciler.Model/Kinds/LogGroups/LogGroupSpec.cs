using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

internal sealed record LogGroupSpec(string Name, int? RetentionDays)
{
    /// <summary>Reads one entry of <c>logGroups</c>; no retentionDays keeps events forever.</summary>
    public static LogGroupSpec Bind(MappingReader r) => new(r.Required("name"), r.Int("retentionDays"));
}
