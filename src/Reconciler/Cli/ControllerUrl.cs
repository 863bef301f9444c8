namespace Reconciler.Cli;

/// <summary>
/// The controller's address as <c>status --url</c> and <c>health --url</c> take it: the base URL it listens on
/// (<c>http://127.0.0.1:8080</c>, or with a path prefix behind a proxy), to which the command adds its endpoint. The full
/// URL of one of its endpoints (<c>.../healthz</c>, <c>.../status</c>), which <c>health</c> once required, keeps working:
/// that endpoint is replaced by the command's own.
/// </summary>
internal static class ControllerUrl
{
    private static readonly HashSet<string> Endpoints = new(StringComparer.Ordinal) { "healthz", "readyz", "metrics", "status" };

    /// <summary>The URL of <paramref name="endpoint"/> on the controller <paramref name="url"/> names.</summary>
    /// <exception cref="UriFormatException">The URL is not an absolute http(s) URL.</exception>
    public static Uri Endpoint(string url, string endpoint)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new UriFormatException($"'{url}' is not an http:// or https:// URL");
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        var last = path[(path.LastIndexOf('/') + 1)..];
        if (Endpoints.Contains(last))
        {
            path = path[..^last.Length].TrimEnd('/');
        }

        return new UriBuilder(uri) { Path = path + "/" + endpoint, Query = string.Empty, Fragment = string.Empty }.Uri;
    }
}
