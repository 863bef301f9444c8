namespace Reconciler.Model.Editing;

/// <summary>An edit that cannot be made safely: the message says why, for a person to read.</summary>
internal sealed class SpecEditException(string message) : Exception(message);
