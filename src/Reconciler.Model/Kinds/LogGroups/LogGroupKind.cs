using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The log-group kind. The name is fixed by CreateLogGroup; the retention changes in place (PutRetentionPolicy,
/// DeleteRetentionPolicy: CloudWatch Logs API reference).
/// </summary>
internal static class LogGroupKind
{
    public const string Name = "name";
    public const string RetentionDays = "retentionDays";

    public static ResourceKind Kind { get; } = ResourceKind.Define("log-group", 5,
        "A CloudWatch Logs group of `spec.logGroups[]`, named as written (`/ecs/app` is `log-group/ecs/app`); the AWS id and `name` are its name.",
        [
            new(Name, "the group's name as written", ForcesReplacement: true),
            new(RetentionDays, "days events are kept (a LogRetention), or `never` when the spec sets none"),
        ]);
}
