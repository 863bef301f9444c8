using Microsoft.Extensions.Logging;

namespace Reconciler.Aws;

/// <summary>
/// The one-line log of an AWS error answer: AWS's answer, not a bug of ours, so its parts as named properties
/// (Operation, ErrorCode, Message, RequestId, Remedy) and no stack. The parts are those of AWS's error response
/// (docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html). What failed is the caller's
/// <c>subject</c>; its identifying properties (LogicalId, Region) travel in a log scope.
/// </summary>
internal static partial class AwsFailureLog
{
    public static void Write(ILogger logger, LogLevel level, string subject, AwsCallException error, string? resource = null, IReadOnlyDictionary<string, object>? scope = null)
    {
        using var _ = scope is null ? null : logger.BeginScope(scope);
        Log(logger, level, subject, error.Call, error.Error.Code, error.AwsMessage, error.Error.RequestId ?? "none", Remedies.ForLog(error, resource));
    }

    [LoggerMessage(EventId = 260, Message = "{Subject:l}: {Operation} answered {ErrorCode}: {Message} (request {RequestId}; remedy: {Remedy})")]
    private static partial void Log(ILogger logger, LogLevel level, string subject, string operation, string errorCode, string message, string requestId, string remedy);
}
