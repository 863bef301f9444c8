namespace Reconciler.Aws.Accounts;

/// <summary>
/// The account guard refused an environment: its credentials are for another account than <c>spec.account.id</c>.
/// Terminal (retrying cannot fix credentials), raised before any change; the message names both ids and nothing secret.
/// </summary>
internal sealed class AccountMismatchException(string environment, string expected, string actual)
    : Exception($"environment {environment} expects account {expected} but the credentials are for {actual}")
{
    public string Environment => environment;

    public string Expected => expected;

    public string Actual => actual;
}
