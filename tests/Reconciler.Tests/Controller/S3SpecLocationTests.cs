using Reconciler.Controller;

namespace Reconciler.Tests.Controller;

/// <summary>The one parser of S3 locations (run --source, iam-policy --source, set-image's object).</summary>
public sealed class S3SpecLocationTests
{
    [Theory]
    [InlineData("s3://ops-specs", "ops-specs", "", "s3://ops-specs/")]
    [InlineData("s3://ops-specs/prod", "ops-specs", "prod/", "s3://ops-specs/prod/")]
    [InlineData("s3://ops-specs/prod/", "ops-specs", "prod/", "s3://ops-specs/prod/")]
    [InlineData("s3://ops-specs/a/b", "ops-specs", "a/b/", "s3://ops-specs/a/b/")]
    public void TryParse_Should_TakeAPrefixAsAFolder_When_ItIsASource(string text, string bucket, string prefix, string uri)
    {
        var location = S3SpecLocation.TryParse(text);

        Assert.Equal(new S3SpecLocation(bucket, prefix), location);
        Assert.Equal(uri, location!.Uri);
    }

    [Fact]
    public void TryParse_Should_KeepTheKeyAsWritten_When_ItNamesAnObject()
    {
        var location = S3SpecLocation.TryParse("s3://ops-specs/prod/app.yaml", folder: false);

        Assert.Equal(new S3SpecLocation("ops-specs", "prod/app.yaml"), location);
        Assert.Equal("s3://ops-specs/prod/app.yaml", location!.Uri);
        Assert.Equal("s3://ops-specs/prod/b.yaml", location.UriOf("prod/b.yaml"));
    }

    [Theory]
    [InlineData("/srv/specs")]
    [InlineData("s3://")]
    [InlineData("s3://b/prod")]
    [InlineData("s3://Ops-Specs/prod")]
    [InlineData("s3://ops_specs/prod")]
    public void TryParse_Should_AnswerNull_When_TheTextIsNoS3LocationOrTheBucketNameIsInvalid(string text) =>
        Assert.Null(S3SpecLocation.TryParse(text));
}
