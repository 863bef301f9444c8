using System.Net;
using System.Text.Json;

namespace Reconciler.Controller;

/// <summary>
/// The body of an SQS message that S3 sent, read as the S3 User Guide's "Event message structure" describes it
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html): <c>Records[]</c> with
/// <c>eventName</c>, <c>s3.bucket.name</c> and <c>s3.object.key</c>, the key URL-encoded as in an HTML form (a space
/// is '+', so <c>hello world.yaml</c> arrives as <c>hello+world.yaml</c>); or the <c>s3:TestEvent</c> message
/// (<c>{"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":...}</c>) that S3 sends once when a notification is
/// configured (https://docs.aws.amazon.com/AmazonS3/latest/userguide/how-to-enable-disable-notification-intro.html).
/// Anything else is <see cref="Malformed"/>, with a reason that quotes nothing of the body (which is not ours to log).
/// </summary>
internal sealed record S3EventMessage(IReadOnlyList<S3EventRecord> Records, string? TestEventBucket = null, string? Malformed = null)
{
    public static S3EventMessage Parse(string body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            // JsonException's message quotes the offending character: only its position is said.
            return Bad($"not JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Bad($"a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object");
            }

            if (Text(root, "Event") == "s3:TestEvent")
            {
                return new S3EventMessage([], TestEventBucket: Text(root, "Bucket") ?? string.Empty);
            }

            if (!root.TryGetProperty("Records", out var records) || records.ValueKind != JsonValueKind.Array)
            {
                return Bad("no Records array: not an S3 event notification");
            }

            var parsed = new List<S3EventRecord>();
            var index = 0;
            string? problem = null;
            foreach (var record in records.EnumerateArray())
            {
                var name = record.ValueKind == JsonValueKind.Object ? Text(record, "eventName") : null;
                var s3 = record.ValueKind == JsonValueKind.Object && record.TryGetProperty("s3", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
                var bucket = s3.ValueKind == JsonValueKind.Object && s3.TryGetProperty("bucket", out var b) && b.ValueKind == JsonValueKind.Object ? Text(b, "name") : null;
                var key = s3.ValueKind == JsonValueKind.Object && s3.TryGetProperty("object", out var o) && o.ValueKind == JsonValueKind.Object ? Text(o, "key") : null;
                if (name is null || bucket is null || key is null)
                {
                    problem ??= $"record {index} lacks {(name is null ? "eventName" : bucket is null ? "s3.bucket.name" : "s3.object.key")}";
                }
                else
                {
                    parsed.Add(new S3EventRecord(name, bucket, WebUtility.UrlDecode(key)));
                }

                index++;
            }

            // The records that could be read still count; the message as a whole is malformed.
            return new S3EventMessage(parsed, Malformed: problem);
        }
    }

    private static S3EventMessage Bad(string reason) => new([], Malformed: reason);

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
