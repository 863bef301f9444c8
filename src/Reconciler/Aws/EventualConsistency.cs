using System.Text.RegularExpressions;

namespace Reconciler.Aws;

/// <summary>
/// The errors AWS answers, with a validation code, while an IAM change propagates: the code alone would make them
/// terminal, the message says they are a matter of seconds. IAM's guide: "Changes that I make are not always
/// immediately visible" (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency).
/// Each rule names its source; the answer is what is waited for, in words for the log.
/// </summary>
internal static partial class EventualConsistency
{
    public static string? Waiting(string code, string? message)
    {
        if (message is null)
        {
            return null;
        }

        // EC2 RunInstances right after CreateInstanceProfile / AddRoleToInstanceProfile: "Value (NAME) for parameter
        // iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name" (or .arn / "... ARN").
        // Sources: aws/aws-sdk-js-v3#5253, hashicorp/terraform-provider-aws#2012, hashicorp/packer#9946 (retries it).
        if (code == "InvalidParameterValue" && message.Contains("Invalid IAM Instance Profile", StringComparison.OrdinalIgnoreCase))
        {
            var name = ProfileValue().Match(message) is { Success: true } m ? ProfileName(m.Groups[1].Value) : "of the instance";
            return $"IAM instance profile {name} is not visible to EC2 yet";
        }

        // ECS RegisterTaskDefinition right after the task or execution role is created: "ClientException: Role is not
        // valid" (fabfuel/ecs-deploy#231: the same request went through hours earlier).
        if (code == "ClientException" && message.Contains("Role is not valid", StringComparison.OrdinalIgnoreCase))
        {
            return "the task definition's IAM role is not visible to ECS yet";
        }

        // ECS in a fresh account: the service-linked role ECS creates on first use is not usable at once
        // ("Unable to assume the service linked role. Please verify that the ECS service linked role exists";
        // aws-samples/run-selenium-tests-at-scale-using-ecs-fargate#2: "on a second deployment it worked").
        if (code == "InvalidParameterException" && message.Contains("Unable to assume the service linked role", StringComparison.OrdinalIgnoreCase))
        {
            return "the ECS service-linked role is not usable by ECS yet";
        }

        return null;
    }

    private static string ProfileName(string value) => RoleNames.ProfileFromNameOrArn(value);

    [GeneratedRegex(@"Value \(([^)]+)\) for parameter iamInstanceProfile", RegexOptions.CultureInvariant)]
    private static partial Regex ProfileValue();
}
