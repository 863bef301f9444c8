using Reconciler.Model.Yaml;

namespace Reconciler.Model.Validation;

/// <summary>One problem in a spec, printed as <c>FILE:LINE:COLUMN: severity: field.path: message</c>.</summary>
internal sealed record Diagnostic(Severity Severity, string File, SourceMark Mark, string Path, string Message)
{
    public bool IsError => Severity == Severity.Error;

    public override string ToString()
    {
        var level = Severity == Severity.Error ? "error" : "warning";
        var path = Path.Length == 0 ? string.Empty : Path + ": ";
        return $"{File}:{Mark.Line}:{Mark.Column}: {level}: {path}{Message}";
    }
}
