using System.CommandLine;

namespace Reconciler.Cli;

/// <summary><c>reconciler status [--url URL] [--json]</c>: the controller's /status, as a table or as its JSON.</summary>
internal static class StatusCommand
{
    public static Command Create(CliContext cli)
    {
        var url = new Option<string>("--url") { Description = "The controller's --listen URL (its /status URL works too)", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var json = new Option<bool>("--json") { Description = "Print the controller's /status JSON as it is" };
        var status = new Command("status", "Show each environment's last pass, result, drift and what it waits for") { url, json };
        status.SetAction(async (result, token) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            try
            {
                var body = await http.GetStringAsync(ControllerUrl.Endpoint(result.GetValue(url)!, "status"), token).ConfigureAwait(false);
                cli.Output.WriteLine(result.GetValue(json) ? body : StatusPrinter.Table(body));
                return 0;
            }
            catch (Exception ex) when (ex is HttpRequestException or UriFormatException || (ex is TaskCanceledException && !token.IsCancellationRequested))
            {
                cli.Errors.WriteLine($"error: no controller answered at {result.GetValue(url)}: {ex.Message}");
                return 1;
            }
        });
        return status;
    }
}
