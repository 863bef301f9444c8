namespace Reconciler.Import;

/// <summary>A starting point that does not exist, or options that cannot work: one line for the user, exit 1.</summary>
internal sealed class ImportException(string message) : Exception(message);
