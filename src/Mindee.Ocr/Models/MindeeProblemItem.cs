using System.Diagnostics.CodeAnalysis;

namespace Mindee.Ocr;

/// <summary>One precise problem inside a <see cref="MindeeProblem"/>, such as one invalid form field.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "'Pointer' is the contract's name for the wire's JSON pointer.")]
public sealed record MindeeProblemItem
{
    /// <summary>Builds a problem item.</summary>
    /// <param name="pointer">A JSON pointer to the field at fault, such as <c>#/model_id</c>; may be null.</param>
    /// <param name="detail">What is wrong with it.</param>
    public MindeeProblemItem(string? pointer, string? detail)
    {
        Pointer = pointer;
        Detail = detail;
    }

    /// <summary>A JSON pointer to the field at fault, such as <c>#/model_id</c>; null when the problem has no single field.</summary>
    public string? Pointer { get; }

    /// <summary>What is wrong.</summary>
    public string? Detail { get; }
}
