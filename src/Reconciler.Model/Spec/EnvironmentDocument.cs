namespace Reconciler.Model.Spec;

/// <summary>One spec file: an environment, with the file it came from.</summary>
internal sealed record EnvironmentDocument(string ApiVersion, string Kind, EnvironmentMetadata Metadata, EnvironmentSpec Spec, string SourceFile)
{
    public string Name => Metadata.Name;
}
