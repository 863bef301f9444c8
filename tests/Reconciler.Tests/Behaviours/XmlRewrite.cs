using System.Xml.Linq;

namespace Reconciler.Tests.Behaviours;

/// <summary>Rewrites an XML answer in place: <paramref name="edit"/> returns whether it changed anything.</summary>
internal static class XmlRewrite
{
    public static AwsAnswer Apply(AwsAnswer answer, Func<XDocument, bool> edit)
    {
        var document = XDocument.Parse(answer.Text);
        return edit(document) ? answer.WithText(document.Declaration + document.ToString(SaveOptions.DisableFormatting)) : answer;
    }

    /// <summary>The elements of that local name, whatever their namespace.</summary>
    public static IEnumerable<XElement> Named(this XContainer root, string localName) =>
        root.Descendants().Where(e => e.Name.LocalName == localName);

    /// <summary>The child of that local name, whatever its namespace.</summary>
    public static XElement? Child(this XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);
}
