using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Reconciler.Bench.Fleet;

/// <summary>
/// A moto_server of the bench's own on a free loopback port, configured as scripts/run-local.sh and the integration
/// tests configure theirs; the process environment is pointed at it with throwaway credentials, so nothing reaches AWS.
/// </summary>
internal sealed class MotoProcess : IDisposable
{
    private readonly Process _process;

    private MotoProcess(Process process, string endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    public int ProcessId => _process.Id;

    /// <summary>
    /// A moto_server a previous run of the bench started and left running (<paramref name="processId"/> listening on
    /// <paramref name="endpoint"/>): its account is measured as it is, the process environment pointed at it.
    /// </summary>
    public static MotoProcess Attach(string endpoint, int processId)
    {
        var moto = new MotoProcess(Process.GetProcessById(processId), endpoint);
        PointAt(endpoint);
        return moto;
    }

    /// <param name="indexed">
    /// Null: the plain moto_server. Otherwise bench/moto/serve.py (moto with the DbiResourceId fix, profiled per
    /// operation when MOTO_PROFILE_OUT is set), with --indexed when true (moto's account-wide scans replaced by indexes,
    /// same answers; the scale bench's default).
    /// </param>
    public static async Task<MotoProcess> StartAsync(CancellationToken ct, bool? indexed = null)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        string[] listen = ["-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)];
        var start = indexed switch
        {
            null => new ProcessStartInfo("moto_server", listen),
            false => new ProcessStartInfo("python3", [ServeScript(), .. listen]),
            true => new ProcessStartInfo("python3", [ServeScript(), "--indexed", .. listen]),
        };
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["MOTO_ACM_VALIDATION_WAIT"] = "2";
        start.Environment["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true";
        if (indexed is not null)
        {
            // moto counts every DB instance's automated snapshot against its manual-snapshot cap (1,000 by default), so
            // the 1,000th environment's CreateDBInstance failed with SnapshotQuotaExceeded in the scale run of 2026-12-03.
            start.Environment["MOTO_RDS_SNAPSHOT_LIMIT"] = "100000";
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var moto = new MotoProcess(process, $"http://127.0.0.1:{port}");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(moto.Endpoint + "/moto-api/"), ct).ConfigureAwait(false);
                break;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && deadline.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
            {
                await Task.Delay(200, ct).ConfigureAwait(false);
            }
        }

        PointAt(moto.Endpoint);
        return moto;
    }

    /// <summary>bench/moto/serve.py, found by walking up from the bench's binaries to the repository.</summary>
    private static string ServeScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var script = Path.Combine(dir.FullName, "bench", "moto", "serve.py");
            if (File.Exists(script))
            {
                return script;
            }
        }

        throw new InvalidOperationException("bench/moto/serve.py not found above " + AppContext.BaseDirectory);
    }

    private static void PointAt(string endpoint)
    {
        foreach (var name in new[] { "AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI" })
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", endpoint);
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        Environment.SetEnvironmentVariable("AWS_REGION", FleetBench.Region);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        Environment.SetEnvironmentVariable("RECONCILER_POLL_CAP", "300ms");
    }

    /// <summary>CPU time moto_server has used so far (user + system, from /proc), to show where a resync's time goes.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>moto_server's resident memory now (its backends hold the whole account).</summary>
    public long WorkingSet()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }
}
