using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Reconciler.Aws.Accounts;

/// <summary>
/// The credentials of one role session (role, external id, session name), assumed with STS on first use and assumed
/// again <see cref="RefreshBefore"/> ahead of their expiry, by <see cref="TimeProvider"/> (so a test moves the clock
/// rather than waiting an hour). Every client of the environment signs with this one object, observation included, so
/// a refresh reaches them all at once and a pass never signs with an expired session.
/// AssumeRole returns AccessKeyId, SecretAccessKey, SessionToken and Expiration; the session lasts DurationSeconds
/// (900 s up to the role's maximum, 3600 s by default): https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
/// </summary>
internal sealed class AssumedRoleCredentials(
    AmazonSecurityTokenServiceClient sts, AwsCallRunner runner, TimeProvider time, string roleArn, string? externalId, string sessionName) : AWSCredentials
{
    /// <summary>How long before the expiry a session is replaced: longer than any one call, retries included.</summary>
    public static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);

    /// <summary>What is asked for: AWS's default, and the most a chained role session may last.</summary>
    public const int DurationSeconds = 3600;

    private readonly SemaphoreSlim _lock = new(1, 1);
    private ImmutableCredentials? _current;
    private DateTimeOffset _expires;
    private long _sessions;

    public string RoleArn => roleArn;

    public string SessionName => sessionName;

    /// <summary>Sessions assumed so far: 1 after the first use, one more per refresh (the account guard's cache key).</summary>
    public long Sessions => Interlocked.Read(ref _sessions);

    public override ImmutableCredentials GetCredentials() => GetCredentialsAsync().GetAwaiter().GetResult();

    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        if (Fresh() is { } current)
        {
            return current;
        }

        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Fresh() is { } again)
            {
                return again;
            }

            var request = new AssumeRoleRequest
            {
                RoleArn = roleArn,
                RoleSessionName = sessionName,
                ExternalId = externalId,
                DurationSeconds = DurationSeconds,
            };
            var asked = time.GetUtcNow();
            var response = await runner.RunAsync("sts", "AssumeRole", CallPurpose.Read, c => sts.AssumeRoleAsync(request, c), CancellationToken.None).ConfigureAwait(false);
            var credentials = response.Credentials;
            _current = new ImmutableCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken);
            // The clock that decides is ours (TimeProvider), not AWS's Expiration: the session lasts exactly what was
            // asked for (3600 s is within every role's maximum, 1-12 h, and the 1 h of a chained role), counted from
            // before the call, so a skewed machine clock cannot make it look valid for longer than it is.
            _expires = asked + TimeSpan.FromSeconds(DurationSeconds);
            Interlocked.Increment(ref _sessions);
            return _current;
        }
        finally
        {
            _lock.Release();
        }
    }

    private ImmutableCredentials? Fresh() =>
        _current is { } current && time.GetUtcNow() < _expires - RefreshBefore ? current : null;
}
