namespace Reconciler.Model.Kinds;

internal sealed record LogGroupSpec(string Name, int? RetentionDays);
