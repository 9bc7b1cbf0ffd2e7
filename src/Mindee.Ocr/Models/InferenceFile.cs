namespace Mindee.Ocr;

/// <summary>The document an inference was made on.</summary>
/// <param name="Name">The file name as sent to the service.</param>
/// <param name="Alias">The caller's alias, if one was sent.</param>
/// <param name="PageCount">How many pages the document has.</param>
/// <param name="MimeType">The MIME type the service detected, such as <c>application/pdf</c>.</param>
public sealed record InferenceFile(string Name, string? Alias, int PageCount, string MimeType);
