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

    /// <summary>Something still depends on what is being deleted; retry while the dependent goes away.</summary>
    DependencyViolation,

    /// <summary>Retrying cannot fix it: access denied, validation, limits.</summary>
    Terminal,
}
