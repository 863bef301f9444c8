using Reconciler.Model.Spec;
using Reconciler.Model.Validation;

namespace Reconciler.Model.Loading;

/// <summary>The outcome of loading one file. <see cref="Document"/> is usable only when <see cref="IsValid"/>.</summary>
internal sealed record LoadedSpec(string File, EnvironmentDocument? Document, SourceMap Positions, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsValid => Document is not null && !Diagnostics.Any(d => d.IsError);

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);

    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => !d.IsError);
}
