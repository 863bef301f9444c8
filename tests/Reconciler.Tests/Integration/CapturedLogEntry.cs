using Microsoft.Extensions.Logging;

namespace Reconciler.Tests.Integration;

/// <summary>One log event as <see cref="CapturingLoggerProvider"/> keeps it: the line, the exception passed (null for none) and the named properties.</summary>
internal sealed record CapturedLogEntry(LogLevel Level, EventId EventId, string Text, Exception? Exception, IReadOnlyDictionary<string, object?> Properties);
