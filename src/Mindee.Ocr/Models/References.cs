namespace Mindee.Ocr;

/// <summary>The job an inference belongs to.</summary>
/// <param name="Id">The job's id.</param>
public sealed record JobReference(string Id);

/// <summary>The model an inference was made with.</summary>
/// <param name="Id">The model's id.</param>
public sealed record ModelReference(string Id);
