namespace Reconciler.Security;

/// <summary>
/// An action's access level as the AWS Service Authorization Reference gives it ("Tagging, Write" counts as
/// <see cref="Tagging"/>). Reads and lists are never conditioned on tags: that would hide what observation must see.
/// </summary>
internal enum AccessLevel
{
    List,
    Read,
    Write,
    Tagging,
}
