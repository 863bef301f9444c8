namespace Reconciler.Security;

/// <summary>How the generated policy conditions an action on the ownership tag <c>reconciler:environment</c>.</summary>
internal enum TagGuard
{
    /// <summary>No tag condition: the row says why (no such key in the reference, the row not read, names scope it).</summary>
    None,

    /// <summary>Deletes and modifications: <c>aws:ResourceTag/reconciler:environment</c> on the guarded resource types.</summary>
    Owned,

    /// <summary>Creations: <c>aws:RequestTag/reconciler:environment</c> and <c>aws:TagKeys</c> on the created types.</summary>
    Created,

    /// <summary>
    /// A tagging call of a service with a CreateAction key: only while one of our creations tags (the key names it), or
    /// on a resource that already carries our tag. An untagged resource cannot be tagged, so it cannot be taken over.
    /// </summary>
    TagOnCreateOrOwned,

    /// <summary>
    /// A tagging call of a service without a CreateAction key, which AWS also checks when a create sends tags: on a
    /// resource that carries our tag, or with both ownership tags in the request. The second cannot tell a create from
    /// tagging someone else's untagged resource: docs/accounts.md lists these.
    /// </summary>
    TagOnRequestOrOwned,
}
