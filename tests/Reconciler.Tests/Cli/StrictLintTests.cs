using Reconciler.Cli;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Cli;

/// <summary>Risky settings are warnings with their line and column; <c>--strict</c> makes each one an error that stops
/// validate, plan and apply before any AWS call.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class StrictLintTests
{
    private const string Ssh = "        - { protocol: tcp, port: 22,  cidr: 0.0.0.0/0 }";

    // The sample with its one risky setting (SSH from anywhere) narrowed: no warning at all.
    private static string Safe(string env, Func<string, string>? edit = null) => TestSpecs.Isolated(env, t =>
    {
        var safe = t.Replace(Ssh, "        - { protocol: tcp, port: 22,  cidr: 10.0.0.0/8 }", StringComparison.Ordinal);
        return edit is null ? safe : edit(safe);
    });

    public static TheoryData<string, string, string, string> Risks => new()
    {
        // from, to, where the warning points (after the "|" when there is one), the warning
        { "        - { protocol: tcp, port: 22,  cidr: 10.0.0.0/8 }", Ssh, "{ protocol: tcp, port: 22,", "spec.securityGroups[0].ingress[2]: port 22 is open to the whole internet (0.0.0.0/0)" },
        { "- { protocol: tcp, port: 5432, source: web }", "- { protocol: tcp, port: 5432, cidr: 0.0.0.0/0 }", "{ protocol: tcp, port: 5432,", "spec.securityGroups[1].ingress[0]: port 5432 is open to the whole internet (0.0.0.0/0)" },
        { "      deletionProtection: true", "      deletionProtection: true\n      publiclyAccessible: true", "publiclyAccessible: |true", "spec.databases[0].publiclyAccessible: the database is reachable from the internet" },
        { "      deletionProtection: true", "      deletionProtection: false", "deletionProtection: |false", "spec.databases[0].deletionProtection: deletion protection is off" },
    };

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, errors, TimeProvider.System);
        return (exit, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task ValidateStrict_Should_Exit0_When_NothingIsRisky()
    {
        var (exit, _, errors) = await Run("validate", "--strict", TestSpecs.WriteSpec(Safe(TestSpecs.UniqueName("safe"))));

        Assert.Equal(0, exit);
        Assert.DoesNotContain("warning", errors, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Risks))]
    public async Task Validate_Should_WarnAtTheLineAndColumn_When_ASettingIsRisky(string from, string to, string at, string warning)
    {
        var text = Safe(TestSpecs.UniqueName("risky"), t => Edit(t, from, to));
        var path = TestSpecs.WriteSpec(text);
        var (line, column) = Position(text, at);

        var (exit, _, errors) = await Run("validate", path);

        Assert.Equal(0, exit);
        var reported = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains(": warning: ", StringComparison.Ordinal));
        Assert.StartsWith($"{path}:{line}:{column}: warning: {warning}", reported, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Risks))]
    public async Task Strict_Should_Exit1AndCreateNothing_When_ASettingIsRisky(string from, string to, string at, string warning)
    {
        _ = at;
        var env = TestSpecs.UniqueName("strict");
        var path = TestSpecs.WriteSpec(Safe(env, t => Edit(t, from, to)));

        foreach (var verb in new[] { "validate", "plan", "apply" })
        {
            var (exit, output, errors) = await Run(verb, "--strict", path);

            Assert.True(exit == 1, $"{verb} --strict exited {exit}");
            Assert.Contains(warning, errors, StringComparison.Ordinal);
            Assert.Contains("treated as errors (--strict)", errors, StringComparison.Ordinal);
            Assert.DoesNotContain("converged", output, StringComparison.Ordinal);
        }

        using var h = new EngineHarness();
        Assert.Empty(await h.OwnershipTags(env)); // apply stopped before any AWS call
    }

    private static string Edit(string text, string from, string to)
    {
        Assert.Contains(from, text, StringComparison.Ordinal);
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    /// <summary>1-based line and column of <paramref name="at"/>, or of what follows its "|" (a value after its key).</summary>
    private static (int Line, int Column) Position(string text, string at)
    {
        var index = text.IndexOf(at.Replace("|", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(index >= 0, at);
        index += Math.Max(0, at.IndexOf('|', StringComparison.Ordinal));
        var before = text[..index];
        return (before.Count(c => c == '\n') + 1, index - before.LastIndexOf('\n'));
    }
}
