using System.Net;
using System.Net.Sockets;
using Reconciler.Cli;
using Reconciler.Model.Graph;
using Reconciler.Model.Loading;
using Reconciler.Tests.Integration;
using YamlDotNet.RepresentationModel;

namespace Reconciler.Tests.Samples;

/// <summary>What runs the controller and deploys through it: the image, the controller's own spec, the CI samples.</summary>
public sealed class DeploymentSamplesTests
{
    private static string Root => TestSpecs.RepoRoot;

    private static string Read(params string[] path) => File.ReadAllText(Path.Combine([Root, .. path]));

    private static YamlMappingNode Yaml(params string[] path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Read(path)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlNode At(YamlNode node, params string[] keys) =>
        keys.Aggregate(node, (n, k) => ((YamlMappingNode)n).Children[new YamlScalarNode(k)]);

    private static string Text(YamlNode node, params string[] keys) => ((YamlScalarNode)At(node, keys)).Value!;

    [Fact]
    public void ControllerSpec_Should_ValidateAndDeployTheControllerFromItsBucket_When_Loaded()
    {
        var loaded = SpecLoader.LoadFile(Path.Combine(Root, "samples", "controller.yaml"));
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Diagnostics));
        Assert.Empty(loaded.Warnings);
        var doc = loaded.Document!;
        var (graph, errors) = GraphBuilder.Build(doc);
        Assert.Empty(errors);

