namespace Reconciler.Aws;

/// <summary>Why a call is made; each purpose has its own retry pipeline.</summary>
internal enum CallPurpose
{
    /// <summary>Describe, List, Get: throttling and transient faults are retried.</summary>
    Read,

    /// <summary>Create, modify, tag: as Read, plus NotFound for a bounded time (a resource just created or referenced).</summary>
    Mutate,

    /// <summary>Delete, revoke, detach: throttling, transient faults and DependencyViolation while dependents go away. NotFound is not retried: gone is done.</summary>
    Delete,
}
