using System.Globalization;
using Microsoft.Extensions.Configuration;
using Reconciler.Aws.Budget;

namespace Reconciler;

/// <summary>
/// The <c>RECONCILER_*</c> environment variables (docs/controller.md lists them), read once per process through
/// Microsoft.Extensions.Configuration: the host binds them from its own configuration (so appsettings.json may set them
/// too), the other verbs from the environment-variable provider alone. The raw text is kept and interpreted where it is
/// used, so a bad value fails where it always did (the API budget when the AWS layer is built), not at start-up.
/// </summary>
internal sealed record ReconcilerSettings(string? PollCap, string? SelfEnvironment, string? ApiBudget, string? DnsCheck, string? LogFormat)
{
    /// <summary>A duration (e.g. <c>1s</c>) capping the pauses before looking again at what is not ready: for emulators and tests.</summary>
    public const string PollCapVariable = "RECONCILER_POLL_CAP";

    /// <summary>The environment the controller runs on: never deleted or replaced (samples/controller.yaml sets it).</summary>
    public const string SelfEnvironmentVariable = "RECONCILER_SELF_ENVIRONMENT";

    /// <summary>A factor on AWS's published request rates (<c>2</c> for raised limits, <c>0.5</c> to leave room), or <c>off</c>.</summary>
    public const string BudgetVariable = "RECONCILER_API_BUDGET";

    /// <summary><c>off</c>: no public NS query to explain a pending certificate.</summary>
    public const string DnsCheckVariable = "RECONCILER_DNS_CHECK";

    /// <summary><c>text</c> or <c>json</c>: the log format on standard error (default: text on a terminal, JSON otherwise).</summary>
    public const string LogFormatVariable = "RECONCILER_LOG_FORMAT";

    public static ReconcilerSettings Read(IConfiguration configuration) => new(
        configuration[PollCapVariable],
        configuration[SelfEnvironmentVariable],
        configuration[BudgetVariable],
        configuration[DnsCheckVariable],
        configuration[LogFormatVariable]);

    /// <summary>For the verbs that run without the host: the environment variables, through the same provider the host uses.</summary>
    public static ReconcilerSettings FromEnvironment() => Read(new ConfigurationBuilder().AddEnvironmentVariables().Build());

    /// <summary>Null when unset or not a duration (as before: an unreadable cap is no cap).</summary>
    public TimeSpan? PollCapDuration => PollCap is { Length: > 0 } cap ? Cli.Durations.Parse(cap) : null;

    public bool DnsCheckOff => string.Equals(DnsCheck, "off", StringComparison.OrdinalIgnoreCase);

    /// <summary>The client-side API budget: AWS's published rates, scaled, or null when switched off.</summary>
    public ApiBudget? Budget(TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(ApiBudget))
        {
            return new ApiBudget(time);
        }

        if (string.Equals(ApiBudget, "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return double.TryParse(ApiBudget, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale > 0
            ? new ApiBudget(time, scale)
            : throw new InvalidOperationException($"{BudgetVariable} must be a positive number or 'off', not '{ApiBudget}'.");
    }
}
