namespace Reconciler.Controller;

/// <summary>
/// <c>sqs://QUEUE_URL</c> (<c>run --events</c>, <c>iam-policy --events</c>): the queue S3 sends a source bucket's event
/// notifications to. <c>sqs://sqs.eu-west-1.amazonaws.com/123456789012/specs</c> is the queue URL
/// <c>https://sqs.eu-west-1.amazonaws.com/123456789012/specs</c>; a URL with its own scheme (<c>sqs://http://localhost:4566/...</c>)
/// is taken as written, for an emulator. A queue URL is <c>https://sqs.REGION.amazonaws.com/ACCOUNT/NAME</c> (or the
/// legacy <c>REGION.queue.amazonaws.com</c>; https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-queue-message-identifiers.html),
/// so its region and its ARN follow from it; a host that names no region leaves <see cref="Region"/> null.
/// </summary>
internal sealed record SqsQueueLocation(string Url, string? Region, string Account, string Name)
{
    public const string Scheme = "sqs://";

    /// <summary>The queue's ARN for a policy; any region when the URL names none.</summary>
    public string Arn => $"arn:aws:sqs:{Region ?? "*"}:{Account}:{Name}";

    /// <summary>Null when <paramref name="text"/> is not <c>sqs://</c> followed by a queue URL with an account and a queue name.</summary>
    public static SqsQueueLocation? TryParse(string text)
    {
        if (!text.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = text[Scheme.Length..];
        var url = rest.StartsWith("http://", StringComparison.Ordinal) || rest.StartsWith("https://", StringComparison.Ordinal) ? rest : "https://" + rest;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return null;
        }

        var segments = uri.AbsolutePath.Trim('/').Split('/');
        // Queue names: 1 to 80 letters, digits, '-' and '_' (CreateQueue, QueueName, in the SQS API reference).
        if (segments is not [var account, var name] || account.Length == 0 || !account.All(char.IsAsciiDigit) ||
            name.Length is < 1 or > 80 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return null;
        }

        return new SqsQueueLocation(url.TrimEnd('/'), RegionOf(uri.Host), account, name);
    }

    private static string? RegionOf(string host)
    {
        var labels = host.Split('.');
        return labels switch
        {
            ["sqs", var region, "amazonaws", ..] => region,
            [var region, "queue", "amazonaws", ..] => region,
            _ => null,
        };
    }

    public override string ToString() => Url;
}
