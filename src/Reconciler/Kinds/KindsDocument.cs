using System.Text;
using Reconciler.Model.Graph;
using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>
/// docs/kinds.md, rendered from the kinds' own definitions (fields, replacement, flags, IAM actions), so that the
/// reference cannot drift from the code: a test compares the file with this rendering.
/// </summary>
internal static class KindsDocument
{
    public static string Render()
    {
        var md = new StringBuilder();
        md.AppendLine("# Kinds");
        md.AppendLine();
        md.AppendLine("Generated from each kind's definition (`src/Reconciler.Model/Kinds/<Kind>/<Kind>Kind.cs` and");
        md.AppendLine("`src/Reconciler/Kinds/<Kind>/<Kind>Permissions.cs`); do not edit by hand. `KindsDocumentTests` fails when this file");
        md.AppendLine("differs from the code; `RECONCILER_UPDATE_DOCS=1 dotnet test tests/Reconciler.Tests --filter KindsDocumentTests` rewrites it.");
        md.AppendLine();
        md.AppendLine("Kinds are created in rank order (low first, then by dependency) and deleted in the reverse order. A *stateful*");
        md.AppendLine("kind holds data: replacing or deleting it needs the spec's opt-in. A *shared* kind is used by name by every");
        md.AppendLine("environment of the account and never deleted by one. A field marked *replaces* cannot change in place: a change");
        md.AppendLine("replaces the resource (when allowed).");
        md.AppendLine();
        md.AppendLine("| kind | rank | | what it is |");
        md.AppendLine("| --- | ---: | --- | --- |");
        foreach (var kind in ResourceKinds.All)
        {
            md.AppendLine($"| [{kind.Name}](#{kind.Name}) | {kind.Rank} | {Flags(kind)} | {kind.Summary} |");
        }

        foreach (var kind in ResourceKinds.All)
        {
            md.AppendLine();
            md.AppendLine($"## {kind.Name}");
            md.AppendLine();
            md.AppendLine(kind.Summary);
            md.AppendLine();
            md.AppendLine("| field | holds | change |");
            md.AppendLine("| --- | --- | --- |");
            foreach (var field in kind.Fields)
            {
                md.AppendLine($"| `{field.Name}` | {field.Description} | {(field.ForcesReplacement ? "replaces" : "in place")} |");
            }

            md.AppendLine();
            var actions = IamActions.ByKind.GetValueOrDefault(kind.Name) ?? [];
            var implied = IamActions.ImpliedByKind.GetValueOrDefault(kind.Name) ?? [];
            md.AppendLine($"IAM actions: {string.Join(", ", actions.Select(a => $"`{a}`"))}");
            if (implied.Count > 0)
            {
                md.AppendLine();
                md.AppendLine($"Checked by AWS besides the calls: {string.Join(", ", implied.Select(a => $"`{a}`"))}");
            }
        }

        return md.ToString();
    }

    private static string Flags(ResourceKind kind) =>
        string.Join(", ", new[] { kind.Stateful ? "stateful" : null, kind.Shared ? "shared" : null }.OfType<string>());
}
