using System;

namespace Mindee.Ocr.Cli;

/// <summary>A usage or configuration mistake: printed as one line saying what to do, exit code 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
