using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Compact;

namespace Reconciler.Cli;

/// <summary>
/// Serilog to standard error: text for people on a terminal, compact JSON otherwise (CloudWatch-friendly), or as
/// <c>RECONCILER_LOG_FORMAT</c> (text|json) says. Standard output stays for plans and results.
/// </summary>
internal static class Logging
{
    public static ILoggerFactory Create(bool verbose)
    {
        var format = Environment.GetEnvironmentVariable("RECONCILER_LOG_FORMAT");
        var json = format is null ? Console.IsErrorRedirected : format.Equals("json", StringComparison.OrdinalIgnoreCase);
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Information)
            .Enrich.FromLogContext();
        config = json
            ? config.WriteTo.Console(new CompactJsonFormatter(), standardErrorFromLevel: LogEventLevel.Verbose)
            : config.WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}", standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        return new SerilogLoggerFactory(config.CreateLogger(), dispose: true);
    }
}
