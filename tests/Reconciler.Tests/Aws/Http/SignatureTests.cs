using System.Diagnostics;
using System.Text;
using Amazon.Runtime.Internal.Auth;
using Reconciler.Aws.Http;

namespace Reconciler.Tests.Aws.Http;

/// <summary>Our requests, signed by AWSSDK.Core, carry the same SigV4 signature botocore computes for them.</summary>
public sealed class SignatureTests
{
    [Theory]
    [InlineData("ecs", "POST", "/", "", "{\"cluster\":\"demo-app\"}", "X-Amz-Target=AmazonEC2ContainerServiceV20141113.DescribeClusters|Content-Type=application/x-amz-json-1.1")]
    [InlineData("elbv2", "POST", "/", "", "Action=DescribeLoadBalancers&Version=2015-12-01&Names.member.1=demo-app", "Content-Type=application/x-www-form-urlencoded; charset=utf-8")]
    [InlineData("route53", "GET", "/2013-04-01/hostedzonesbyname", "dnsname=example.com.&maxitems=1", "", "")]
    public void Sign_Should_MatchBotocore_When_GivenTheSameRequestCredentialsAndTime(string serviceName, string method, string path, string query, string body, string headerList)
    {
        var service = AwsServices.All.Single(s => s.Name == serviceName);
        var queryMap = query.Length == 0 ? new Dictionary<string, string>() : query.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var headers = headerList.Length == 0 ? new Dictionary<string, string>() : headerList.Split('|').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var transport = new SignedTransport(new HttpClient(), _ => null);
        var (request, config) = transport.Prepare(service, "ap-northeast-1", new AwsHttpRequest(method, path, queryMap, headers, Encoding.UTF8.GetBytes(body)));
        var when = new DateTime(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

        var ours = new AWS4Signer().SignRequest(request, config, null, "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", when);

        var url = transport.Endpoint(service, "ap-northeast-1").GetLeftPart(UriPartial.Authority) + path + (query.Length == 0 ? string.Empty : "?" + SignedTransport.QueryString(queryMap));
        var botocore = Botocore(service.SigningName, service.SigningRegion("ap-northeast-1"), method, url, body, headers, request.Headers["X-Amz-Content-SHA256"]);
        Assert.Equal(botocore, ours.Signature);
    }

    private static string Botocore(string signingName, string region, string method, string url, string body, Dictionary<string, string> headers, string payloadHash)
    {
        var script = """
import sys, json, datetime
from unittest import mock
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
a = json.loads(sys.stdin.read())
headers = dict(a["headers"]); headers["X-Amz-Content-SHA256"] = a["hash"]
req = AWSRequest(method=a["method"], url=a["url"], data=a["body"].encode(), headers=headers)
with mock.patch("botocore.auth.get_current_datetime", return_value=datetime.datetime(2026, 11, 26, 12, 0, 0)):
    SigV4Auth(Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), a["service"], a["region"]).add_auth(req)
print(req.headers["Authorization"].split("Signature=")[1])
""";
        var input = System.Text.Json.JsonSerializer.Serialize(new { method, url, body, headers, hash = payloadHash, service = signingName, region });
        var start = new ProcessStartInfo("python3", ["-c", script]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd().Trim();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        return output;
    }
}
