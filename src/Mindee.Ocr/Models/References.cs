using System;

namespace Mindee.Ocr;

/// <summary>The job an inference belongs to.</summary>
public sealed record JobReference
{
    /// <summary>The job's id.</summary>
    public required string Id { get; init => field = value ?? throw new ArgumentNullException(nameof(Id)); }

    /// <summary>The job's id.</summary>
    /// <returns>Such as <c>Job 1234</c>.</returns>
    public override string ToString() => "Job " + Id;
}

/// <summary>The model an inference was made with.</summary>
public sealed record ModelReference
{
    /// <summary>The model's id.</summary>
    public required string Id { get; init => field = value ?? throw new ArgumentNullException(nameof(Id)); }

    /// <summary>The model's id.</summary>
    /// <returns>Such as <c>Model 1234</c>.</returns>
    public override string ToString() => "Model " + Id;
}
