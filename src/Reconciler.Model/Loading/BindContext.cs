using Reconciler.Model.Validation;
using Reconciler.Model.Yaml;

namespace Reconciler.Model.Loading;

/// <summary>Collects diagnostics and positions while a document is bound to records.</summary>
internal sealed class BindContext(string file)
{
    public string File { get; } = file;

    public List<Diagnostic> Diagnostics { get; } = [];

    public SourceMap Positions { get; } = new(file);

    public void Error(SourceMark mark, string path, string message) =>
        Diagnostics.Add(new Diagnostic(Severity.Error, File, mark, path, message));

    public void Warning(SourceMark mark, string path, string message) =>
        Diagnostics.Add(new Diagnostic(Severity.Warning, File, mark, path, message));
}
