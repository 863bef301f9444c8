namespace Reconciler.Aws;

/// <summary>
/// What to do about an AWS error that retrying cannot fix, in one sentence, for the step failure message: the one
/// mapping from error codes to remedies. Throttling (RequestLimitExceeded included) and transient errors have none:
/// the retry layer handles them.
/// </summary>
internal static class Remedies
{
    private static readonly HashSet<string> AccessCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess", "Forbidden",
    };

    private static readonly HashSet<string> CredentialCodes = new(StringComparer.Ordinal)
    {
        "AuthFailure", "InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "ExpiredToken",
        "ExpiredTokenException", "InvalidAccessKeyId", "InvalidToken", "MissingAuthenticationToken",
    };

    private static bool IsRead(string operation) =>
        operation.StartsWith("Describe", StringComparison.Ordinal) || operation.StartsWith("List", StringComparison.Ordinal) ||
        operation.StartsWith("Get", StringComparison.Ordinal);

    /// <summary>The remedy for this error, or null when it is retryable or has no known remedy.</summary>
    public static string? For(string service, string operation, AwsError error, string? resource = null)
    {
        if (error.Kind != AwsErrorKind.Terminal)
        {
            return null;
        }

        var code = error.Code;
        if (AccessCodes.Contains(code))
        {
            // The policy iam-policy prints conditions changes on the ownership tag (docs/accounts.md), so for a change
            // "denied" can also mean the resource is not tagged as this environment's; reads are never conditioned.
            return IsRead(operation)
                ? $"the credentials lack {IamAction(service, operation)}: grant it (see `reconciler iam-policy`)"
                : $"the credentials lack {IamAction(service, operation)}, or the policy's ownership condition refused it (the resource does not carry this environment's reconciler:environment tag, or the request did not send it): grant it or check the tags (see `reconciler iam-policy`)";
        }

        if (CredentialCodes.Contains(code))
        {
            return "AWS does not accept the credentials (wrong, expired or for another partition): check AWS_PROFILE, the access keys or the role this runs as";
        }

        // IAM caps the sum of a role's inline policies at 10,240 characters (IAM User Guide, IAM and STS quotas,
        // reference_iam-quotas.html#reference_iam-quotas-entity-length; terraform-provider-aws#45533). Every
        // environment whose task definitions name secrets adds its own inline policy to their execution role, so a
        // role shared by a few dozen environments reaches it. No quota raises it: one role per environment does.
        if (service == "iam" && operation == "PutRolePolicy" && code == "LimitExceeded")
        {
            return "the role's inline policies together passed IAM's 10,240-character limit (each environment that shares this execution role adds its own policy): give the environment an execution role of its own (taskDefinitions[].executionRole)";
        }

        if (IsLimit(code))
        {
            return "an account limit is reached: raise the quota (Service Quotas) or remove resources";
        }

        // Before IsInvalid: InvalidGroup.Duplicate is a taken name, not a bad field. Providers that can look the holder up
        // report it with its id (NameTakenException); this is the remedy for any create that cannot.
        if (code == "BucketAlreadyExists")
        {
            return $"the name of {resource ?? "this resource"} is taken in another AWS account (bucket names are global): rename it in the spec";
        }

        if (IsNameTaken(code))
        {
            return $"the name of {resource ?? "this resource"} is taken by an existing resource this environment does not own: " +
                   "rename it in the spec, or import the existing one by adding this resource's ownership tags to it";
        }

        if (IsInvalid(code))
        {
            return $"AWS refused the request as invalid: check the spec fields of {resource ?? "this resource"} against AWS's message";
        }

        return null;
    }

    /// <summary>The message of a failed step: the exception's message, then the remedy when the error has one.</summary>
    public static string Describe(Exception exception, string? resource = null) =>
        exception is AwsCallException call && For(call.Service, call.Operation, call.Error, resource) is { } remedy
            ? $"{exception.Message} (remedy: {remedy})"
            : exception.Message;

    /// <summary>
    /// The remedy of a log line: <see cref="For"/> when the error has one, else what to do by kind of error (the
    /// retries are used up by then).
    /// </summary>
    public static string ForLog(AwsCallException exception, string? resource = null) =>
        For(exception.Service, exception.Operation, exception.Error, resource) ?? exception.Error.Kind switch
        {
            AwsErrorKind.NotFound => "something the call names does not exist (yet): check the names, ids and ARNs it refers to",
            AwsErrorKind.DependencyViolation => "something else still uses it: retry once that is gone",
            AwsErrorKind.Throttling => "AWS kept throttling past the retries: retry later, with fewer --workers",
            AwsErrorKind.Transient => "AWS or the network kept failing past the retries: retry later",
            _ => "none known: see AWS's message",
        };

    /// <summary>The IAM action of a call: the service's IAM prefix, a colon, the operation.</summary>
    public static string IamAction(string service, string operation) => service switch
    {
        "elbv2" => "elasticloadbalancing",
        "tagging" => "tag",
        _ => service,
    } + ":" + operation;

    // *LimitExceeded means a quota, except RequestLimitExceeded, which is EC2's throttling (classified as such before this).
    private static bool IsLimit(string code) =>
        code != "RequestLimitExceeded" &&
        (code.EndsWith("LimitExceeded", StringComparison.Ordinal) || code.EndsWith("LimitExceededException", StringComparison.Ordinal) ||
         code.EndsWith("LimitExceededFault", StringComparison.Ordinal) || code.EndsWith("QuotaExceeded", StringComparison.Ordinal) ||
         code.EndsWith("QuotaExceededFault", StringComparison.Ordinal) || code == "ServiceQuotaExceededException");

    // "Already exists" answers of the named creates: EC2 InvalidGroup.Duplicate, ELBv2 DuplicateLoadBalancerName and
    // DuplicateTargetGroupName, RDS DBInstanceAlreadyExists and DBSubnetGroupAlreadyExists, ECR
    // RepositoryAlreadyExistsException, CloudWatch Logs ResourceAlreadyExistsException, IAM EntityAlreadyExists, S3
    // BucketAlreadyOwnedByYou (each operation's "Errors" in its API reference).
    private static bool IsNameTaken(string code) =>
        code.Contains("AlreadyExists", StringComparison.Ordinal) || code is "InvalidGroup.Duplicate" or "BucketAlreadyOwnedByYou" ||
        (code.StartsWith("Duplicate", StringComparison.Ordinal) && code.EndsWith("Name", StringComparison.Ordinal));

    // InvalidParameterValue, InvalidParameterCombination, InvalidAMIID.Malformed, InvalidSubnet.Conflict...: AWS read the
    // request and refused its content. (Invalid*.NotFound is NotFound, never Terminal, so it does not come here.)
    private static bool IsInvalid(string code) =>
        code.StartsWith("InvalidParameter", StringComparison.Ordinal) || code is "ValidationError" or "ValidationException" or "InvalidInput" or "MalformedPolicyDocument" ||
        (code.StartsWith("Invalid", StringComparison.Ordinal) && !CredentialCodes.Contains(code));
}
