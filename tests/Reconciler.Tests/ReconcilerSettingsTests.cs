using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reconciler.Controller;
using Reconciler.Engine;

namespace Reconciler.Tests;

/// <summary>The RECONCILER_* variables, read once into one record: their meaning, and the host binding them from its configuration.</summary>
public sealed class ReconcilerSettingsTests
{
    private static ReconcilerSettings Read(params (string Key, string Value)[] values) =>
        ReconcilerSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build());

    [Fact]
    public void Read_Should_InterpretEachVariableAsBefore_When_TheyAreSet()
    {
        var settings = Read(("RECONCILER_POLL_CAP", "300ms"), ("RECONCILER_SELF_ENVIRONMENT", "ops"), ("RECONCILER_API_BUDGET", "off"), ("RECONCILER_DNS_CHECK", "OFF"), ("RECONCILER_LOG_FORMAT", "json"));

        Assert.Equal(TimeSpan.FromMilliseconds(300), settings.PollCapDuration);
        Assert.Equal("ops", settings.SelfEnvironment);
        Assert.Null(settings.Budget(TimeProvider.System));
        Assert.True(settings.DnsCheckOff);
        Assert.Equal("json", settings.LogFormat);
    }

    [Fact]
    public void Read_Should_GiveTheDefaults_When_NothingIsSet()
    {
        var settings = Read();

        Assert.Null(settings.PollCapDuration);
        Assert.Null(settings.SelfEnvironment);
        Assert.NotNull(settings.Budget(TimeProvider.System)); // AWS's published rates
        Assert.False(settings.DnsCheckOff);
        Assert.Null(settings.LogFormat);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("lots")]
    public void Budget_Should_ThrowNamingTheVariable_When_TheFactorIsNotPositive(string factor)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("RECONCILER_API_BUDGET", factor)).Budget(TimeProvider.System));

        Assert.Equal($"RECONCILER_API_BUDGET must be a positive number or 'off', not '{factor}'.", error.Message);
    }

    [Fact]
    public async Task Build_Should_BindTheSettingsFromTheHostsConfiguration_When_TheControllerHostIsBuilt()
    {
        // A name no test environment has, so other tests building engines meanwhile are not affected.
        var self = "settings-" + Guid.NewGuid().ToString("N")[..8];
        Environment.SetEnvironmentVariable(ReconcilerSettings.SelfEnvironmentVariable, self);
        try
        {
            var options = new ControllerOptions([Path.GetTempPath()], [], TimeSpan.FromHours(1), TimeSpan.FromHours(1), 1, null);
            await using var app = ControllerHost.Build(options, TimeProvider.System, verbose: false);

            Assert.Equal(self, app.Services.GetRequiredService<ReconcilerSettings>().SelfEnvironment);
            Assert.Equal(self, app.Services.GetRequiredService<ReconcileEngine>().SelfEnvironment); // the engine got the host's settings
        }
        finally
        {
            Environment.SetEnvironmentVariable(ReconcilerSettings.SelfEnvironmentVariable, null);
        }
    }
}
