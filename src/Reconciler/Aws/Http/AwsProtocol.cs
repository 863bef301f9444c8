namespace Reconciler.Aws.Http;

/// <summary>The wire protocols of the services we call without an SDK package.</summary>
internal enum AwsProtocol
{
    /// <summary>JSON 1.1 RPC: POST /, X-Amz-Target names the operation (ECS, ACM, ECR, CloudWatch Logs, Tagging).</summary>
    Json,

    /// <summary>Query: POST form Action=...&amp;Version=..., XML answers (RDS, ELBv2, IAM).</summary>
    Query,

    /// <summary>REST with XML bodies (Route53).</summary>
    RestXml,
}
