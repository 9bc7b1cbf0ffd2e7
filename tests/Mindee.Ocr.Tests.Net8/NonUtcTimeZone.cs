using System;
using System.Runtime.CompilerServices;
using Xunit;

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

/// <summary>Fails if the forcing above stopped working, so the timestamp tests would prove nothing.</summary>
public class NonUtcTimeZoneTests
{
    [Fact]
    public void This_assembly_runs_in_a_time_zone_that_is_not_utc() =>
        Assert.Equal(TimeSpan.FromHours(5.5), TimeZoneInfo.Local.GetUtcOffset(new DateTime(2025, 7, 3)));
}
