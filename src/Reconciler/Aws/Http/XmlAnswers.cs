using System.Xml.Linq;

namespace Reconciler.Aws.Http;

/// <summary>Reading AWS XML answers: namespaces dropped, so callers write <c>e.Element("Name")</c>.</summary>
internal static class XmlAnswers
{
    public static XElement Parse(byte[] body)
    {
        using var stream = new MemoryStream(body);
        var document = XDocument.Load(stream);
        return Strip(document.Root!);
    }

    public static XElement Strip(XElement element) =>
        new(element.Name.LocalName,
            element.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => new XAttribute(a.Name.LocalName, a.Value)),
            element.Nodes().Select(n => n is XElement child ? Strip(child) : n));

    public static string? Text(this XElement element, string name) => element.Element(name)?.Value;

    /// <summary>The items of a list: <c>&lt;Subnets&gt;&lt;member&gt;...</c>, whatever the member's name.</summary>
    public static IEnumerable<XElement> Items(this XElement element, string name) =>
        element.Element(name)?.Elements() ?? [];

    /// <summary>Code, message and request id of an XML error answer (Query and REST-XML shapes).</summary>
    public static (string? Code, string Message, string? RequestId) Error(byte[] body)
    {
        try
        {
            var root = Parse(body);
            var error = root.Name.LocalName == "Error" ? root : root.Descendants("Error").FirstOrDefault();
            var requestId = root.Descendants("RequestId").FirstOrDefault()?.Value ?? root.Descendants("RequestID").FirstOrDefault()?.Value;
            return error is null
                ? (root.Name.LocalName, root.Value, requestId)
                : (error.Text("Code"), error.Text("Message") ?? string.Empty, requestId);
        }
        catch (System.Xml.XmlException)
        {
            return (null, System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 500))), null);
        }
    }
}
