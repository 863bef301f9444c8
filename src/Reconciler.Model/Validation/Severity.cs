namespace Reconciler.Model.Validation;

internal enum Severity
{
    Error,
    Warning,
}
