using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reconciler.Kinds;

/// <summary>
/// The execution role's read access to the secrets and parameters its task definitions name. The ECS agent reads them
/// with the task execution role: "secretsmanager:GetSecretValue" for Secrets Manager, "ssm:GetParameters" for Parameter
/// Store, and "kms:Decrypt" only when the secret uses a customer managed key (ECS developer guide, "Amazon ECS task
/// execution IAM role", section "Required permissions for Secrets Manager or Systems Manager"). The managed secret
/// RDS creates uses the AWS managed key unless one is named, so no key statement is written yet.
/// </summary>
internal static class SecretsPolicyDocument
{
    public const string ReadSecrets = "secretsmanager:GetSecretValue";
    public const string ReadParameters = "ssm:GetParameters";

    /// <summary>The document: one statement per action that has resources, resources sorted (stable text).</summary>
    public static string Write(IReadOnlyCollection<string> secrets, IReadOnlyCollection<string> parameters)
    {
        var statements = new JsonArray();
        foreach (var (sid, action, resources) in new[] { ("ReadSecrets", ReadSecrets, secrets), ("ReadParameters", ReadParameters, parameters) })
        {
            if (resources.Count > 0)
            {
                statements.Add(new JsonObject
                {
                    ["Sid"] = sid,
                    ["Effect"] = "Allow",
                    ["Action"] = action,
                    ["Resource"] = new JsonArray([.. resources.Order(StringComparer.Ordinal).Select(r => (JsonNode)JsonValue.Create(r))]),
                });
            }
        }

        return new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = statements }.ToJsonString();
    }

    /// <summary>
    /// The resources the document allows <paramref name="action"/> on, whoever wrote it: Action and Resource may each
    /// be a string or a list (IAM JSON policy reference, "Action" and "Resource" elements); Deny statements grant nothing.
    /// </summary>
    public static IReadOnlyCollection<string> Resources(string document, string action)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(document);
        }
        catch (JsonException)
        {
            return [];
        }

        var statements = root?["Statement"] switch
        {
            JsonArray list => list.OfType<JsonObject>(),
            JsonObject one => [one],
            _ => [],
        };
        return statements
            .Where(s => (string?)s["Effect"] == "Allow" && Strings(s["Action"]).Contains(action, StringComparer.OrdinalIgnoreCase))
            .SelectMany(s => Strings(s["Resource"]))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray list => list.Select(n => n?.GetValueKind() == JsonValueKind.String ? (string?)n : null).OfType<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [(string)value!],
        _ => [],
    };
}
