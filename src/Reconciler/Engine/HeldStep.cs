namespace Reconciler.Engine;

/// <summary>
/// One step held back after a failure whose <see cref="Message"/> it keeps. <see cref="Until"/> null: held for the rest of
/// the current apply only (a retryable failure whose retries are spent, or a terminal one not yet given its long hold).
/// </summary>
internal sealed record HeldStep(string Message, bool Terminal, DateTimeOffset? Until)
{
    /// <summary>Why the step is skipped, for the step's result, the log and the status.</summary>
    public string Reason => (Terminal, Until) switch
    {
        (true, { } until) => $"held back until {until:u} after a failure that retrying cannot fix: {Message}",
        (true, null) => $"held back after a failure that retrying cannot fix: {Message}",
        _ => $"held back for the rest of this apply after a failure: {Message}",
    };
}
