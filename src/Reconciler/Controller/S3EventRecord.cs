namespace Reconciler.Controller;

/// <summary>One record of an S3 event notification: what happened (<c>ObjectCreated:Put</c>...), to which bucket and key (decoded).</summary>
internal sealed record S3EventRecord(string EventName, string Bucket, string Key)
{
    /// <summary>A change of the object's bytes or of its existence; tagging, ACL or restore events change no spec.</summary>
    public bool ChangesObject =>
        EventName.StartsWith("ObjectCreated:", StringComparison.Ordinal) || EventName.StartsWith("ObjectRemoved:", StringComparison.Ordinal);

    public bool Removed => EventName.StartsWith("ObjectRemoved:", StringComparison.Ordinal);
}
