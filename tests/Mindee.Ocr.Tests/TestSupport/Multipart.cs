using System.Collections.Generic;
using System.Linq;
using System.Text;
using Mindee.Ocr.Testing;
using WireMock.Logging;

namespace Mindee.Ocr.Tests.TestSupport;

/// <summary>Reads the multipart body of a request the server logged, with the test kit's strict reader.</summary>
public static class Multipart
{
    internal static IReadOnlyList<FormPart> Parse(ILogEntry entry)
    {
        var boundary = FormData.Boundary(entry.RequestMessage.Headers!["Content-Type"].Single());
        return FormData.Parse(entry.RequestMessage.BodyAsBytes ?? Encoding.UTF8.GetBytes(entry.RequestMessage.Body ?? string.Empty), boundary);
    }
}
