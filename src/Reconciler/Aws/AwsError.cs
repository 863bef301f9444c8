using System.Net;
using Amazon.Runtime;

namespace Reconciler.Aws;

/// <summary>The parts of an AWS error the engine decides on, whichever client raised it.</summary>
internal sealed record AwsError(string Code, HttpStatusCode? Status, string? RequestId, AwsErrorKind Kind)
{
    /// <summary>
    /// For <see cref="AwsErrorKind.EventualConsistency"/>: what is not visible yet, in words for the log and the step's
    /// wait (<c>IAM instance profile ecsInstanceRole is not visible to EC2 yet</c>). Never holds a secret: only names.
    /// </summary>
    public string? Waiting { get; init; }

    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "RequestLimitExceeded", "Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException",
        "PriorRequestNotComplete", "SlowDown", "RequestThrottled", "RequestThrottledException", "EC2ThrottledException",
    };

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "InternalError", "InternalFailure", "ServiceUnavailable", "Unavailable", "RequestTimeout", "RequestTimeoutException",
        "IDPCommunicationError",
    };

    /// <summary>Classifies any exception a call may throw; null when it is not an AWS or transport error.</summary>
    public static AwsError? From(Exception exception) => exception switch
    {
        AmazonServiceException ase => Classify(ase.ErrorCode ?? string.Empty, ase.StatusCode, ase.RequestId, ase.Message),
        Http.AwsApiException api => Classify(api.Code, api.Status, api.RequestId, api.AwsMessage),
        HttpRequestException => new AwsError("ConnectionError", null, null, AwsErrorKind.Transient),
        IOException => new AwsError("ConnectionError", null, null, AwsErrorKind.Transient),
        TimeoutException => new AwsError("Timeout", null, null, AwsErrorKind.Transient),
        TaskCanceledException { InnerException: TimeoutException } => new AwsError("Timeout", null, null, AwsErrorKind.Transient),
        AmazonClientException { InnerException: { } inner } => From(inner),
        _ => null,
    };

    public static AwsError Classify(string code, HttpStatusCode? status, string? requestId, string? message = null)
    {
        if (EventualConsistency.Waiting(code, message) is { } waiting)
        {
            return new AwsError(code, status, requestId, AwsErrorKind.EventualConsistency) { Waiting = waiting };
        }

        AwsErrorKind kind;
        if (ThrottlingCodes.Contains(code) || status == HttpStatusCode.TooManyRequests)
        {
            kind = AwsErrorKind.Throttling;
        }
        else if (TransientCodes.Contains(code) || (int?)status >= 500)
        {
            kind = AwsErrorKind.Transient;
        }
        // ResourceInUseException: ACM's DeleteCertificate for seconds to minutes after the listener or load balancer that
        // used the certificate is deleted (hashicorp/terraform-provider-aws#3866, retried since #3868; aws/aws-cdk#4179).
        else if (code is "DependencyViolation" or "ResourceInUse" or "ResourceInUseException" or "InvalidDependencyViolation")
        {
            kind = AwsErrorKind.DependencyViolation;
        }
        else if (code.EndsWith(".NotFound", StringComparison.Ordinal) || code.EndsWith("NotFound", StringComparison.Ordinal) ||
                 code.EndsWith("NotFoundException", StringComparison.Ordinal) || code.EndsWith("NotFoundFault", StringComparison.Ordinal) ||
                 code.StartsWith("NoSuch", StringComparison.Ordinal))
        {
            kind = AwsErrorKind.NotFound;
        }
        else
        {
            kind = AwsErrorKind.Terminal;
        }

        return new AwsError(code, status, requestId, kind);
    }
}
