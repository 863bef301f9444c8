namespace Reconciler.Model.Spec;

internal sealed record LogGroupSpec(string Name, int? RetentionDays);
