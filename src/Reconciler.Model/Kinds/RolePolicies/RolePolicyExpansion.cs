using Reconciler.Model.Graph;
using Reconciler.Model.Spec;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The secrets policy of one execution role: read access to exactly the secrets and parameters the containers of
/// its task definitions name (see <see cref="ContainerValues"/>), read from the spec records. Only the two ownership
/// "tags" go on the node, as for a DNS record: the policy itself cannot carry any.
/// </summary>
internal static class RolePolicyExpansion
{
    /// <summary>
    /// Adds the policy of the role named <paramref name="role"/>, which <paramref name="roleReference"/> refers to (the
    /// shared iam-role or the environment's own execution-role); false when its task definitions name no secret (no policy).
    /// </summary>
    public static bool Add(GraphContext ctx, string role, string roleReference, IEnumerable<TaskDefinitionSpec> taskDefinitions)
    {
        var containers = taskDefinitions.SelectMany(t => t.Containers).ToList();
        var literals = containers.SelectMany(c => c.Secrets.Values).ToList();
        var secrets = literals.Select(ContainerValues.SecretArn).OfType<string>()
            .Concat(containers.SelectMany(c => c.SecretsFrom.Values).Select(ContainerValues.SecretArn))
            .ToList();
        var parameters = literals.Select(v => ContainerValues.ParameterArn(v, ctx.Spec.Region)).OfType<string>().ToList();
        if (secrets.Count + parameters.Count == 0)
        {
            return false;
        }

        ctx.AddUntaggable(RolePolicyKind.Kind, role,
        [
            (RolePolicyKind.Role, FieldValue.Of(roleReference)),
            (RolePolicyKind.Name, FieldValue.Of(RolePolicyKind.PolicyName(ctx.Environment))),
            (RolePolicyKind.Secrets, FieldValue.SetOf(secrets)),
            (RolePolicyKind.Parameters, FieldValue.SetOf(parameters)),
        ]);
        return true;
    }
}
