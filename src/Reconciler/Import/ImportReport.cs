using System.Text;

namespace Reconciler.Import;

/// <summary>What import found (each spec entry with the AWS ids it takes over) and what it left out, with the reason.</summary>
internal static class ImportReport
{
    public static string Text(ImportResult result)
    {
        var text = new StringBuilder();
        var found = result.Entries.Where(e => e.Section != "zone").ToList();
        text.AppendLine($"Found {found.Count} spec entries, {result.Targets.Count} AWS resources:");
        foreach (var entry in found)
        {
            text.AppendLine($"  {entry.Key}");
            foreach (var target in entry.Targets)
            {
                text.AppendLine($"      {target.LogicalId} = {target.AwsId}");
            }
        }

        if (result.Zone is { } zone)
        {
            text.AppendLine($"  dns zone {zone.Name} = {zone.Id}");
        }

        text.AppendLine(result.LeftOut.Count == 0 ? "Left out: nothing" : $"Left out {result.LeftOut.Count}:");
        foreach (var left in result.LeftOut)
        {
            text.AppendLine($"  {left.What} ({left.AwsId}): {left.Reason}");
        }

        return text.ToString();
    }
}
