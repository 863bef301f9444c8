using Reconciler.Web;

namespace Reconciler.Tests.Web;

public sealed class PageShellTests
{
    [Fact]
    public void Render_Should_ReloadWithoutJavaScriptAndListenForEventsUnderThePathBase_When_APageIsServed()
    {
        var html = PageShell.Render("<env>", "/reconciler", 42, "<p id=\"live\">body</p>");

        Assert.Contains("<noscript><meta http-equiv=\"refresh\" content=\"10\"></noscript>", html, StringComparison.Ordinal);
        Assert.Contains("data-events=\"/reconciler/events\" data-version=\"42\"", html, StringComparison.Ordinal);
        Assert.Contains("<title>&lt;env&gt; · Reconciler</title>", html, StringComparison.Ordinal);
        Assert.Contains("new EventSource(body.dataset.events)", html, StringComparison.Ordinal);
    }
}
