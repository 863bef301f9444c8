using Reconciler.Model.Loading;

namespace Reconciler.Model.Spec;

/// <summary>
/// The AWS account an environment lives in (<c>spec.account</c>): its id, which the account guard checks before any
/// change, and optionally a role in it to assume (with an external id and a session name) instead of using the
/// controller's own credentials.
/// </summary>
internal sealed record AccountSpec(string? Id, string? RoleArn, string? ExternalId, string? SessionName)
{
    public static AccountSpec Bind(MappingReader r) => new(
        Id: r.String("id"),
        RoleArn: r.String("roleArn"),
        ExternalId: r.String("externalId"),
        SessionName: r.String("sessionName"));

    /// <summary>The session name in force: the spec's, else <c>reconciler-&lt;environment&gt;</c> (at most 64 characters, as STS allows).</summary>
    public string Session(string environment)
    {
        if (SessionName is { Length: > 0 } name)
        {
            return name;
        }

        var fallback = "reconciler-" + environment;
        return fallback.Length <= 64 ? fallback : fallback[..64];
    }
}
