namespace Reconciler.Aws;

/// <summary>Why a call is made; each purpose has its own retry pipeline.</summary>
internal enum CallPurpose
{
    /// <summary>Describe, List, Get: throttling and transient faults are retried.</summary>
    Read,

    /// <summary>Create, modify, tag: as Read, plus NotFound for a bounded time (a resource just created or referenced).</summary>
    Mutate,

    /// <summary>
    /// A create that AWS cannot make idempotent (no client token, no unique name: CreateVpc, AllocateAddress, ...), or
    /// whose token an endpoint may ignore while the resource is found by its tags anyway (RunInstances, CreateNatGateway,
    /// CreateHostedZone, CreateLoadBalancer, CreateListener).
    /// Throttling and NotFound are retried (AWS refused the request), but a transient error is not: the request may
    /// have been applied and only its answer lost, and sending it again would make a second resource. The engine looks
    /// again (by tags) before creating anew.
    /// </summary>
    Create,

    /// <summary>Delete, revoke, detach: throttling, transient faults and DependencyViolation while dependents go away. NotFound is not retried: gone is done.</summary>
    Delete,
}
