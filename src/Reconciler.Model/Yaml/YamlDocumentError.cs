namespace Reconciler.Model.Yaml;

/// <summary>A problem that stops a document from being read at all.</summary>
internal sealed record YamlDocumentError(SourceMark Mark, string Message);
