namespace Reconciler.Aws.Acm;

/// <summary>The ACM operations the reconciler calls, named as in the official SDK's <c>IAmazonCertificateManager</c>.</summary>
internal interface IAcmApi
{
    Task<RequestCertificateResponse> RequestCertificateAsync(RequestCertificateRequest request, CancellationToken ct);

    Task<DescribeCertificateResponse> DescribeCertificateAsync(CertificateArnRequest request, CancellationToken ct);

    /// <summary>Every certificate summary of the region, every page.</summary>
    Task<IReadOnlyList<CertificateSummary>> ListCertificatesAsync(CancellationToken ct);

    Task<ListTagsForCertificateResponse> ListTagsForCertificateAsync(CertificateArnRequest request, CancellationToken ct);

    Task AddTagsToCertificateAsync(AddTagsToCertificateRequest request, CancellationToken ct);

    Task DeleteCertificateAsync(CertificateArnRequest request, CancellationToken ct);
}
