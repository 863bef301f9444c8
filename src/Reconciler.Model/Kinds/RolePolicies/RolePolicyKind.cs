using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The role-policy kind: the inline policy <c>reconciler-&lt;environment&gt;-secrets</c> an environment puts on an
/// execution role, granting read access to the secrets and parameters its task definitions name. Inline policies
/// cannot be tagged: the environment is in the name. Ranked after the database whose secret it names.
/// </summary>
internal static class RolePolicyKind
{
    public const string Role = "role";
    public const string Name = "name";
    public const string Secrets = "secrets";
    public const string Parameters = "parameters";

    public static ResourceKind Kind { get; } = ResourceKind.Define("role-policy", 55,
        "The inline policy `reconciler-<environment>-secrets` on an execution role whose task definitions name secrets; the AWS id is `<role>/<policy>`.",
        [
            new(Role, "the execution role it is on", ForcesReplacement: true),
            new(Name, "`reconciler-<environment>-secrets`", ForcesReplacement: true),
            new(Secrets, "Secrets Manager secrets it may read (secretsmanager:GetSecretValue)"),
            new(Parameters, "SSM parameters it may read (ssm:GetParameters)"),
        ]);

    /// <summary>The inline policy an environment puts on an execution role: the environment is in its name.</summary>
    public static string PolicyName(string environment) => $"reconciler-{environment}-secrets";
}
