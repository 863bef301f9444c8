using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

/// <summary>
/// A one-off task run with a service's NEW task definition revision before the service moves to it (database
/// migrations): <see cref="Command"/> replaces the command of <see cref="Container"/>; the deployment goes ahead only
/// when it exits 0 within <see cref="TimeoutSeconds"/>.
/// </summary>
internal sealed record BeforeDeploySpec(string Container, IReadOnlyList<string> Command, int TimeoutSeconds)
{
    public const int DefaultTimeoutSeconds = 600;

    /// <summary>Reads one entry of a service's <c>beforeDeploy</c>.</summary>
    public static BeforeDeploySpec Bind(MappingReader m) => new(
        m.Required("container"),
        m.StringList("command", required: true),
        m.Int("timeoutSeconds", min: 10, max: 86_400) ?? DefaultTimeoutSeconds);
}
