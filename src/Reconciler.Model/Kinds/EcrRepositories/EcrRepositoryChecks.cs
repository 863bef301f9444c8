using System.Text.RegularExpressions;
using Reconciler.Model.Spec;
using Reconciler.Model.Validation;

namespace Reconciler.Model.Kinds;

/// <summary>The rules of <c>spec.repositories</c>: ECR's repository name rule, on the physical name.</summary>
internal static partial class EcrRepositoryChecks
{
    [GeneratedRegex("^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$")]
    private static partial Regex EcrName();

    /// <summary>Checks the repositories; returns their names, which container images refer to.</summary>
    public static HashSet<string> Check(SpecChecker c)
    {
        var repositories = c.Spec.Repositories;
        var names = c.Unique(repositories.Select(r => r.Name), "spec.repositories", "repository");
        for (var i = 0; i < repositories.Count; i++)
        {
            var repo = repositories[i];
            var physical = c.Physical(repo.Name, repo.AwsName);
            if ((repo.Name.Length > 0 || repo.AwsName is not null) && (!EcrName().IsMatch(physical) || physical.Length > 256))
            {
                c.Error($"spec.repositories[{i}].{(repo.AwsName is null ? "name" : "awsName")}", $"the repository name '{physical}' must be 2-256 lowercase letters, digits and . _ - /");
            }
        }

        c.UniquePhysicalNames(repositories.Select((r, i) => ($"spec.repositories[{i}].name", r.Name, r.AwsName)), "repository");

        return names;
    }
}
