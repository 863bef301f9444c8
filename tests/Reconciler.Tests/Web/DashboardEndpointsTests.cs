using System.Net;
using Reconciler.Controller;

namespace Reconciler.Tests.Web;

/// <summary>The dashboard's routes on a controller host started without a UI token (no environment, so no AWS call).</summary>
public sealed class DashboardEndpointsTests
{
    [Fact]
    public async Task Map_Should_ServeReadOnlyPagesAndNoAction_When_NoUiTokenWasGiven()
    {
        var folder = Directory.CreateTempSubdirectory("reconciler-dash-host-").FullName;
        var port = LoopbackPort.Free();
        var options = new ControllerOptions([folder], [], TimeSpan.FromHours(1), TimeSpan.FromHours(1), 1, $"http://127.0.0.1:{port}");
        await using var app = ControllerHost.Build(options, TimeProvider.System, verbose: false);
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            using var index = await http.GetAsync(new Uri("/", UriKind.Relative));
            using var missing = await http.GetAsync(new Uri("/environments/nope", UriKind.Relative));
            using var resync = await http.PostAsync(new Uri("/environments/nope/resync", UriKind.Relative), new FormUrlEncodedContent([KeyValuePair.Create("token", "anything")]));
            using var events = await http.GetAsync(new Uri("/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
            var first = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(HttpStatusCode.OK, index.StatusCode);
            Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
            var page = await index.Content.ReadAsStringAsync();
            Assert.Contains("0 of 0 environment(s)", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Resync now", page, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.True(resync.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, resync.StatusCode.ToString());
            Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("data: ", first, StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
