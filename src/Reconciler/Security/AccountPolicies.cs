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
/// </summary>
internal static class AccountPolicies
{
    public static string Json(IReadOnlyList<LoadedEnvironment> environments, IReadOnlyList<S3SpecLocation> sources, string? leaseTable, bool createLeaseTable, string controllerRole, SqsQueueLocation? events = null)
    {
        var own = environments.Where(e => e.Graph.Target.RoleArn is null).ToList();
        var byRole = environments.Where(e => e.Graph.Target.RoleArn is not null)
            .GroupBy(e => e.Graph.Target.RoleArn!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

        var controller = JsonNode.Parse(IamPolicy.Json(own, sources, leaseTable, createLeaseTable, events))!.AsObject();
        controller["Statement"]!.AsArray().Add(new JsonObject
        {
            ["Sid"] = "StsAssumeTargetRoles",
            ["Effect"] = "Allow",
            ["Action"] = "sts:AssumeRole",
            ["Resource"] = new JsonArray(byRole.Select(g => (JsonNode)JsonValue.Create(g.Key)!).ToArray()),
        });

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
                ["PermissionsPolicy"] = JsonNode.Parse(IamPolicy.Json(role.ToList(), [])),
                ["TrustPolicy"] = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(trust) },
            };
        }

        var result = new JsonObject { ["ControllerPolicy"] = controller, ["TargetRoles"] = targets };
        return result.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
