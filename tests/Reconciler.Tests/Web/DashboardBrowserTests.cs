using System.Net;
using System.Text.Json;
using Amazon.EC2.Model;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Reconciler.Cli;
using Reconciler.Tests.Integration;
using Xunit.Abstractions;

namespace Reconciler.Tests.Web;

/// <summary>
/// The dashboard in a real headless Chromium, on <c>reconciler run --watch</c> converging the sample on moto_server:
/// what a person would check, with screenshots saved under the test output (bin/.../screenshots/dashboard/).
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    private const string Group = "security-group/web";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly string _shots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots", "dashboard")).FullName;

    [Fact]
    public async Task Pages_Should_ShowInSyncThenDriftedWithDesiredAgainstActualThenRepaired_When_SomeoneEditsAwsUnderTheController()
    {
        var env = TestSpecs.UniqueName("dash");
        var folder = Directory.CreateTempSubdirectory("reconciler-dash-").FullName;
        var spec = Path.Combine(folder, env + ".yaml");
        File.WriteAllText(spec, TestSpecs.Isolated(env));
        var baseUrl = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var token = Guid.NewGuid().ToString("N");
        using var stop = new CancellationTokenSource();
        using var runOutput = new StringWriter();
        using var runErrors = new StringWriter();
        var controller = CliApp.RunAsync(
            ["run", "--watch", folder, "--listen", baseUrl, "--ui-token", token, "--resync", "1h", "--rescan", "1s"], runOutput, runErrors, TimeProvider.System, stop.Token);
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
        using var h = new EngineHarness();
        ChromeDriver? browser = null;
        try
        {
            await Status(http, env, s => s.Result is "repaired" or "in sync", controller, runErrors);
            // Detect mode from here on: a hand edit is then reported (drifted), not repaired in the same pass.
            File.WriteAllText(spec, TestSpecs.Isolated(env, t => t.Replace("mode: enforce", "mode: detect", StringComparison.Ordinal)));
            await Status(http, env, s => s is { Mode: "detect", Result: "in sync" }, controller, runErrors);

            // What a page of the sample costs the controller (printed, for docs/dashboard.md): its size and time to serve.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var served = await http.GetStringAsync(new Uri($"/environments/{env}", UriKind.Relative));
            output.WriteLine($"/environments/{env}: {served.Length} characters in {clock.Elapsed.TotalMilliseconds:0} ms (first request)");
            clock.Restart();
            served = await http.GetStringAsync(new Uri($"/environments/{env}?node={Group}", UriKind.Relative));
            output.WriteLine($"/environments/{env}?node={Group}: {served.Length} characters in {clock.Elapsed.TotalMilliseconds:0} ms");

            browser = HeadlessChromium.Start();
            browser.Navigate().GoToUrl(baseUrl + "/");
            var row = browser.FindElement(By.CssSelector($"tr[data-environment='{env}']"));
            Assert.Contains("in sync", row.FindElement(By.CssSelector("td.result")).Text, StringComparison.Ordinal);
            Assert.Contains("detect", row.Text, StringComparison.Ordinal);
            Shot(browser, "1-environments");

            // The filter box: another name hides the row (a plain GET form, no script needed).
            browser.FindElement(By.CssSelector("#filter input[name=q]")).SendKeys("no-such-environment" + Keys.Enter);
            Until(browser, () => browser.Url.Contains("q=no-such-environment", StringComparison.Ordinal), "the filter to apply");
            Assert.Empty(browser.FindElements(By.CssSelector($"tr[data-environment='{env}']")));

            browser.Navigate().GoToUrl($"{baseUrl}/environments/{env}");
            var resources = TestSpecs.Load(TestSpecs.Isolated(env)).Graph.Resources.Select(r => r.LogicalId).ToHashSet(StringComparer.Ordinal);
            var drawn = browser.FindElements(By.CssSelector("svg#graph a.node")).Select(n => n.GetAttribute("data-id")).ToHashSet(StringComparer.Ordinal);
            Assert.Subset(drawn!, resources);
            Assert.Equal("in sync", browser.FindElement(By.Id("result")).Text);
            Assert.Equal("in sync", Node(browser).GetAttribute("data-state"));
            var groupId = browser.FindElement(By.CssSelector($"#resources tr[data-id='{Group}'] a.console")).Text;
            Assert.StartsWith("sg-", groupId, StringComparison.Ordinal);
            Assert.Contains($"SecurityGroup:groupId={groupId}", browser.FindElement(By.CssSelector($"#resources tr[data-id='{Group}'] a.console")).GetAttribute("href"), StringComparison.Ordinal);
            Shot(browser, "2-environment-in-sync");

            // Someone opens MySQL to the world by hand (AuthorizeSecurityGroupIngress adds inbound rules:
            // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupIngress.html).
            await h.Ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
            {
                GroupId = groupId,
                IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 3306, ToPort = 3306, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
            });
            browser.FindElement(By.CssSelector("#resync input[name=token]")).SendKeys(token);
            browser.FindElement(By.CssSelector("#resync button")).Click();
            Until(browser, () => browser.FindElements(By.Id("notice")).Count == 1, "the resync to be queued");

            // No reload from here: the page refreshes itself on the server's event.
            Until(browser, () => browser.FindElement(By.Id("result")).Text == "drifted" && Node(browser).GetAttribute("data-state") == "drifted", "the group to turn drifted");
            Shot(browser, "3-environment-drifted");
            Node(browser).Click();
            Until(browser, () => browser.FindElements(By.CssSelector("#node #fields tr.drifted[data-field='ingress']")).Count == 1, "the drifted field");
            var drifted = browser.FindElement(By.CssSelector("#node #fields tr.drifted[data-field='ingress']"));
            Assert.Contains("3306", drifted.FindElement(By.CssSelector("td.actual")).Text, StringComparison.Ordinal);
            Assert.DoesNotContain("3306", drifted.FindElement(By.CssSelector("td.desired")).Text, StringComparison.Ordinal);
            Assert.Contains("443", drifted.FindElement(By.CssSelector("td.desired")).Text, StringComparison.Ordinal);
            Shot(browser, "4-node-desired-against-actual");

            // Enforce again: the controller repairs it, and the open page follows.
            File.WriteAllText(spec, TestSpecs.Isolated(env));
            Until(browser, () => browser.FindElement(By.CssSelector("#node")).GetAttribute("data-state") == "in sync", "the group to turn back in sync");
            Assert.Equal("repaired", browser.FindElement(By.Id("result")).Text);
            Assert.Empty(browser.FindElements(By.CssSelector("#node #fields tr.drifted")));
            Assert.Contains(browser.FindElements(By.CssSelector("#drift tbody tr")), r => r.Text.Contains("ingress", StringComparison.Ordinal) && r.Text.Contains("repaired", StringComparison.Ordinal));
            Shot(browser, "5-node-repaired");

            var group = (await h.Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [groupId] })).SecurityGroups.Single();
            Assert.DoesNotContain(group.IpPermissions, p => p.FromPort == 3306);

            // The one action needs the token given at start.
            using var forged = await http.PostAsync(new Uri($"/environments/{env}/resync", UriKind.Relative), new FormUrlEncodedContent([KeyValuePair.Create("token", "wrong")]));
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }
        finally
        {
            browser?.Quit();
            browser?.Dispose();
            await stop.CancelAsync();
            await controller;
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IWebElement Node(ChromeDriver browser) => browser.FindElement(By.CssSelector($"svg#graph a.node[data-id='{Group}']"));

    /// <summary>Waits for a condition on the page, through the page replacing its live part (stale or missing elements are retried).</summary>
    private void Until(ChromeDriver browser, Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                if (condition())
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is StaleElementReferenceException or NoSuchElementException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                Shot(browser, "timeout");
                Assert.Fail($"timed out waiting for {what}; the page was:\n{browser.FindElement(By.TagName("body")).Text}");
            }

            Thread.Sleep(200);
        }
    }

    private void Shot(ChromeDriver browser, string name)
    {
        var path = Path.Combine(_shots, name + ".png");
        browser.GetScreenshot().SaveAsFile(path);
        output.WriteLine($"screenshot: {path}");
    }

    private sealed record StatusView(string Result, string Mode);

    private static async Task Status(HttpClient http, string env, Func<StatusView, bool> condition, Task controller, StringWriter log)
    {
        var deadline = DateTime.UtcNow + Patience;
        StatusView? last = null;
        while (DateTime.UtcNow < deadline && !controller.IsCompleted)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"/status/{env}", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    last = new StatusView(json.RootElement.GetProperty("result").GetString()!, json.RootElement.GetProperty("mode").GetString()!);
                    if (condition(last))
                    {
                        return;
                    }
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        Assert.Fail($"{env}: status {last}; the controller said:\n{log}");
    }
}
