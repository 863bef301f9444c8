using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Reconciler.Model.Graph;

namespace Reconciler.Tests.Integration;

/// <summary>
/// Looks into one account of moto_server, apart from the code under test: moto keeps accounts apart by the account of
/// the role whose session signs the request (getmoto/moto docs/docs/multi_account.rst), and answers the default
/// credentials as account 123456789012.
/// </summary>
internal static class AccountProbe
{
    public const string DefaultAccount = "123456789012";

    /// <summary>The VPCs tagged with <paramref name="environment"/> in <paramref name="account"/>.</summary>
    public static async Task<List<Vpc>> VpcsAsync(string account, string environment)
    {
        using var ec2 = await Ec2Async(account);
        var response = await ec2.DescribeVpcsAsync(new DescribeVpcsRequest { Filters = [new Filter("tag:" + Ownership.EnvironmentTag, [environment])] });
        return response.Vpcs ?? [];
    }

    private static async Task<AmazonEC2Client> Ec2Async(string account)
    {
        var config = new AmazonEC2Config { ServiceURL = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"), AuthenticationRegion = EngineHarness.Region };
        if (account == DefaultAccount)
        {
            return new AmazonEC2Client(config);
        }

        using var sts = new AmazonSecurityTokenServiceClient(new AmazonSecurityTokenServiceConfig { ServiceURL = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"), AuthenticationRegion = EngineHarness.Region });
        var session = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{account}:role/probe", RoleSessionName = "probe" });
        var c = session.Credentials;
        return new AmazonEC2Client(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), config);
    }
}
