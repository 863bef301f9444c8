namespace Reconciler.Tests.Behaviours;

/// <summary>How a service shapes its requests and errors on the wire (botocore's protocol names).</summary>
internal enum AwsWireProtocol
{
    Json,
    Query,
    Ec2,
    RestXml,
}
