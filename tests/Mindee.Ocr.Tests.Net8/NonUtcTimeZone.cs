using System;
using System.Runtime.CompilerServices;

namespace Mindee.Ocr.Tests;

/// <summary>
/// Runs this whole test assembly in Asia/Kolkata (UTC+05:30), set before any test reads the
/// local time zone, so reading offset-less timestamps is proven independent of the machine's zone.
/// </summary>
internal static class NonUtcTimeZone
{
    public const string Zone = "Asia/Kolkata";

    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "The time zone must be set before any test runs.")]
    internal static void Apply()
    {
        Environment.SetEnvironmentVariable("TZ", Zone);
        TimeZoneInfo.ClearCachedData();
    }
}
