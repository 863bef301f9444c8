using System.Text.Json;
using System.Text.Json.Nodes;
using Reconciler.Cli;
using Reconciler.Controller;

namespace Reconciler.Security;

/// <summary>
/// <c>reconciler iam-policy</c> when specs assume roles in other accounts (<c>spec.account.roleArn</c>): per target
/// role, its permissions policy (<see cref="IamPolicy"/> for the specs reached through it) and its trust policy (the
/// controller's role may assume it, with the specs' external ids as <c>sts:ExternalId</c>); for the controller's own
/// role, the policy of the specs without a role plus <c>sts:AssumeRole</c> on each target role. The trust policy's
/// <c>sts:ExternalId</c> condition: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html
/// A target role's tag conditions name the environments it serves (a role per environment: aws:ResourceTag equal to
/// the environment); the controller's own need only the tag to be present, unless <c>perEnvironment</c>. Each policy is
/// a list of documents, split to stay within IAM's managed-policy size (<see cref="PolicyDocuments"/>).
/// </summary>
internal static class AccountPolicies
{
    public static string Json(IReadOnlyList<LoadedEnvironment> environments, IReadOnlyList<S3SpecLocation> sources, string? leaseTable, bool createLeaseTable, string controllerRole,
        bool perEnvironment = false, SqsQueueLocation? events = null)
    {
        var own = environments.Where(e => e.Graph.Target.RoleArn is null).ToList();
        var byRole = environments.Where(e => e.Graph.Target.RoleArn is not null)
            .GroupBy(e => e.Graph.Target.RoleArn!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

        var assume = PolicyStatement.Of("StsAssumeTargetRoles", ["sts:AssumeRole"], byRole.Select(g => g.Key));
        var controller = IamPolicy.Statements(own, sources, leaseTable, createLeaseTable, perEnvironment ? [.. own.Select(e => e.Document.Name)] : null, events)
            .Append(assume).OrderBy(s => s.Sid, StringComparer.Ordinal);

        var targets = new JsonObject();
        foreach (var role in byRole)
        {
            var trust = new JsonObject
            {
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["AWS"] = controllerRole },
                ["Action"] = "sts:AssumeRole",
            };
            var externalIds = role.Select(e => e.Graph.Target.ExternalId).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (externalIds.Count > 0)
            {
                trust["Condition"] = new JsonObject
                {
                    ["StringEquals"] = new JsonObject { ["sts:ExternalId"] = new JsonArray(externalIds.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray()) },
                };
            }

            targets[role.Key] = new JsonObject
            {
                ["Account"] = role.First().Graph.Target.RoleAccount,
                ["Environments"] = new JsonArray(role.Select(e => (JsonNode)JsonValue.Create(e.Document.Name)!).ToArray()),
                ["PermissionsPolicies"] = Documents(IamPolicy.Documents([.. role], [], tagScope: [.. role.Select(e => e.Document.Name)])),
                ["TrustPolicy"] = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(trust) },
            };
        }

        var result = new JsonObject { ["ControllerPolicies"] = Documents(PolicyDocuments.Split(controller)), ["TargetRoles"] = targets };
        return result.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonArray Documents(IReadOnlyList<string> documents) => new([.. documents.Select(d => JsonNode.Parse(d))]);
}
