namespace Reconciler.Controller;

/// <summary>
/// <c>s3://bucket/prefix</c>, the one parser of S3 locations (run --source, iam-policy --source, set-image). A source's
/// non-empty prefix is taken as a folder (a '/' is added), so that <c>s3://b/prod</c> never also claims
/// <c>s3://b/prod-old/...</c>: the catalog treats a source's name as the prefix of what it owns, and the IAM policy
/// grants exactly what the controller lists and reads. With <c>folder: false</c> the prefix is an object's key.
/// </summary>
internal sealed record S3SpecLocation(string Bucket, string Prefix)
{
    public string Uri => $"s3://{Bucket}/{Prefix}";

    /// <summary>The S3 URI of a key of this location's bucket.</summary>
    public string UriOf(string key) => $"s3://{Bucket}/{key}";

    /// <summary>
    /// Null when <paramref name="text"/> is not an S3 URI with a valid bucket name: 3 to 63 lower-case letters, digits,
    /// '-' and '.' (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
    /// </summary>
    public static S3SpecLocation? TryParse(string text, bool folder = true)
    {
        if (!text.StartsWith("s3://", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = text["s3://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? string.Empty : rest[(slash + 1)..];
        if (bucket.Length is < 3 or > 63 || bucket.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.')))
        {
            return null;
        }

        if (folder && prefix.Length > 0 && !prefix.EndsWith('/'))
        {
            prefix += "/";
        }

        return new S3SpecLocation(bucket, prefix);
    }

    public override string ToString() => Uri;
}
