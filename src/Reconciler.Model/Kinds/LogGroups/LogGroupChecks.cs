using System.Text.RegularExpressions;
using Reconciler.Model.Validation;

namespace Reconciler.Model.Kinds;

/// <summary>The rules of <c>spec.logGroups</c>: CloudWatch Logs' name characters and the retentions it offers.</summary>
internal static partial class LogGroupChecks
{
    // The only values PutRetentionPolicy takes for retentionInDays (CloudWatch Logs API reference).
    private static readonly int[] RetentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

    [GeneratedRegex(@"^[\.\-_/A-Za-z0-9]{1,512}$")]
    private static partial Regex LogGroupName();

    /// <summary>Checks the log groups; returns their names, which container logs refer to.</summary>
    public static HashSet<string> Check(SpecChecker c)
    {
        var groups = c.Spec.LogGroups;
        var names = c.Unique(groups.Select(l => l.Name), "spec.logGroups", "log group");

        // The logical id drops the leading '/': two names differing only by it would be one node.
        foreach (var clash in groups.Select((l, i) => (l.Name, i)).GroupBy(x => x.Name.TrimStart('/'), StringComparer.Ordinal)
                     .Where(g => g.Select(x => x.Name).Distinct(StringComparer.Ordinal).Count() > 1))
        {
            var (name, index) = clash.Last();
            c.Error($"spec.logGroups[{index}].name", $"'{name}' differs from '{clash.First().Name}' only by a leading '/': name them apart");
        }

        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            var path = $"spec.logGroups[{i}]";
            if (group.Name.Length > 0 && !LogGroupName().IsMatch(group.Name))
            {
                c.Error(path + ".name", $"'{group.Name}' is not a log group name (letters, digits and . - _ /)");
            }

            if (group.RetentionDays is { } days && !RetentionDays.Contains(days))
            {
                c.Error(path + ".retentionDays", $"{days} is not a retention CloudWatch Logs offers; pick one of {string.Join(", ", RetentionDays)}");
            }
        }

        return names;
    }
}
