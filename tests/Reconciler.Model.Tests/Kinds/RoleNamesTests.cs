namespace Reconciler.Model.Tests.Kinds;

public sealed class RoleNamesTests
{
    [Theory]
    [InlineData("ecsTaskExecutionRole", "ecsTaskExecutionRole")]
    [InlineData("arn:aws:iam::123456789012:role/ecsTaskExecutionRole", "ecsTaskExecutionRole")]
    [InlineData("arn:aws:iam::123456789012:role/service/path/app-task", "app-task")]
    // Not a role ARN: left as it is.
    [InlineData("arn:aws:iam::123456789012:policy/app", "arn:aws:iam::123456789012:policy/app")]
    public void FromNameOrArn_Should_GiveTheRoleName_When_GivenANameOrARoleArn(string text, string name) =>
        Assert.Equal(name, RoleNames.FromNameOrArn(text));

    [Theory]
    [InlineData("ecsTaskExecutionRole", true)]
    [InlineData("a+b=c,d.e@f_g-h", true)]
    [InlineData("has space", false)]
    [InlineData("", false)]
    public void Valid_Should_MatchIamRoleNames_When_Checked(string name, bool valid) =>
        Assert.Equal(valid, RoleNames.Valid().IsMatch(name));

    [Theory]
    [InlineData("ecsInstanceRole", "ecsInstanceRole")]
    [InlineData("arn:aws:iam::123456789012:instance-profile/ecsInstanceRole", "ecsInstanceRole")]
    [InlineData("arn:aws:iam::123456789012:instance-profile/hosts/app-hosts", "app-hosts")]
    // A role ARN is not a profile ARN: left as it is.
    [InlineData("arn:aws:iam::123456789012:role/app", "arn:aws:iam::123456789012:role/app")]
    public void ProfileFromNameOrArn_Should_GiveTheProfileName_When_GivenANameOrAProfileArn(string text, string name) =>
        Assert.Equal(name, RoleNames.ProfileFromNameOrArn(text));
}
