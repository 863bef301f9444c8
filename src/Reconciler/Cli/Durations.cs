using System.Globalization;

namespace Reconciler.Cli;

/// <summary>Durations on the command line: <c>90s</c>, <c>5m</c>, <c>1h</c>, <c>500ms</c> or <c>00:05:00</c>.</summary>
internal static class Durations
{
    public static TimeSpan? Parse(string text)
    {
        text = text.Trim();
        (string Suffix, double Seconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, seconds) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) &&
                double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 &&
                !(suffix == "s" && text.EndsWith("ms", StringComparison.OrdinalIgnoreCase)))
            {
                return TimeSpan.FromSeconds(value * seconds);
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span : null;
    }
}
