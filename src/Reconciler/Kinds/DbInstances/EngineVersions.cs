using System.Globalization;

namespace Reconciler.Kinds;

/// <summary>
/// How a desired engine version compares with the one RDS reports. A spec names a major ("16") or a minor ("16.3");
/// RDS reports the full version it picked ("16.3") and later moves it forward by automatic minor upgrades ("16.4").
/// The desired version is satisfied when the majors are equal and the actual version is not older than the desired
/// one: a newer minor is what AWS did on purpose and cannot be downgraded, so reporting it would be drift nobody can
/// repair (aws-controllers-k8s/rds-controller#310). An older actual version or another major is a real change.
/// </summary>
internal static class EngineVersions
{
    public static bool Satisfies(string desired, string actual)
    {
        var want = Parts(desired);
        var have = Parts(actual);
        if (want.Count == 0 || have.Count == 0)
        {
            return string.Equals(desired, actual, StringComparison.OrdinalIgnoreCase);
        }

        if (want[0] != have[0])
        {
            return false;
        }

        for (var i = 1; i < want.Count; i++)
        {
            var part = i < have.Count ? have[i] : 0;
            if (part != want[i])
            {
                return part > want[i];
            }
        }

        return true;
    }

    /// <summary>The observed value in the spec's terms: the desired text when satisfied, the actual version otherwise.</summary>
    public static string Observed(string? desired, string actual) =>
        desired is not null && Satisfies(desired, actual) ? desired : actual;

    /// <summary>True when going from <paramref name="actual"/> to <paramref name="desired"/> changes the major version.</summary>
    public static bool IsMajorUpgrade(string desired, string actual)
    {
        var want = Parts(desired);
        var have = Parts(actual);
        return want.Count > 0 && have.Count > 0 && want[0] != have[0];
    }

    /// <summary>The numeric components of a version, or none when any component is not a number.</summary>
    private static List<int> Parts(string version)
    {
        var parts = new List<int>();
        foreach (var text in version.Split('.'))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return [];
            }

            parts.Add(value);
        }

        return parts;
    }
}
