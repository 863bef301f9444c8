using System.Text.RegularExpressions;

namespace Reconciler.Model.Kinds;

/// <summary>
/// Role names from what a spec or AWS gives: a name, or an ARN <c>arn:PARTITION:iam::ACCOUNT:role/PATH/NAME</c>.
/// A role name has no '/' (IAM API reference, RoleName: length 1-64, pattern <c>[\w+=,.@-]+</c>,
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_PolicyRole.html), so the name is the ARN's last segment
/// whatever the path.
/// </summary>
internal static partial class RoleNames
{
    /// <summary>A role name: 1-64 of letters, digits and <c>+=,.@_-</c> (the IAM API reference's RoleName, above).</summary>
    [GeneratedRegex(@"^[\w+=,.@-]{1,64}$")]
    public static partial Regex Valid();

    /// <summary>Whether <paramref name="text"/> is a role ARN.</summary>
    public static bool IsRoleArn(string text) =>
        text.StartsWith("arn:", StringComparison.Ordinal) && text.Contains(":role/", StringComparison.Ordinal);

    /// <summary>The name of a role given by name or ARN; anything else is returned as it is.</summary>
    public static string FromNameOrArn(string nameOrArn) =>
        IsRoleArn(nameOrArn) ? nameOrArn[(nameOrArn.LastIndexOf('/') + 1)..] : nameOrArn;

    /// <summary>
    /// The name of an instance profile given by name or ARN (<c>arn:aws:iam::ACCOUNT:instance-profile/PATH/NAME</c>);
    /// like a role's, a profile's name has no '/' (IAM API reference, InstanceProfileName: pattern <c>[\w+=,.@-]+</c>).
    /// </summary>
    public static string ProfileFromNameOrArn(string nameOrArn) =>
        nameOrArn.StartsWith("arn:", StringComparison.Ordinal) && nameOrArn.Contains(":instance-profile/", StringComparison.Ordinal)
            ? nameOrArn[(nameOrArn.LastIndexOf('/') + 1)..]
            : nameOrArn;
}
