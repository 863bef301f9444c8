using System.Collections.Immutable;
using Reconciler.Cli;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Tests.Cli;

/// <summary><c>plan --format markdown</c>: a collapsed section per environment, data-at-risk steps first, safe to paste into GitHub.</summary>
public sealed class PlanMarkdownTests
{
    private static ObservedResource Observed(ResourceKind kind, string logicalId, string awsId) =>
        new(kind, logicalId, "prod", awsId, ImmutableSortedDictionary<string, FieldValue>.Empty, ImmutableSortedDictionary<string, string>.Empty, ImmutableSortedDictionary<string, string>.Empty);

    [Fact]
    public void Render_Should_PutDataAtRiskFirstInACollapsedSectionPerEnvironment_When_PlansHaveChanges()
    {
        var prod = new Plan("prod",
        [
            new PlanStep(PlanAction.Create, ResourceKinds.Subnet, "subnet/c", null, null, [], "not found"),
            new PlanStep(PlanAction.Update, ResourceKinds.SecurityGroup, "security-group/web", null, Observed(ResourceKinds.SecurityGroup, "security-group/web", "sg-1"),
                [new FieldChange("ingress", null, null, false, Added: ["tcp 443 0.0.0.0/0"], Removed: ["tcp 22 | 0.0.0.0/0"])], "drifted"),
            new PlanStep(PlanAction.Replace, ResourceKinds.DbInstance, "db-instance/main", null, Observed(ResourceKinds.DbInstance, "db-instance/main", "main-db"),
                [new FieldChange("engine", "mysql", "postgres", true)], "engine changed"),
            new PlanStep(PlanAction.NoOp, ResourceKinds.Vpc, "vpc/main", null, Observed(ResourceKinds.Vpc, "vpc/main", "vpc-1"), [], "in sync"),
        ]);
        var staging = new Plan("staging", [new PlanStep(PlanAction.NoOp, ResourceKinds.Vpc, "vpc/main", null, Observed(ResourceKinds.Vpc, "vpc/main", "vpc-2"), [], "in sync")]);

        var text = PlanMarkdown.Render([(prod, "envs/prod.yaml"), (staging, "envs/staging.yaml")]);

        Assert.StartsWith(PlanMarkdown.Marker, text, StringComparison.Ordinal);
        Assert.Contains("1 environment with changes of 2, :warning: 1 step with data at risk", text, StringComparison.Ordinal);
        Assert.Contains("| prod | `envs/prod.yaml` | 1 | 1 | 1 | 0 | 1 | 0 | :warning: 1 |", text, StringComparison.Ordinal);
        Assert.Contains("| staging | `envs/staging.yaml` | 0 | 0 | 0 | 0 | 1 | 0 | 0 |", text, StringComparison.Ordinal);
        // One collapsed section per environment, Markdown inside it after a blank line.
        Assert.Equal(2, text.Split("<details>\n").Length - 1);
        Assert.DoesNotContain("<details open", text, StringComparison.Ordinal);
        Assert.Contains("<summary><strong>prod</strong> (envs/prod.yaml): 1 to create, 1 to update, 1 to replace, 0 to delete, 1 in sync :warning: 1 step with data at risk</summary>\n\n", text, StringComparison.Ordinal);
        var risk = text.IndexOf("**:warning: Data at risk**", StringComparison.Ordinal);
        var replace = text.IndexOf("- **replace** `db-instance/main` (`main-db`): engine changed", StringComparison.Ordinal);
        var update = text.IndexOf("- **update** `security-group/web` (`sg-1`): drifted", StringComparison.Ordinal);
        var create = text.IndexOf("- **create** `subnet/c`: not found", StringComparison.Ordinal);
        Assert.True(risk >= 0 && risk < replace && replace < update && update < create, text);
        Assert.Contains("  - `engine`: `postgres` → `mysql` **(forces replacement)**", text, StringComparison.Ordinal);
        Assert.Contains("  - `ingress`: + `tcp 443 0.0.0.0/0`, - `tcp 22 | 0.0.0.0/0`", text, StringComparison.Ordinal);
        Assert.DoesNotContain("vpc-1", text, StringComparison.Ordinal); // in sync: counted, not listed
        Assert.Contains("In sync: nothing to change.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Should_EscapeHtmlAndBackticks_When_NamesOrValuesHoldThem()
    {
        var plan = new Plan("a<b>", [new PlanStep(PlanAction.Update, ResourceKinds.SecurityGroup, "security-group/x", null, Observed(ResourceKinds.SecurityGroup, "security-group/x", "sg-9"),
            [new FieldChange("description", "say `hi`", "</details>", false)], "drifted <script>")]);

        var text = PlanMarkdown.Render([(plan, "a.yaml")]);

        Assert.Contains("<strong>a&lt;b&gt;</strong>", text, StringComparison.Ordinal);
        Assert.Contains("drifted &lt;script&gt;", text, StringComparison.Ordinal);
        Assert.Contains("`` say `hi` ``", text, StringComparison.Ordinal); // a longer fence around a backtick
        Assert.Contains("`</details>`", text, StringComparison.Ordinal); // in a code span GitHub shows it as text
        Assert.Equal(1, text.Split("</details>\n").Length - 1); // the section closes once, on its own line
    }
}
