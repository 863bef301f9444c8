using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>A log group of the spec, its logical name without the leading '/'.</summary>
internal static class LogGroupExpansion
{
    public static void Add(GraphContext ctx, LogGroupSpec group) =>
        ctx.Add(LogGroupKind.Kind, group.Name.TrimStart('/'),
        [
            (LogGroupKind.Name, FieldValue.Of(group.Name)),
            (LogGroupKind.RetentionDays, FieldValue.Of(new LogRetention(group.RetentionDays))),
        ]);
}
