using System.Text.RegularExpressions;
using Reconciler.Model.Spec;

namespace Reconciler.Import;

/// <summary>
/// Logical names from physical ones: <c>legacy-app</c> in environment <c>legacy</c> is <c>app</c>; a console name such as
/// <c>django-alb</c> stays as it is (lower case, only a-z, 0-9 and '-'), and the spec then keeps the physical name in
/// <c>awsName</c> so that nothing is renamed.
/// </summary>
internal static partial class ImportNames
{
    public static string Logical(string environment, string physical)
    {
        var prefix = environment + "-";
        var name = physical.StartsWith(prefix, StringComparison.Ordinal) && physical.Length > prefix.Length ? physical[prefix.Length..] : physical;
        var clean = NotAllowed().Replace(name.ToLowerInvariant(), "-").Trim('-');
        return clean.Length == 0 ? "imported" : clean;
    }

    /// <summary>The physical name when the convention would give another one, else null (no awsName needed).</summary>
    public static string? AwsName(string environment, string logical, string physical) =>
        string.Equals(PhysicalNames.For(environment, logical), physical, StringComparison.Ordinal) ? null : physical;

    /// <summary>A name not yet in <paramref name="taken"/>: <c>name</c>, else <c>name-2</c>, <c>name-3</c>...</summary>
    public static string Unique(string name, ISet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = $"{name}-{i}";
        }

        return candidate;
    }

    /// <summary>The last segment of an ARN's resource part (<c>.../role/ecsTaskExecutionRole</c> gives the role name).</summary>
    public static string LastSegment(string arn) => arn[(arn.LastIndexOf('/') + 1)..];

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex NotAllowed();
}
