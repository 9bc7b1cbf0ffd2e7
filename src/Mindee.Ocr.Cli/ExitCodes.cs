namespace Mindee.Ocr.Cli;

/// <summary>What the tool's exit code says; the same for every command.</summary>
internal static class ExitCodes
{
    /// <summary>Everything was done.</summary>
    public const int Success = 0;

    /// <summary>Some documents (or the one job, result or delivery asked about) failed; each is named on standard error.</summary>
    public const int Failed = 1;

    /// <summary>A usage or configuration mistake: nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
