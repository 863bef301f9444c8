using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Web;

/// <summary>
/// The bearer token that allows the dashboard's one action ("Resync now"), given at start with <c>--ui-token</c> or
/// <see cref="Variable"/>. Compared in constant time; never written anywhere (its text is not in <see cref="ToString"/>).
/// </summary>
internal sealed class UiToken
{
    public const string Variable = "RECONCILER_UI_TOKEN";

    private readonly byte[] _hash;

    private UiToken(string token) => _hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The token given, or null (no action offered) when none or an empty one is.</summary>
    public static UiToken? Of(string? token) => string.IsNullOrWhiteSpace(token) ? null : new UiToken(token.Trim());

    /// <summary>Whether <paramref name="presented"/> is the token; hashing first makes the comparison length-independent.</summary>
    public bool Matches(string? presented) =>
        presented is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(presented.Trim())));

    public override string ToString() => "(ui token)";
}
