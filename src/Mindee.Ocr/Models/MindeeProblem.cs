using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Mindee.Ocr;

/// <summary>
/// A problem reported by the service, in the RFC 9457 problem-details form: an error body,
/// or the error of a failed job or webhook delivery.
/// </summary>
public sealed record MindeeProblem
{
    /// <summary>The HTTP status code the problem stands for.</summary>
    public required int Status { get; init; }

    /// <summary>A short summary, such as <c>Invalid fields in form</c>.</summary>
    public string? Title { get; init; }

    /// <summary>The service's machine-readable code, such as <c>422-009</c>.</summary>
    public string? Code { get; init; }

    /// <summary>The explanation of this occurrence.</summary>
    public string? Detail { get; init; }

    /// <summary>Precise problems, such as one per invalid field; empty when there are none (null sets none). Read-only.</summary>
    public IReadOnlyList<MindeeProblemItem> Errors { get; init => field = value is null ? ItemList<MindeeProblemItem>.Empty : ItemList<MindeeProblemItem>.Copy(value, nameof(Errors)); } = ItemList<MindeeProblemItem>.Empty;

    /// <summary>The problem on one line: status, code, title, detail and the precise problems.</summary>
    /// <returns>Such as <c>422 (422-009): Invalid fields in form. One or more fields failed validation (model_id: must be a UUID)</c>.</returns>
    public override string ToString()
    {
        var description = Describe();
        return $"{Status}{(Code is { Length: > 0 } ? $" ({Code})" : string.Empty)}{(description.Length > 0 ? ": " + description : string.Empty)}";
    }

    /// <summary>
    /// <c>Title. Detail (pointer: detail; …)</c>, the part of a message that explains the problem;
    /// empty when the service gave no words.
    /// </summary>
    internal string Describe()
    {
        var text = new StringBuilder();
        if (Title is { Length: > 0 } title)
        {
            text.Append(title.TrimEnd('.'));
        }

        if (Detail is { Length: > 0 } detail)
        {
            text.Append(text.Length > 0 ? ". " : string.Empty).Append(detail.TrimEnd('.'));
        }

        var items = Errors.Select(e => e.ToString()).Where(s => s.Length > 0).ToList();
        if (items.Count > 0)
        {
            text.Append(text.Length > 0 ? " (" : "(").Append(string.Join("; ", items)).Append(')');
        }

        return text.ToString();
    }
}
