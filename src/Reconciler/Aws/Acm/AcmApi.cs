using Reconciler.Aws.Http;

namespace Reconciler.Aws.Acm;

/// <summary>ACM over JSON 1.1 (members checked against botocore's model in AcmApiModelTests).</summary>
internal sealed class AcmApi(JsonProtocolClient client) : IAcmApi
{
    public Task<RequestCertificateResponse> RequestCertificateAsync(RequestCertificateRequest request, CancellationToken ct) =>
        client.CallAsync<RequestCertificateRequest, RequestCertificateResponse>("RequestCertificate", request, CallPurpose.Mutate, ct);

    public Task<DescribeCertificateResponse> DescribeCertificateAsync(CertificateArnRequest request, CancellationToken ct) =>
        client.CallAsync<CertificateArnRequest, DescribeCertificateResponse>("DescribeCertificate", request, CallPurpose.Read, ct);

    public async Task<IReadOnlyList<CertificateSummary>> ListCertificatesAsync(CancellationToken ct)
    {
        var result = new List<CertificateSummary>();
        string? token = null;
        do
        {
            var page = await client.CallAsync<ListCertificatesRequest, ListCertificatesResponse>("ListCertificates", new ListCertificatesRequest(token, 1000), CallPurpose.Read, ct).ConfigureAwait(false);
            result.AddRange(page.CertificateSummaryList ?? []);
            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));

        return result;
    }

    public Task<ListTagsForCertificateResponse> ListTagsForCertificateAsync(CertificateArnRequest request, CancellationToken ct) =>
        client.CallAsync<CertificateArnRequest, ListTagsForCertificateResponse>("ListTagsForCertificate", request, CallPurpose.Read, ct);

    public Task AddTagsToCertificateAsync(AddTagsToCertificateRequest request, CancellationToken ct) =>
        client.CallAsync<AddTagsToCertificateRequest, object>("AddTagsToCertificate", request, CallPurpose.Mutate, ct);

    public Task DeleteCertificateAsync(CertificateArnRequest request, CancellationToken ct) =>
        client.CallAsync<CertificateArnRequest, object>("DeleteCertificate", request, CallPurpose.Delete, ct);
}
