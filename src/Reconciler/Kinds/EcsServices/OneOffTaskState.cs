namespace Reconciler.Kinds;

/// <summary>Where a beforeDeploy task stands, decided from what DescribeTasks says (see <see cref="BeforeDeployRunner.Decide"/>).</summary>
internal enum OneOffTaskState
{
    /// <summary>No task of this group exists yet: start one.</summary>
    NotStarted,

    /// <summary>It runs: look again later, holding no worker.</summary>
    Running,

    /// <summary>It has run longer than its timeout: stop it, and fail the deployment.</summary>
    TimedOut,

    /// <summary>Its container exited 0: the deployment may go ahead.</summary>
    Succeeded,

    /// <summary>It stopped with another exit code, or without running: the service keeps its revision.</summary>
    Failed,
}
