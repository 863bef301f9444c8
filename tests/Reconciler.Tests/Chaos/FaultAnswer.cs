using System.Net;

namespace Reconciler.Tests.Chaos;

/// <summary>An injected AWS error: HTTP status, error code and message, before a protocol writes it.</summary>
internal sealed record FaultAnswer(HttpStatusCode Status, string Code, string Message);
