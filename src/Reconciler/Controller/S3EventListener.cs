using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Logging;
using Reconciler.Aws;

namespace Reconciler.Controller;

/// <summary>
/// <c>run --events sqs://QUEUE_URL</c>: long-polls the queue that the source buckets' event notifications go to and hands
/// each object key to the S3 sources (<see cref="S3Source.Notify"/>), which list at once; the periodic listing stays as
/// the fallback at a long interval. ReceiveMessage waits up to 20 s, the longest long poll, for up to 10 messages, the
/// most one call returns (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/best-practices-setting-up-long-polling.html;
/// the client's HTTP timeout is longer than the wait, as that page asks). Each message is deleted once handled: it is
/// only a hint, and the listing it triggers is retried by the controller when it fails. Every call goes through the
/// <see cref="AwsCallRunner"/> (retries, the API budget, the call metrics).
/// A message that is not an S3 event notification (<see cref="S3EventMessage.Malformed"/>) is logged by its id, size and
/// reason, never its body. When the queue has a redrive policy it is left alone: SQS makes it visible again after the
/// visibility timeout and moves it to the dead-letter queue once received maxReceiveCount times, for someone to read
/// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html,
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html). Without one,
/// it is deleted: it would otherwise come back every visibility timeout until the retention period (4 days by default)
/// ends, and never become readable.
/// </summary>
internal sealed partial class S3EventListener(SqsQueueLocation queue, IAmazonSQS sqs, AwsCallRunner runner, IReadOnlyList<S3Source> sources, TimeProvider time, ILogger<S3EventListener> log)
{
    public const int WaitTimeSeconds = 20;
    public const int MaxMessages = 10;

    /// <summary>The redrive policy attribute of GetQueueAttributes (SQS API reference, QueueAttributeName).</summary>
    private const string RedrivePolicy = "RedrivePolicy";

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastBackoff = TimeSpan.FromMinutes(1);

    /// <summary>Whether the queue has a dead-letter queue; null until read.</summary>
    private bool? _redrive;

    public SqsQueueLocation Queue => queue;

    /// <summary>Polls until <paramref name="ct"/> is cancelled; a failing queue is retried with a backoff up to a minute, logged each time.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var backoff = TimeSpan.Zero;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (_redrive is null)
                {
                    var attributes = await runner.RunAsync("sqs", "GetQueueAttributes", CallPurpose.Read,
                        t => sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = queue.Url, AttributeNames = [RedrivePolicy] }, t), ct).ConfigureAwait(false);
                    _redrive = attributes.Attributes?.ContainsKey(RedrivePolicy) == true;
                    LogListening(log, queue.Url, sources.Count, _redrive.Value ? "left for the dead-letter queue" : "deleted");
                }

                var response = await runner.RunAsync("sqs", "ReceiveMessage", CallPurpose.Read,
                    t => sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queue.Url, WaitTimeSeconds = WaitTimeSeconds, MaxNumberOfMessages = MaxMessages }, t), ct).ConfigureAwait(false);
                backoff = TimeSpan.Zero;
                foreach (var message in response.Messages ?? [])
                {
                    await HandleAsync(message, ct).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (S3Source.IsSourceFailure(ex))
            {
                backoff = backoff == TimeSpan.Zero ? FirstBackoff : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, LastBackoff.Ticks));
                LogReceiveFailed(log, queue.Url, backoff, Remedies.Describe(ex));
                try
                {
                    await Task.Delay(backoff, time, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private async Task HandleAsync(Message message, CancellationToken ct)
    {
        var body = message.Body ?? string.Empty;
        var parsed = S3EventMessage.Parse(body);
        if (parsed.TestEventBucket is { } bucket)
        {
            LogTestEvent(log, bucket, queue.Url);
        }

        foreach (var record in parsed.Records)
        {
            var mine = record.ChangesObject && sources.Count(s => s.Notify(record.Bucket, record.Key)) > 0;
            LogRecord(log, record.EventName, record.Bucket, record.Key, mine ? "listing its source now" : "not a spec of a source: ignored");
        }

        if (parsed.Malformed is { } reason)
        {
            if (_redrive == true)
            {
                LogMalformed(log, message.MessageId, body.Length, reason, "left for the queue's dead-letter queue");
                return;
            }

            LogMalformed(log, message.MessageId, body.Length, reason, "deleted (the queue has no redrive policy)");
        }

        try
        {
            await runner.RunAsync("sqs", "DeleteMessage", CallPurpose.Mutate,
                t => sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = queue.Url, ReceiptHandle = message.ReceiptHandle }, t), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (S3Source.IsSourceFailure(ex))
        {
            // Received again after the visibility timeout, and handled again: a second listing changes nothing.
            LogDeleteFailed(log, message.MessageId, queue.Url, Remedies.Describe(ex));
        }
    }

    [LoggerMessage(EventId = 270, Level = LogLevel.Information, Message = "Listening for S3 event notifications on {Queue} for {Sources} S3 source(s); a malformed message is {MalformedFate}")]
    private static partial void LogListening(ILogger logger, string queue, int sources, string malformedFate);

    [LoggerMessage(EventId = 271, Level = LogLevel.Information, Message = "S3 test event of bucket {Bucket} received on {Queue}: its event notifications reach the controller")]
    private static partial void LogTestEvent(ILogger logger, string bucket, string queue);

    [LoggerMessage(EventId = 272, Level = LogLevel.Debug, Message = "S3 event {EventName} s3://{Bucket}/{Key}: {Action}")]
    private static partial void LogRecord(ILogger logger, string eventName, string bucket, string key, string action);

    [LoggerMessage(EventId = 273, Level = LogLevel.Warning, Message = "SQS message {MessageId} ({Bytes} bytes) is not an S3 event notification: {Reason}; {Fate}")]
    private static partial void LogMalformed(ILogger logger, string messageId, int bytes, string reason, string fate);

    [LoggerMessage(EventId = 274, Level = LogLevel.Warning, Message = "Receiving S3 event notifications from {Queue} failed; trying again in {Backoff} (the sources are still listed periodically): {Error}")]
    private static partial void LogReceiveFailed(ILogger logger, string queue, TimeSpan backoff, string error);

    [LoggerMessage(EventId = 275, Level = LogLevel.Warning, Message = "Deleting SQS message {MessageId} from {Queue} failed; it comes back after the visibility timeout and is handled again: {Error}")]
    private static partial void LogDeleteFailed(ILogger logger, string messageId, string queue, string error);
}
