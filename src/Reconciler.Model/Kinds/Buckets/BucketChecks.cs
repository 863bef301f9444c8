using System.Text.RegularExpressions;
using Reconciler.Model.Spec;
using Reconciler.Model.Validation;

namespace Reconciler.Model.Kinds;

/// <summary>
/// S3's rules for general purpose bucket names, on the physical name: 3-63 characters of a-z, 0-9 and '-',
/// starting and ending with a letter or digit, and none of the reserved suffixes. Dots are allowed by S3 but
/// break virtual-hosted TLS, so logical names here have none.
/// </summary>
internal static partial class BucketChecks
{
    private static readonly string[] ReservedSuffixes = ["-s3alias", "--ol-s3", "--x-s3", "--table-s3"];

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();

    public static void Check(SpecChecker c)
    {
        var buckets = c.Spec.Buckets;
        c.Unique(buckets.Select(b => b.Name), "spec.buckets", "bucket");
        for (var i = 0; i < buckets.Count; i++)
        {
            var (name, awsName) = (buckets[i].Name, buckets[i].AwsName);
            var path = $"spec.buckets[{i}].{(awsName is null ? "name" : "awsName")}";
            if (awsName is null && (name.Length == 0 || c.Environment.Length == 0))
            {
                continue;
            }

            var physical = c.Physical(name, awsName);
            if (!BucketName().IsMatch(physical))
            {
                c.Error(path, $"the bucket name '{physical}'{(awsName is null ? " (environment-name)" : string.Empty)} must be 3-63 lowercase letters, digits and '-', starting and ending with a letter or digit");
            }
            else if (ReservedSuffixes.FirstOrDefault(s => physical.EndsWith(s, StringComparison.Ordinal)) is { } suffix)
            {
                c.Error(path, $"the bucket name '{physical}' ends with '{suffix}', which S3 reserves");
            }
        }

        c.UniquePhysicalNames(buckets.Select((b, i) => ($"spec.buckets[{i}].name", b.Name, b.AwsName)), "bucket");
    }
}
