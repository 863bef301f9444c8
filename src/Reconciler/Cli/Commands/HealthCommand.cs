using System.CommandLine;

namespace Reconciler.Cli;

/// <summary><c>reconciler health [--url URL]</c>: exit 0 when the controller's /healthz answers 2xx within 5 s (container health checks).</summary>
internal static class HealthCommand
{
    public static Command Create(CliContext cli)
    {
        var url = new Option<string>("--url") { Description = "The controller's --listen URL, as for status (its /healthz URL works too)", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var health = new Command("health", "Exit 0 when the controller's /healthz answers 2xx within 5 s, 1 otherwise (for container health checks)") { url };
        health.SetAction(async (result, token) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var asked = result.GetValue(url)!;
            try
            {
                var endpoint = ControllerUrl.Endpoint(asked, "healthz");
                using var response = await http.GetAsync(endpoint, token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return 0;
                }

                cli.Errors.WriteLine($"unhealthy: {endpoint} answered {(int)response.StatusCode}");
                return 1;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
            {
                cli.Errors.WriteLine($"unhealthy: {asked}: {ex.Message}");
                return 1;
            }
        });
        return health;
    }
}
