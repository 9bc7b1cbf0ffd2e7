using System.Collections.Generic;
using System.IO;
using System.Xml;

namespace Mindee.Ocr.Tests.Text;

/// <summary>An element of an export, as a default <see cref="XmlReader"/> (DTDs refused) reads it.</summary>
internal sealed class XmlElement(string name, string ns, List<XmlElement> ancestors)
{
    public string Name { get; } = name;

    public string Namespace { get; } = ns;

    /// <summary>The enclosing elements, nearest first.</summary>
    public List<XmlElement> Ancestors { get; } = ancestors;

    public Dictionary<string, string> Attributes { get; } = [];

    /// <summary>The element's own text (white space included), not its children's.</summary>
    public string Text { get; set; } = string.Empty;

    public string? Class => Attributes.GetValueOrDefault("class");

    public string Title => Attributes.GetValueOrDefault("title") ?? string.Empty;

    /// <summary>Reads the document element by element, in document order.</summary>
    public static List<XmlElement> Read(byte[] xml)
    {
        var elements = new List<XmlElement>();
        var open = new Stack<XmlElement>();
        using var reader = XmlReader.Create(new MemoryStream(xml));
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var element = new XmlElement(reader.LocalName, reader.NamespaceURI, [.. open]);
                    for (bool more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
                    {
                        element.Attributes[reader.Name] = reader.Value;
                    }

                    reader.MoveToElement();
                    elements.Add(element);
                    if (!reader.IsEmptyElement)
                    {
                        open.Push(element);
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when open.Count > 0:
                    open.Peek().Text += reader.Value;
                    break;
                case XmlNodeType.EndElement:
                    open.Pop();
                    break;
            }
        }

        return elements;
    }
}
