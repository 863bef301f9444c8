using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Reconciler.Tests.Integration;

/// <summary>
/// A real moto_server process on a free loopback port, started once per test run and shared by the integration
/// tests (isolated by unique environment names). The SDK is pointed at it through the standard AWS_ENDPOINT_URL.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    private Process? _process;

    public string Endpoint { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        (_process, Endpoint) = await LaunchAsync();

        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", Endpoint);
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", null);
        Environment.SetEnvironmentVariable("AWS_PROFILE", null);
        Environment.SetEnvironmentVariable("AWS_REGION", "ap-northeast-1");
        Environment.SetEnvironmentVariable("RECONCILER_POLL_CAP", "300ms");
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>
    /// A moto_server process of its own on a free port, answering once started; the caller stops it. The shared one
    /// comes from here too; a test that changes server-wide settings (IAM enforcement) starts its own.
    /// </summary>
    public static async Task<(Process Process, string Endpoint)> LaunchAsync()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("moto_server", ["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["MOTO_ACM_VALIDATION_WAIT"] = "2";
        // AWS's managed policies (AmazonECSTaskExecutionRolePolicy...) exist in every account; moto loads them only on request.
        start.Environment["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true";
        var process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var endpoint = $"http://127.0.0.1:{port}";

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(endpoint + "/moto-api/"));
                break;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(200);
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(200);
            }
        }

        return (process, endpoint);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
