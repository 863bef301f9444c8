using Reconciler.Cli;

namespace Reconciler.Tests.Cli;

/// <summary>status and health take the controller's base URL; a full endpoint URL (the old health form) keeps working.</summary>
public sealed class ControllerUrlTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080", "healthz", "http://127.0.0.1:8080/healthz")]
    [InlineData("http://127.0.0.1:8080/", "healthz", "http://127.0.0.1:8080/healthz")]
    [InlineData("http://127.0.0.1:8080/healthz", "healthz", "http://127.0.0.1:8080/healthz")]
    [InlineData("http://127.0.0.1:8080/status", "healthz", "http://127.0.0.1:8080/healthz")]
    [InlineData("http://127.0.0.1:8080", "status", "http://127.0.0.1:8080/status")]
    [InlineData("http://127.0.0.1:8080/healthz", "status", "http://127.0.0.1:8080/status")]
    [InlineData("https://ops.example.com/reconciler/", "status", "https://ops.example.com/reconciler/status")]
    [InlineData("https://ops.example.com/reconciler/readyz?x=1", "healthz", "https://ops.example.com/reconciler/healthz")]
    public void Endpoint_Should_AddTheCommandsEndpoint_When_GivenABaseOrAnEndpointUrl(string url, string endpoint, string expected) =>
        Assert.Equal(new Uri(expected), ControllerUrl.Endpoint(url, endpoint));

    [Theory]
    [InlineData("127.0.0.1:8080")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("/healthz")]
    public void Endpoint_Should_Throw_When_TheUrlIsNotAnAbsoluteHttpUrl(string url) =>
        Assert.Throws<UriFormatException>(() => ControllerUrl.Endpoint(url, "healthz"));
}
