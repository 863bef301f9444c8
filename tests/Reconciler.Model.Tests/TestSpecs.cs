using System.Runtime.CompilerServices;
using Reconciler.Model.Loading;
using Reconciler.Model.Validation;

namespace Reconciler.Model.Tests;

/// <summary>
/// Shared fixtures: a small valid spec that tests mutate one line at a time, the sample from the repository, and
/// assertions on diagnostics. Positions are computed from the text itself, independently of the loader.
/// </summary>
internal static class TestSpecs
{
    public const string FileName = "test.yaml";

    /// <summary>A spec that uses every section and loads with no diagnostic at all.</summary>
    public const string Base = """
        apiVersion: reconciler/v1
        kind: Environment
        metadata:
          name: test
        spec:
          region: eu-west-1
          prune: false
          tags: { project: test }
          network:
            cidr: 10.0.0.0/16
            internetGateway: true
            natGateway: { subnet: public-a }
            subnets:
              - { name: public-a, zone: eu-west-1a, cidr: 10.0.0.0/24, public: true }
              - { name: public-b, zone: eu-west-1b, cidr: 10.0.1.0/24, public: true }
              - { name: private-a, zone: eu-west-1a, cidr: 10.0.10.0/24 }
              - { name: private-b, zone: eu-west-1b, cidr: 10.0.11.0/24 }
          securityGroups:
            - name: web
              description: HTTPS from anywhere
              ingress:
                - { protocol: tcp, port: 443, cidr: 0.0.0.0/0 }
            - name: db
              ingress:
                - { protocol: tcp, port: 5432, source: web }
          databases:
            - name: app-db
              engine: postgres
              engineVersion: "16"
              instanceClass: db.t3.micro
              storageGiB: 20
              databaseName: app
              masterUsername: app
              subnets: [private-a, private-b]
              securityGroups: [db]
          hosts:
            - name: ecs
              count: 2
              instanceType: t3.small
              subnets: [public-a, public-b]
              securityGroups: [web]
              instanceProfile: ecsInstanceRole
              cluster: app
          dns:
            zone: example.com
            records:
              - { name: api.example.com, target: { loadBalancer: app } }
          certificates:
            - { name: api, domain: api.example.com }
          loadBalancers:
            - name: app
              subnets: [public-a, public-b]
              securityGroups: [web]
              listeners:
                - { protocol: HTTPS, port: 443, certificate: api, forward: app }
                - { protocol: HTTP, port: 80, redirect: https }
              targetGroups:
                - { name: app, port: 80 }
          repositories:
            - { name: app }
          logGroups:
            - { name: /ecs/app, retentionDays: 30 }
          clusters:
            - { name: app }
          taskDefinitions:
            - family: app
              executionRole: ecsTaskExecutionRole
              containers:
                - name: web
                  image: { repository: app, tag: v1 }
                  memory: 512
                  memoryReservation: 256
                  portMappings: [ { hostPort: 80, containerPort: 8000 } ]
                  environment: { MODE: production }
                  logs: { group: /ecs/app }
          services:
            - name: app
              cluster: app
              taskDefinition: app
              loadBalancer: { targetGroup: app, container: web, containerPort: 8000 }
        """;

    /// <summary>The base spec with <paramref name="find"/> (which must occur exactly once) replaced.</summary>
    public static string Mutate(string find, string replace) => Mutate(Base, find, replace);

    public static string Mutate(string text, string find, string replace)
    {
        var first = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(first >= 0, $"'{find}' is not in the spec");
        Assert.True(text.IndexOf(find, first + 1, StringComparison.Ordinal) < 0, $"'{find}' occurs more than once in the spec");
        return string.Concat(text.AsSpan(0, first), replace, text.AsSpan(first + find.Length));
    }

    public static LoadedSpec Load(string yaml) => SpecLoader.LoadText(yaml, FileName);

    /// <summary>
    /// The 1-based line and column of <paramref name="target"/>, searched after <paramref name="after"/> when given
    /// (the target must then be the first occurrence after it; without <paramref name="after"/> it must be unique).
    /// </summary>
    public static (int Line, int Column) PositionOf(string text, string target, string? after = null)
    {
        int index;
        if (after is null)
        {
            index = text.IndexOf(target, StringComparison.Ordinal);
            Assert.True(index >= 0, $"'{target}' is not in the text");
            Assert.True(text.IndexOf(target, index + 1, StringComparison.Ordinal) < 0, $"'{target}' is not unique in the text");
        }
        else
        {
            var start = text.IndexOf(after, StringComparison.Ordinal);
            Assert.True(start >= 0, $"'{after}' is not in the text");
            index = text.IndexOf(target, start, StringComparison.Ordinal);
            Assert.True(index >= 0, $"'{target}' is not after '{after}'");
        }

        var before = text.AsSpan(0, index);
        return (before.Count('\n') + 1, index - before.LastIndexOf('\n'));
    }

    /// <summary>The one error at <paramref name="path"/>, checked for position, message and printed form.</summary>
    public static Diagnostic AssertError(LoadedSpec spec, string path, (int Line, int Column) at, string messagePart) =>
        AssertDiagnostic(spec, Severity.Error, path, at, messagePart);

    public static Diagnostic AssertWarning(LoadedSpec spec, string path, (int Line, int Column) at, string messagePart) =>
        AssertDiagnostic(spec, Severity.Warning, path, at, messagePart);

    private static Diagnostic AssertDiagnostic(LoadedSpec spec, Severity severity, string path, (int Line, int Column) at, string messagePart)
    {
        var matching = spec.Diagnostics.Where(d => d.Severity == severity && d.Path == path).ToList();
        Assert.True(matching.Count == 1,
            $"expected one {severity} at '{path}', found {matching.Count}. All diagnostics:\n{string.Join("\n", spec.Diagnostics)}");
        var diagnostic = matching[0];
        Assert.Equal(spec.File, diagnostic.File);
        Assert.Equal(at, (diagnostic.Mark.Line, diagnostic.Mark.Column));
        Assert.Contains(messagePart, diagnostic.Message, StringComparison.Ordinal);
        var level = severity == Severity.Error ? "error" : "warning";
        var where = $"{spec.File}:{at.Line}:{at.Column}: {level}: ";
        var prefix = path.Length == 0 ? where : where + path + ": ";
        Assert.StartsWith(prefix, diagnostic.ToString(), StringComparison.Ordinal);
        return diagnostic;
    }

    /// <summary>The only error of the file (and no other diagnostic at all), for inputs that stop the file early.</summary>
    public static Diagnostic AssertOnlyError(LoadedSpec spec, (int Line, int Column) at, string messagePart)
    {
        var diagnostic = Assert.Single(spec.Diagnostics);
        Assert.True(diagnostic.IsError);
        Assert.Equal(at, (diagnostic.Mark.Line, diagnostic.Mark.Column));
        Assert.Contains(messagePart, diagnostic.Message, StringComparison.Ordinal);
        Assert.False(spec.IsValid);
        return diagnostic;
    }

    /// <summary>
    /// The repository root: the nearest folder above the test binaries that holds Reconciler.sln. When the binaries
    /// live elsewhere (<c>--artifacts-path /tmp/...</c>), the walk starts again from this source file's folder.
    /// </summary>
    public static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? string.Empty })
        {
            for (var dir = start.Length == 0 ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "Reconciler.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"no Reconciler.sln above {AppContext.BaseDirectory} or {sourceFile}");
    }

    public static string SamplePath { get; } = Path.Combine(RepositoryRoot(), "samples", "environment.yaml");
}
