using Reconciler.Model.Loading;
using Reconciler.Model.Yaml;

namespace Reconciler.Model.Kinds;

/// <summary>Either a repository of this environment and a tag, or a full image reference.</summary>
internal sealed record ImageSpec(string? Repository, string Tag, string? Reference)
{
    /// <summary>A container's <c>image: {repository: app, tag: v1}</c> or <c>image: public.ecr.aws/nginx/nginx:1.27</c>.</summary>
    public static ImageSpec Bind(MappingReader r)
    {
        var node = r.Node("image", required: true);
        if (node is YScalar scalar)
        {
            return new ImageSpec(null, string.Empty, scalar.Value);
        }

        return node is null
            ? new ImageSpec(null, string.Empty, string.Empty)
            : MappingReader.Bind(node, r.Child("image"), r.Context, m => new ImageSpec(m.Required("repository"), m.String("tag") ?? "latest", null))
              ?? new ImageSpec(null, string.Empty, string.Empty);
    }
}