        var ids = graph!.Resources.Select(r => r.LogicalId).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(["ecr-repository/reconciler", "log-group/ecs/reconciler", "ecs-cluster/controller", "task-definition/reconciler", "ecs-service/reconciler", "s3-bucket/specs"]), ids);
        var bucket = graph.Find("s3-bucket/specs")!;
        Assert.Equal("true", bucket.Get("versioning"));
        var container = Assert.Single(doc.Spec.TaskDefinitions.Single().Containers);
        Assert.Equal("reconciler", container.Name);
        Assert.Equal("reconciler", container.Image.Repository);
        Assert.Equal(["run", "--source", $"s3://{bucket.Get("name")}/specs/", "--listen", "http://0.0.0.0:8080"], container.Command);
        Assert.Equal(8080, Assert.Single(container.PortMappings).ContainerPort);
        Assert.Equal(doc.Name, container.Environment["RECONCILER_SELF_ENVIRONMENT"]);
        Assert.Equal("/ecs/reconciler", container.Logs!.Group);
        Assert.Equal("reconciler", doc.Spec.Services.Single().TaskDefinition);
    }

    [Fact]
    public void Dockerfile_Should_BuildTheAppHostAndRunItAsTheNonRootUser_When_Read()
    {
        var lines = Read("Dockerfile").Split('\n').Select(l => l.Trim()).ToList();

        Assert.Contains("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", lines);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime", lines);
        Assert.Contains(lines, l => l.StartsWith("RUN dotnet publish src/Reconciler/Reconciler.csproj -c Release", StringComparison.Ordinal) && l.Contains("-p:UseAppHost=true", StringComparison.Ordinal) &&
            l.Contains("--self-contained false -r linux-", StringComparison.Ordinal));
        // A runtime identifier makes the publish ReadyToRun (the project's PublishReadyToRun condition).
        Assert.Contains("<PublishReadyToRun Condition=\"'$(RuntimeIdentifier)' != ''\">true</PublishReadyToRun>", Read("src/Reconciler/Reconciler.csproj"), StringComparison.Ordinal);
        Assert.Contains("USER $APP_UID", lines);
        Assert.Contains("EXPOSE 8080", lines);
        Assert.Contains("ENV RECONCILER_LOG_FORMAT=json", lines);
        Assert.Contains("ENTRYPOINT [\"/app/reconciler\"]", lines);
        Assert.Contains("CMD [\"run\", \"--watch\", \"/specs\", \"--listen\", \"http://0.0.0.0:8080\"]", lines);
        Assert.Contains("CMD [\"/app/reconciler\", \"health\", \"--url\", \"http://127.0.0.1:8080/healthz\"]", lines);
        Assert.True(lines.IndexOf("USER $APP_UID") > lines.IndexOf("FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime"));
        var ignored = Read(".dockerignore").Split('\n').Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(["**/bin/", "**/obj/", ".git/", "tests/"]), ignored);
    }

    [Fact]
    public async Task Health_Should_Exit0WhenHealthzAnswersAnd1WhenNothingListens_When_UsedAsTheImagesHealthCheck()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serve = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            context.Response.StatusCode = context.Request.Url!.AbsolutePath == "/healthz" ? 200 : 404;
            context.Response.Close();
        });

        var healthy = await Run("health", "--url", $"http://127.0.0.1:{port}/healthz");
        await serve;
        listener.Stop();
        var down = await Run("health", "--url", $"http://127.0.0.1:{FreePort()}/healthz");

        Assert.Equal(0, healthy.Exit);
        Assert.Equal(1, down.Exit);
        Assert.Contains("unhealthy", down.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void GitHubActions_Should_PushTheShaTagAndDeployFromMainOnly_When_Loaded()
    {
        var workflow = Yaml("samples", "ci", "github-actions.yml");
        var jobs = (YamlMappingNode)At(workflow, "jobs");

        var build = string.Join("\n", ((YamlSequenceNode)At(jobs, "build", "steps")).Children.OfType<YamlMappingNode>()
            .Where(s => s.Children.ContainsKey(new YamlScalarNode("run"))).Select(s => Text(s, "run")));
        Assert.Contains("docker push \"$REGISTRY/$ECR_REPOSITORY:$GITHUB_SHA\"", build, StringComparison.Ordinal);
        Assert.Equal("github.ref == 'refs/heads/main'", Text(jobs, "deploy", "if"));
        Assert.Equal("build", Text(jobs, "deploy", "needs"));
        var deploy = string.Join("\n", ((YamlSequenceNode)At(jobs, "deploy", "steps")).Children.OfType<YamlMappingNode>()
            .Where(s => s.Children.ContainsKey(new YamlScalarNode("run"))).Select(s => Text(s, "run")));
        Assert.Contains("set-image \"$SPEC\" --container \"$CONTAINER\" --tag \"$GITHUB_SHA\"", deploy, StringComparison.Ordinal);
        Assert.Equal("s3://ops-specs/specs/production.yaml", Text(workflow, "env", "SPEC"));
        Assert.Equal("web", Text(workflow, "env", "CONTAINER"));
    }

    [Fact]
    public void CircleCi_Should_PushTheShaTagAndDeployFromMainOnly_When_Loaded()
    {
        var config = Yaml("samples", "ci", "circleci-config.yml");
        var jobs = ((YamlSequenceNode)At(config, "workflows", "build-and-deploy", "jobs")).Children.Cast<YamlMappingNode>().ToList();

        var deployEntry = jobs.Single(j => j.Children.ContainsKey(new YamlScalarNode("deploy")));
        Assert.Equal("main", Text(deployEntry, "deploy", "filters", "branches", "only"));
        Assert.Equal("build", ((YamlScalarNode)((YamlSequenceNode)At(deployEntry, "deploy", "requires")).Children.Single()).Value);
        var buildEntry = jobs.Single(j => j.Children.ContainsKey(new YamlScalarNode("build")));
        Assert.False(((YamlMappingNode)At(buildEntry, "build")).Children.ContainsKey(new YamlScalarNode("filters")));

        string Runs(string job) => string.Join("\n", ((YamlSequenceNode)At(config, "jobs", job, "steps")).Children.OfType<YamlMappingNode>()
            .Where(s => s.Children.ContainsKey(new YamlScalarNode("run"))).Select(s => Text(s, "run", "command")));
        Assert.Contains("docker push \"$REGISTRY/$ECR_REPOSITORY:$CIRCLE_SHA1\"", Runs("build"), StringComparison.Ordinal);
        Assert.Contains("set-image \"$SPEC\" --container \"$CONTAINER\" --tag \"$CIRCLE_SHA1\"", Runs("deploy"), StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, errors, TimeProvider.System);
        return (exit, output.ToString(), errors.ToString());
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
