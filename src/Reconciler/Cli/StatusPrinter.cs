using System.Text;
using System.Text.Json;

namespace Reconciler.Cli;

/// <summary>The controller's /status as a table for people.</summary>
internal static class StatusPrinter
{
    public static string Table(string json)
    {
        using var document = JsonDocument.Parse(json);
        var text = new StringBuilder();
        text.AppendLine($"{"ENVIRONMENT",-24} {"MODE",-8} {"RESULT",-10} {"DRIFT",5} {"LAST PASS",-20} WAITING / PROBLEMS");
        foreach (var env in document.RootElement.EnumerateArray())
        {
            var notes = env.GetProperty("waitingFor").EnumerateArray().Concat(env.GetProperty("problems").EnumerateArray()).Select(e => e.GetString()).ToList();
            if (env.TryGetProperty("pruneInSeconds", out var left) && left.ValueKind == JsonValueKind.Number)
            {
                notes.Insert(0, $"tombstone: prune in {TimeSpan.FromSeconds(Math.Round(left.GetDouble())):c}");
            }

            if (env.TryGetProperty("account", out var account) && account.GetString() is { } where && where.Contains('/', StringComparison.Ordinal))
            {
                notes.Insert(0, "account " + where); // only for spec.account; the region alone says nothing new
            }

            var last = env.GetProperty("lastPass").ValueKind == JsonValueKind.Null ? "-" : env.GetProperty("lastPass").GetDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
            text.AppendLine($"{env.GetProperty("environment").GetString(),-24} {env.GetProperty("mode").GetString(),-8} {env.GetProperty("result").GetString(),-10} {env.GetProperty("driftCount").GetInt32(),5} {last,-20} {string.Join("; ", notes)}");
        }

        return text.ToString();
    }
}
