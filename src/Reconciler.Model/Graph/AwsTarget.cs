using Reconciler.Model.Spec;

namespace Reconciler.Model.Graph;

/// <summary>
/// Where an environment's calls go and with which credentials: its region, the account it must be in
/// (<c>spec.account.id</c>, checked by the account guard) and the role it assumes there, if any. Null role: the
/// caller's own credentials (the default chain), as before accounts existed.
/// </summary>
internal sealed record AwsTarget(string Region, string? AccountId = null, string? RoleArn = null, string? ExternalId = null, string? SessionName = null)
{
    public static AwsTarget Of(string environment, string region, AccountSpec? account) =>
        account is null
            ? new AwsTarget(region)
            : new AwsTarget(region, account.Id, account.RoleArn, account.RoleArn is null ? null : account.ExternalId, account.RoleArn is null ? null : account.Session(environment));

    /// <summary>The account of <see cref="RoleArn"/> (arn:aws:iam::ACCOUNT:role/...), null without a role.</summary>
    public string? RoleAccount => RoleArn?.Split(':') is { Length: > 5 } parts ? parts[4] : null;

    /// <summary>One set of clients and providers per region and credentials (role, external id, session).</summary>
    public string ClientKey => RoleArn is null ? Region : $"{Region}|{RoleArn}|{ExternalId}|{SessionName}";

    /// <summary>
    /// The shared observation: environments of one region read through the same role (whatever their session) are
    /// observed together; those on the caller's own credentials share the region's, as before.
    /// </summary>
    public string ObservationKey => RoleArn is null ? Region : $"{Region}|{RoleArn}|{ExternalId}";

    /// <summary>The API budget's scope: AWS counts its request buckets per account and region.</summary>
    public string BudgetScope(bool global) => (RoleAccount, global) switch
    {
        (null, true) => "global",
        (null, false) => Region,
        (var account, true) => account + "/global",
        (var account, false) => account + "/" + Region,
    };

    /// <summary>For logs and status: <c>111111111111/eu-west-1</c>, or the region alone.</summary>
    public override string ToString() => (AccountId ?? RoleAccount) is { } account ? $"{account}/{Region}" : Region;
}
