using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Reconciler.Tests.Web;

/// <summary>
/// Debian's <c>chromium</c>, headless, driven through its <c>chromium-driver</c> (both installed by .ci/run when missing).
/// The paths are given to Selenium, so its own manager never looks for (or downloads) a browser. Not found is a failure
/// that says how to install them: the browser test never skips.
/// </summary>
internal static class HeadlessChromium
{
    public static ChromeDriver Start()
    {
        var browser = Find("chromium", "chromium-browser", "google-chrome");
        var driver = Find("chromedriver");
        Assert.True(browser is not null && driver is not null,
            "the dashboard's browser test needs chromium and its driver: apt-get install -y chromium chromium-driver (.ci/run does this)");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = browser };
        // Root in a container has no user namespace sandbox; /dev/shm is small there.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1600,1400");
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    private static string? Find(params string[] names) =>
        names.SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':').Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
}
