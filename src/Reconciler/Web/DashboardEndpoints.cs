using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Reconciler.Controller;

namespace Reconciler.Web;

/// <summary>
/// The dashboard's routes on the controller's listener: <c>GET /</c> (<see cref="IndexPage"/>),
/// <c>GET /environments/{name}</c> (<see cref="EnvironmentPage"/>), <c>GET /events</c> (server-sent events: the
/// history's version whenever it changes, so open pages refresh) and, only when a UI token was given at start,
/// <c>POST /environments/{name}/resync</c>. Everything else is read-only; pages show spec values and AWS ids, and specs
/// hold references to secrets, never their values.
/// </summary>
internal static class DashboardEndpoints
{
    /// <summary>How often the event stream looks for a change; a comment keeps idle connections open every 15 of these.</summary>
    private static readonly TimeSpan EventPoll = TimeSpan.FromSeconds(1);

    public static void Map(WebApplication app, UiToken? token)
    {
        app.MapGet("/", (HttpContext context, StatusStore statuses, DashboardHistory history, string? q, string? sort) =>
            Page(context, "Environments", history, IndexPage.Render(statuses.All, history, context.Request.PathBase, q, sort)));

        app.MapGet("/environments/{name}", (HttpContext context, string name, string? node, string? resync, StatusStore statuses, DashboardHistory history, SpecCatalog catalog) =>
        {
            if (statuses.Find(name) is not { } status)
            {
                return Results.Content(PageShell.Render("Not found", context.Request.PathBase, history.Version, $"<h1>No environment {Html.E(name)}</h1><p>It is not (yet) reconciled here.</p>"), "text/html; charset=utf-8", statusCode: 404);
            }

            var notice = resync == "queued" ? "Resync queued: the page updates when the pass ends." : null;
            var body = EnvironmentPage.Render(status, history.Find(name), Region(catalog, name), context.Request.PathBase, node, token is not null, notice);
            return Page(context, name, history, body);
        });

        app.MapGet("/events", async (HttpContext context, DashboardHistory history, IHostApplicationLifetime lifetime, TimeProvider time) =>
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            var sent = -1L;
            var idle = 0;
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var version = history.Version;
                    if (version != sent || ++idle >= 15)
                    {
                        await context.Response.WriteAsync(version != sent ? $"data: {version}\n\n" : ": idle\n\n", stop.Token).ConfigureAwait(false);
                        await context.Response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
                        sent = version;
                        idle = 0;
                    }

                    await Task.Delay(EventPoll, time, stop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // The page went away or the controller stops: the stream just ends.
            }
        });

        if (token is null)
        {
            return; // read-only: no action at all, and no button (EnvironmentPage is told there is no token)
        }

        app.MapPost("/environments/{name}/resync", async (HttpContext context, string name, ControllerService controller, StatusStore statuses, DashboardHistory history) =>
        {
            var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false) : null;
            var presented = Bearer(context.Request) ?? form?["token"].ToString();
            if (!token.Matches(presented))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return Results.Content(PageShell.Render("Not allowed", context.Request.PathBase, history.Version, "<h1>Not allowed</h1><p>The UI token is missing or wrong.</p>"), "text/html; charset=utf-8", statusCode: 401);
            }

            if (statuses.Find(name) is null)
            {
                return Results.NotFound();
            }

            controller.Resync(name);
            history.Changed();
            // A browser's form comes back to the page (post/redirect/get); a script gets 202.
            return form is null ? Results.Accepted() : Results.Redirect($"{context.Request.PathBase}/environments/{Uri.EscapeDataString(name)}?resync=queued", permanent: false, preserveMethod: false);
        });
    }

    private static IResult Page(HttpContext context, string title, DashboardHistory history, string body)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Content(PageShell.Render(title, context.Request.PathBase, history.Version, body), "text/html; charset=utf-8");
    }

    private static string Region(SpecCatalog catalog, string environment) =>
        catalog.Find(environment)?.InForce is { } spec ? spec.Graph?.Region ?? spec.Document?.Spec.Region ?? string.Empty : string.Empty;

    private static string? Bearer(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..] : null;
}
