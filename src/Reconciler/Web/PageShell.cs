using System.Globalization;
using System.Text;

namespace Reconciler.Web;

/// <summary>
/// The frame of every dashboard page: the style, and the refresh. With JavaScript, a server-sent event from
/// <c>/events</c> tells the page that something changed and the page fetches itself again, replacing only its
/// <c>#live</c> part (so a filter being typed or a token being entered is kept). Without JavaScript, the page reloads
/// itself every 10 s (a meta refresh inside <c>noscript</c>); every link and form works without it.
/// </summary>
internal static class PageShell
{
    public static string Render(string title, string pathBase, long version, string body)
    {
        var page = new StringBuilder();
        page.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Html.E(title)} · Reconciler</title>
            <noscript><meta http-equiv="refresh" content="10"></noscript>
            <style>{Style}</style>
            </head>
            <body data-events="{Html.E(pathBase)}/events" data-version="{version}">
            <header><a href="{Html.E(pathBase)}/">Reconciler</a> <span class="muted">controller dashboard</span></header>
            <main>
            {body}
            </main>
            <script>{Script}</script>
            </body>
            </html>
            """);
        return page.ToString();
    }

    private const string Style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#212121;background:#fafafa}
        header{background:#263238;color:#eceff1;padding:8px 16px}header a{color:#fff;font-weight:700;text-decoration:none}
        main{padding:12px 16px}.muted{color:#90a4ae}table{border-collapse:collapse;margin:8px 0 16px;background:#fff}
        th,td{border:1px solid #cfd8dc;padding:4px 8px;text-align:left;vertical-align:top}th a{color:inherit}
        .result{font-weight:600}.result-in-sync,.result-repaired{color:#2e7d32}.result-drifted{color:#e65100}
        .result-failed{color:#c62828}.result-waiting,.result-observing{color:#b28704}
        tr.drifted td{background:#fff3e0}.graph{overflow:auto;border:1px solid #cfd8dc;background:#fff;max-height:70vh}
        .legend span{display:inline-block;margin-right:10px;padding:0 6px;border:1.5px solid;border-radius:4px}
        form.inline{display:inline}dl.summary{display:grid;grid-template-columns:max-content auto;gap:2px 12px}
        dl.summary dt{color:#546e7a}section{margin-top:12px}pre{background:#fff;border:1px solid #cfd8dc;padding:8px;overflow:auto}
        .problem{color:#c62828}
        """;

    private const string Script = """
        (function () {
          if (!window.EventSource || !window.fetch || !window.DOMParser) { return; }
          var body = document.body, latest = body.dataset.version, busy = false;
          function refresh() {
            if (busy || latest === body.dataset.version) { return; }
            busy = true;
            fetch(location.href, { cache: 'no-store' }).then(function (r) { return r.text(); }).then(function (text) {
              var page = new DOMParser().parseFromString(text, 'text/html');
              var fresh = page.getElementById('live'), old = document.getElementById('live');
              if (fresh && old) { old.replaceWith(fresh); }
              body.dataset.version = page.body.dataset.version;
            }).catch(function () { body.dataset.version = latest; }).finally(function () { busy = false; refresh(); });
          }
          new EventSource(body.dataset.events).onmessage = function (e) { latest = e.data; refresh(); };
        })();
        """;
}
