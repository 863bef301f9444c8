using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Reconciler.Aws.Acm;
using Reconciler.Tests.Aws.Http;

namespace Reconciler.Tests.Aws.Acm;

/// <summary>Each ACM operation AcmApi calls, against botocore's model: every [JsonPropertyName] of the request and answer records, recursively.</summary>
public sealed class AcmApiModelTests
{
    private static readonly BotocoreModel Model = BotocoreModel.Load("acm");

    public static TheoryData<string, Type, Type?> Operations => new()
    {
        { "RequestCertificate", typeof(RequestCertificateRequest), typeof(RequestCertificateResponse) },
        { "DescribeCertificate", typeof(CertificateArnRequest), typeof(DescribeCertificateResponse) },
        { "ListCertificates", typeof(ListCertificatesRequest), typeof(ListCertificatesResponse) },
        { "ListTagsForCertificate", typeof(CertificateArnRequest), typeof(ListTagsForCertificateResponse) },
        { "AddTagsToCertificate", typeof(AddTagsToCertificateRequest), null },
        { "DeleteCertificate", typeof(CertificateArnRequest), null },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public void Records_Should_NameOnlyModelMembers_When_SentAndRead(string operation, Type request, Type? response)
    {
        var op = Model.Operation(operation);

        AssertShape(Model.Shape(op.GetProperty("input").GetProperty("shape").GetString()!), request, operation + " input");
        if (response is not null)
        {
            AssertShape(Model.Shape(op.GetProperty("output").GetProperty("shape").GetString()!), response, operation + " output");
        }
    }

    [Fact]
    public void Service_Should_BeJsonWithTheCatalogueTarget_When_Described()
    {
        Assert.Equal("json", Model.Metadata.GetProperty("protocol").GetString());
        Assert.Equal(Reconciler.Aws.Http.AwsServices.Acm.TargetPrefix, Model.Metadata.GetProperty("targetPrefix").GetString());
    }

    [Fact]
    public void IdempotencyToken_Should_FitTheModelsPattern_When_Derived()
    {
        var token = Model.Shape("IdempotencyToken");

        Assert.Equal(32, token.GetProperty("max").GetInt32());
        Assert.Equal("\\w+", token.GetProperty("pattern").GetString());
    }

    private static void AssertShape(JsonElement shape, Type type, string where)
    {
        var members = shape.GetProperty("members");
        foreach (var property in type.GetProperties())
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
            Assert.True(name is not null, $"{type.Name}.{property.Name} has no [JsonPropertyName]");
            Assert.True(members.TryGetProperty(name!, out var member), $"botocore: {where} has no member {name}");
            var memberShape = Model.Shape(member.GetProperty("shape").GetString()!);
            var memberType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (memberType.IsGenericType && memberType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            {
                Assert.Equal("list", memberShape.GetProperty("type").GetString());
                memberShape = Model.Shape(memberShape.GetProperty("member").GetProperty("shape").GetString()!);
                memberType = memberType.GetGenericArguments()[0];
            }

            if (memberType.Namespace == typeof(AcmTag).Namespace)
            {
                Assert.Equal("structure", memberShape.GetProperty("type").GetString());
                AssertShape(memberShape, memberType, $"{where}.{name}");
            }
        }
    }
}
