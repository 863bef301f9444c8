using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecr;

/// <summary>The answer of CreateRepository (and DeleteRepository): the repository.</summary>
internal sealed record RepositoryResponse([property: JsonPropertyName("repository")] Repository Repository);
