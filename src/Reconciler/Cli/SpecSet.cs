using Reconciler.Model.Loading;

namespace Reconciler.Cli;

/// <summary>Loads the spec files named on the command line (<see cref="SpecPipeline"/>); reports every problem of every file before anything runs.</summary>
internal static class SpecSet
{
    /// <summary>The environments, or null when any file has an error (nothing is applied then: not even the valid files).</summary>
    public static IReadOnlyList<LoadedEnvironment>? Load(IReadOnlyList<string> paths, TextWriter errors, bool strict = false)
    {
        if (paths.Count == 0)
        {
            errors.WriteLine("error: name at least one spec file or folder");
            return null;
        }

        var specs = SpecPipeline.LoadPaths(paths);
        if (specs.Count == 0)
        {
            errors.WriteLine($"error: no *.yaml or *.yml files in {string.Join(", ", paths)}");
            return null;
        }

        var ok = true;
        foreach (var diagnostic in Model.Validation.AccountChecks.Catalog(specs))
        {
            errors.WriteLine(diagnostic.ToString());
            ok = false;
        }

        // Across files too: the secrets policies that environments put on one shared execution role, against IAM's cap.
        foreach (var warning in Kinds.SharedRolePolicyBudget.Check(specs))
        {
            errors.WriteLine(warning.ToString());
            ok &= !strict;
        }

        var result = new List<LoadedEnvironment>();
        foreach (var spec in specs)
        {
            foreach (var diagnostic in spec.Diagnostics)
            {
                errors.WriteLine(diagnostic.ToString());
            }

            if (!spec.IsValid || (strict && spec.Warnings.Any()))
            {
                if (spec.IsValid)
                {
                    errors.WriteLine($"{spec.File}: error: {spec.Warnings.Count()} warning(s) treated as errors (--strict)");
                }

                ok = false;
                continue;
            }

            result.Add(new LoadedEnvironment(spec.File, spec.Document!, spec.Graph!));
        }

        return ok ? result : null;
    }
}
