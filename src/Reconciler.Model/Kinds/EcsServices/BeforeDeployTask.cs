using System.Text.Json;
using Reconciler.Model.Spec;

namespace Reconciler.Model.Kinds;

/// <summary>An ecs-service's beforeDeploy tasks as the instruction text the graph carries to the provider (JSON).</summary>
internal static class BeforeDeploy
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(IReadOnlyList<BeforeDeploySpec> tasks) => JsonSerializer.Serialize(tasks, Options);

    public static IReadOnlyList<BeforeDeploySpec> Parse(string? text) =>
        string.IsNullOrEmpty(text) ? [] : JsonSerializer.Deserialize<List<BeforeDeploySpec>>(text, Options) ?? [];
}
