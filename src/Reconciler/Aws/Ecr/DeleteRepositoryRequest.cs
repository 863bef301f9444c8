using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecr;

/// <summary><see cref="Force"/> deletes the images with the repository: only with the resource's explicit opt-in.</summary>
internal sealed record DeleteRepositoryRequest(
    [property: JsonPropertyName("repositoryName")] string RepositoryName,
    [property: JsonPropertyName("force")] bool Force);
