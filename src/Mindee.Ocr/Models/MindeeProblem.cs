using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Mindee.Ocr;

/// <summary>
/// A problem reported by the service, in the RFC 9457 problem-details form: an error body,
/// or the error of a failed job or webhook delivery.
/// </summary>
public sealed record MindeeProblem
{
    /// <summary>Builds a problem.</summary>
    /// <param name="status">The HTTP status code the problem stands for.</param>
    /// <param name="title">A short summary, such as <c>Invalid fields in form</c>.</param>
    /// <param name="code">The service's machine-readable code, such as <c>422-009</c>.</param>
    /// <param name="detail">The explanation of this occurrence.</param>
    /// <param name="errors">Precise problems, such as one per invalid field; copied.</param>
    [JsonConstructor]
    public MindeeProblem(int status, string? title = null, string? code = null, string? detail = null, IReadOnlyList<MindeeProblemItem>? errors = null)
    {
        Status = status;
        Title = title;
        Code = code;
        Detail = detail;
        Errors = ReadOnlyItems.Copy(errors);
    }

    /// <summary>The HTTP status code the problem stands for.</summary>
    public int Status { get; }

    /// <summary>A short summary, such as <c>Invalid fields in form</c>.</summary>
    public string? Title { get; }

    /// <summary>The service's machine-readable code, such as <c>422-009</c>.</summary>
    public string? Code { get; }

    /// <summary>The explanation of this occurrence.</summary>
    public string? Detail { get; }

    /// <summary>Precise problems, such as one per invalid field; empty when there are none.</summary>
    public IReadOnlyList<MindeeProblemItem> Errors { get; }
}
