using System.Text.RegularExpressions;

namespace Reconciler.Tests.Behaviours.Rules;

/// <summary>
/// Name lengths and characters AWS enforces per service and moto does not: ELBv2 load balancers and target groups,
/// RDS DB instance identifiers, ECR repository names. The product must never meet this rule: the spec validation
/// refuses such names before any call (the whole-topology test asserts the rule never played).
/// </summary>
internal sealed partial class NameRulesRule : BehaviourRule
{
    public override string Behaviour => "CreateLoadBalancer / CreateTargetGroup with a name over 32 characters, with characters other than alphanumerics and hyphens, beginning or ending with a hyphen (or a load balancer's beginning with internal-) answers ValidationError; CreateDBInstance with an identifier breaking RDS's rule answers InvalidParameterValue; CreateRepository with a name breaking ECR's pattern answers InvalidParameterException.";

    public override string Source => "ELBv2 API reference, CreateLoadBalancer and CreateTargetGroup, Name (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html); RDS API reference, CreateDBInstance, DBInstanceIdentifier constraints (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html); ECR API reference, CreateRepository, repositoryName (2-256 characters, pattern in the botocore model)";

    public override AwsAnswer? Before(AwsRequest request, DateTimeOffset now)
    {
        var refusal = request switch
        {
            { Service: "elasticloadbalancing", Operation: "CreateLoadBalancer" } => Elb("Load balancer", request.Param("Name"), loadBalancer: true),
            { Service: "elasticloadbalancing", Operation: "CreateTargetGroup" } => Elb("Target group", request.Param("Name"), loadBalancer: false),
            { Service: "rds", Operation: "CreateDBInstance" } => Rds(request.Param("DBInstanceIdentifier")),
            { Service: "ecr", Operation: "CreateRepository" } => Ecr(request.Json?["repositoryName"]?.GetValue<string>()),
            _ => null,
        };
        return refusal is { } r ? AwsAnswer.Error(request, r.Code, r.Message) : null;
    }

    internal static (string Code, string Message)? Elb(string what, string? name, bool loadBalancer)
    {
        if (name is null)
        {
            return null;
        }

        if (name.Length > 32)
        {
            return ("ValidationError", $"{what} name '{name}' cannot be longer than '32' characters");
        }

        if (!ElbName().IsMatch(name))
        {
            return ("ValidationError", $"{what} name '{name}' can only contain characters that are alphanumeric characters or hyphens(-), and must not begin or end with a hyphen");
        }

        return loadBalancer && name.StartsWith("internal-", StringComparison.OrdinalIgnoreCase)
            ? ("ValidationError", $"{what} name '{name}' cannot begin with 'internal-'")
            : null;
    }

    internal static (string Code, string Message)? Rds(string? identifier) =>
        identifier is null || (identifier.Length <= 63 && RdsIdentifier().IsMatch(identifier))
            ? null
            : ("InvalidParameterValue", "The parameter DBInstanceIdentifier is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens.");

    internal static (string Code, string Message)? Ecr(string? name) =>
        name is null || (name.Length is >= 2 and <= 256 && EcrName().IsMatch(name))
            ? null
            : ("InvalidParameterException", $"Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '{EcrName()}''");

    [GeneratedRegex("^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$")]
    private static partial Regex ElbName();

    [GeneratedRegex("^[a-zA-Z](?:-?[a-zA-Z0-9])*$")]
    private static partial Regex RdsIdentifier();

    // botocore's ecr model, shape RepositoryName: min 2, max 256, this pattern.
    [GeneratedRegex(@"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex EcrName();
}
