using System.Diagnostics.CodeAnalysis;

namespace Mindee.Ocr;

/// <summary>One precise problem inside a <see cref="MindeeProblem"/>, such as one invalid form field.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "'Pointer' is the contract's name for the wire's JSON pointer.")]
public sealed record MindeeProblemItem
{
    /// <summary>A JSON pointer to the field at fault, such as <c>#/model_id</c>; null when the problem has no single field.</summary>
    public string? Pointer { get; init; }

    /// <summary>What is wrong.</summary>
    public string? Detail { get; init; }

    /// <summary>The field and what is wrong with it.</summary>
    /// <returns>Such as <c>model_id: must be a UUID</c>.</returns>
    public override string ToString() => Pointer is { Length: > 0 } pointer ? $"{pointer.TrimStart('#', '/')}: {Detail}" : Detail ?? string.Empty;
}
