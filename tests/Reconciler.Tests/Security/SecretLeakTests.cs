using System.Text.RegularExpressions;
using Reconciler.Aws;
using Reconciler.Aws.Ecs;
using Reconciler.Aws.Http;
using Reconciler.Cli;
using Reconciler.Engine;
using Reconciler.Model.Loading;
using Reconciler.Model.Planning;
using Reconciler.Tests.Integration;
using Serilog;
using Serilog.Extensions.Logging;

namespace Reconciler.Tests.Security;

/// <summary>
/// Secrets planted where a careless controller would leak them: a secret value in a spec, a secret ARN, the database
/// master password, the AWS secret key. None may appear in a log line, an exception, the CLI's output or a request.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed partial class SecretLeakTests
{
    private const string PlantedValue = "planted-django-key-7f3c9a1b2e";
    private const string PlantedAwsSecret = "planted+AwsSecret/Key0123456789abcdefghijklmno";
    private const string SecretArn = "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:app-db-password-AbCdEf";

    private static string WithSecretEnvironment(string env) => TestSpecs.Isolated(env, t => t.Replace(
        "            DJANGO_SETTINGS_MODULE: app.settings.production\n",
        $"            DJANGO_SETTINGS_MODULE: app.settings.production\n            DJANGO_SECRET_KEY: {PlantedValue}\n",
        StringComparison.Ordinal));

    /// <summary>The sample with a literal secret ARN in place of its database's managed secret.</summary>
    private static string WithSecretArn(string env) => TestSpecs.Isolated(env, t => t.Replace(
        "            DATABASE_PASSWORD: { database: app-db, key: password }",
        $"            DB_PASSWORD: \"{SecretArn}\"",
        StringComparison.Ordinal));

    [Fact]
    public void Validator_Should_RefuseASecretValueWithoutShowingIt_When_TheEnvironmentCarriesOne()
    {
        var text = WithSecretEnvironment(TestSpecs.UniqueName("leak"));

        var loaded = SpecLoader.LoadText(text, "leak.yaml");

        var error = Assert.Single(loaded.Errors);
        Assert.Contains("DJANGO_SECRET_KEY", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("looks like a secret", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(PlantedValue, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(PlantedValue, string.Join("\n", loaded.Diagnostics), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("plan")]
    [InlineData("apply")]
    public async Task Cli_Should_Exit1WithoutEchoingTheValue_When_ASpecPutsASecretInTheEnvironment(string verb)
    {
        var env = TestSpecs.UniqueName("leak");
        var path = TestSpecs.WriteSpec(WithSecretEnvironment(env));
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exit = await CliApp.RunAsync([verb, path], output, errors, TimeProvider.System);

        Assert.Equal(1, exit);
        Assert.Contains("DJANGO_SECRET_KEY", errors.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(PlantedValue, output + errors.ToString(), StringComparison.Ordinal);
        using var h = new EngineHarness();
        Assert.Empty(await h.OwnershipTags(env)); // refused before any AWS call
    }

    [Fact]
    public async Task Apply_Should_LeakNoSecret_When_TheWholeSampleRunsWithASecretArnAndPlantedCredentials()
    {
        var env = TestSpecs.UniqueName("nosecret");
        var (_, graph) = TestSpecs.Load(WithSecretArn(env));
        var sink = new SerilogCapture();
        // The hook wraps every client's handler (the thin clients' and each SDK client's): keep all of them.
        var recorders = new System.Collections.Concurrent.ConcurrentBag<RecordingHandler>();
        var previous = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", PlantedAwsSecret); // moto does not check signatures
        ApplyResult result;
        string stepMessages;
        EcsTaskDefinition registered;
        try
        {
            // The Serilog configuration the CLI uses, at debug level, plus a sink that keeps everything.
            using var loggers = new SerilogLoggerFactory(Logging.Configure(new LoggerConfiguration(), null, verbose: true).WriteTo.Sink(sink).CreateLogger(), dispose: true);
            using var aws = new AwsComposition(loggers, TimeProvider.System, new RetryOptions(BaseDelay: TimeSpan.FromMilliseconds(5), MaxDelay: TimeSpan.FromMilliseconds(50)),
                wrapHandler: inner =>
                {
                    var recorder = new RecordingHandler(inner);
                    recorders.Add(recorder);
                    return recorder;
                });

            result = await aws.Engine.ApplyAsync(graph, new PlanOptions(Prune: true), CancellationToken.None);
            stepMessages = string.Join("\n", result.Steps.Select(s => s.Message));
            registered = (await new EcsApi(aws.Json(AwsServices.Ecs, graph.Region)).DescribeTaskDefinitionAsync($"{env}-app", CancellationToken.None)).TaskDefinition;
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", previous);
        }

        Assert.True(result.Converged, stepMessages + "\n" + sink.Text);
        Assert.NotEmpty(sink.Lines);
        Assert.NotEmpty(recorders);
        var requests = recorders.SelectMany(r => r.Requests).ToList();

        // (b) the secret is registered by reference only.
        var web = Assert.Single(registered.ContainerDefinitions!, c => c.Name == "web");
        Assert.Equal([("DB_PASSWORD", SecretArn)], web.Secrets!.Select(s => (s.Name, s.ValueFrom)));
        Assert.DoesNotContain(web.Environment ?? [], e => e.Name == "DB_PASSWORD" || e.Value == SecretArn);
        var register = Assert.Single(requests, r => r.Contains("RegisterTaskDefinition", StringComparison.Ordinal) && r.Contains(env, StringComparison.Ordinal));
        Assert.Contains($"\"valueFrom\":\"{SecretArn}\"", register, StringComparison.Ordinal);

        // (c) the master password never exists: RDS generates and keeps it.
        var create = Assert.Single(requests, r => r.Contains("Action=CreateDBInstance", StringComparison.Ordinal) && r.Contains(env, StringComparison.Ordinal));
        Assert.Contains("ManageMasterUserPassword=true", create, StringComparison.Ordinal);
        Assert.DoesNotMatch(MasterUserPassword(), create);

        // (d) the AWS secret key signs requests and appears nowhere: not in logs, step messages or what was sent.
        foreach (var (what, text) in new[] { ("logs", sink.Text), ("step messages", stepMessages), ("requests", string.Join("\n", requests)) })
        {
            Assert.False(text.Contains(PlantedAwsSecret, StringComparison.Ordinal), $"the AWS secret key is in the {what}");
            Assert.False(text.Contains(Uri.EscapeDataString(PlantedAwsSecret), StringComparison.Ordinal), $"the escaped AWS secret key is in the {what}");
        }

        Assert.DoesNotMatch(MasterUserPassword(), sink.Text);
    }

    // ManageMasterUserPassword=true contains "MasterUserPassword=": only a member of that exact name counts.
    [GeneratedRegex(@"(^|[&\n""])MasterUserPassword[=""]", RegexOptions.Multiline)]
    private static partial Regex MasterUserPassword();
}
