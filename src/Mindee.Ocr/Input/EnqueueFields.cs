using System.Collections.Generic;

namespace Mindee.Ocr.Input;

/// <summary>The form fields that go with a document, checked.</summary>
internal sealed record EnqueueFields(string ModelId, string? Alias, IReadOnlyList<string> WebhookIds, string? FileName);
