using System;
using System.IO;

namespace Mindee.Ocr.Tests.TestSupport;

/// <summary>The files under tests/Fixtures, written by make_fixtures.py in the wire's real shapes.</summary>
public static class Fixture
{
    public const string JobId = "12345678-1234-1234-1234-jobid1234567";
    public const string ModelId = "test-model-id";

    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Text(string name) => File.ReadAllText(Path(name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));
}
