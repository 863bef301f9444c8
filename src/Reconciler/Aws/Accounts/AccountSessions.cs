using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using Reconciler.Model.Graph;

namespace Reconciler.Aws.Accounts;

/// <summary>
/// The credentials of each environment's target and the account they belong to. Role sessions are cached per
/// (role, external id, session name) and refreshed before they expire (<see cref="AssumedRoleCredentials"/>); the
/// account behind a set of credentials (STS GetCallerIdentity) is cached per session, so the account guard costs one
/// call per session, not one per pass.
/// </summary>
internal sealed class AccountSessions(AwsClientFactory clients, Func<AwsTarget, AwsCallRunner> runnerFor, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, AssumedRoleCredentials> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Session, string Account)> _accounts = new(StringComparer.Ordinal);

    /// <summary>The credentials of <paramref name="target"/>: its role session, or null for the caller's own (the default chain).</summary>
    public AWSCredentials? Credentials(AwsTarget target) =>
        target.RoleArn is not { } role
            ? null
            : _sessions.GetOrAdd($"{role}|{target.ExternalId}|{target.SessionName}", _ => new AssumedRoleCredentials(
                // AssumeRole is called with the caller's own credentials, at the target's regional STS endpoint.
                clients.Sts(target.Region), runnerFor(new AwsTarget(target.Region)), time, role, target.ExternalId, target.SessionName ?? "reconciler"));

    /// <summary>Role sessions assumed so far, over all targets (tests, metrics).</summary>
    public long SessionsAssumed => _sessions.Values.Sum(s => s.Sessions);

    /// <summary>
    /// The account <paramref name="target"/>'s credentials are for (GetCallerIdentity, which needs no permission:
    /// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html), asked once per session.
    /// </summary>
    public async Task<string> AccountAsync(AwsTarget target, CancellationToken ct)
    {
        var credentials = Credentials(target);
        if (credentials is AssumedRoleCredentials assumed)
        {
            // The session first, so that the cache key below names the session the answer is for.
            await assumed.GetCredentialsAsync().ConfigureAwait(false);
        }

        var key = target.ClientKey;
        var session = (credentials as AssumedRoleCredentials)?.Sessions ?? 0;
        if (_accounts.TryGetValue(key, out var known) && known.Session == session)
        {
            return known.Account;
        }

        var sts = clients.Sts(target.Region, credentials, key);
        var identity = await runnerFor(target).RunAsync("sts", "GetCallerIdentity", CallPurpose.Read, c => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), c), ct).ConfigureAwait(false);
        _accounts[key] = (session, identity.Account);
        return identity.Account;
    }

    /// <summary>
    /// The account guard: throws <see cref="AccountMismatchException"/> when <paramref name="target"/> names an account
    /// and its credentials are for another. Nothing to check (no <c>spec.account.id</c>): no call at all.
    /// </summary>
    public async Task GuardAsync(string environment, AwsTarget target, CancellationToken ct)
    {
        if (target.AccountId is not { } expected)
        {
            return;
        }

        var actual = await AccountAsync(target, ct).ConfigureAwait(false);
        if (actual != expected)
        {
            throw new AccountMismatchException(environment, expected, actual);
        }
    }
}
