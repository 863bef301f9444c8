using System.Net;
using Reconciler.Aws;

namespace Reconciler.Tests.Aws;

public sealed class AwsErrorTests
{
    [Theory]
    [InlineData("RequestLimitExceeded", 503, "Throttling")]
    [InlineData("Whatever", 429, "Throttling")]
    [InlineData("ServiceUnavailable", 503, "Transient")]
    [InlineData("Unknown", 502, "Transient")]
    [InlineData("DependencyViolation", 400, "DependencyViolation")]
    [InlineData("InvalidGroup.NotFound", 400, "NotFound")]
    [InlineData("ResourceNotFoundException", 400, "NotFound")]
    [InlineData("UnauthorizedOperation", 403, "Terminal")]
    [InlineData("InvalidParameterCombination", 400, "Terminal")]
    public void Classify_Should_SortTheCode_When_AwsAnswersWithIt(string code, int status, string expected) =>
        Assert.Equal(Enum.Parse<AwsErrorKind>(expected), AwsError.Classify(code, (HttpStatusCode)status, null).Kind);

    [Fact]
    public void From_Should_TreatConnectionFailuresAsTransient_When_NoResponseCame()
    {
        Assert.Equal(AwsErrorKind.Transient, AwsError.From(new HttpRequestException("reset"))!.Kind);
        Assert.Null(AwsError.From(new InvalidOperationException("a bug")));
    }
}
