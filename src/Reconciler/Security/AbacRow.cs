namespace Reconciler.Security;

/// <summary>
/// One action the reconciler uses: what the Service Authorization Reference lists for it (<see cref="Access"/>,
/// <see cref="Resources"/> with their condition keys; empty when the action takes no resource type, "*"), and how the
/// generated policy uses that (<see cref="Guard"/> on the <see cref="Guarded"/> resource types). <see cref="Why"/> says
/// why a mutating action is left without a tag condition; <see cref="RowRead"/> is false when the stored copy of the
/// reference was not read for this action, and then the action is never conditioned (no guessing).
/// </summary>
internal sealed record AbacRow(
    string Action,
    AccessLevel Access,
    IReadOnlyList<ResourceKeys> Resources,
    TagGuard Guard,
    IReadOnlyList<string> Guarded,
    string? Why = null,
    bool RowRead = true)
{
    public string Prefix => Action[..Action.IndexOf(':', StringComparison.Ordinal)];

    public bool Mutating => Access is AccessLevel.Write or AccessLevel.Tagging;

    public IReadOnlyList<string> KeysOf(string type) => Resources.FirstOrDefault(r => r.Type == type)?.Keys ?? [];
}
