namespace Reconciler.Aws;

/// <summary>How the retry layer treats an AWS error.</summary>
internal enum AwsErrorKind
{
    /// <summary>Slow down and try again.</summary>
    Throttling,

    /// <summary>5xx, timeouts, connection resets: try again.</summary>
    Transient,

    /// <summary>A resource just created or referenced is not visible yet (eventual consistency).</summary>
    NotFound,

    /// <summary>
    /// A resource just created is not usable yet by another service (an IAM instance profile or role not yet visible to
    /// EC2 or ECS): AWS answered with a validation code, but only the message tells it apart. Retried, then waited for.
    /// </summary>
    EventualConsistency,

    /// <summary>Something still depends on what is being deleted; retry while the dependent goes away.</summary>
    DependencyViolation,

    /// <summary>Retrying cannot fix it: access denied, validation, limits.</summary>
    Terminal,
}
