namespace Reconciler.Import;

/// <summary>What adoption did with one target.</summary>
internal enum AdoptionStatus
{
    /// <summary>The ownership tags (or, for a Route53 record, the owner TXT record) were written.</summary>
    Adopted,

    /// <summary>It already carried this environment's ownership for the same logical id: nothing written.</summary>
    AlreadyOurs,

    /// <summary>A kind shared by the environments of the account (IAM role, instance profile, hosted zone): found by name, never tagged for one environment, so nothing written.</summary>
    Shared,

    /// <summary>Left alone: owned by another environment (named in the reason), not found, or not taggable.</summary>
    Refused,
}
