using System.Text.Json.Serialization;

namespace Reconciler.Aws.Ecs;

/// <summary>What DescribeTaskDefinition (with include=TAGS) and RegisterTaskDefinition answer.</summary>
internal sealed record TaskDefinitionAnswer(
    [property: JsonPropertyName("taskDefinition")] EcsTaskDefinition TaskDefinition,
    [property: JsonPropertyName("tags")] List<EcsTag>? Tags);
