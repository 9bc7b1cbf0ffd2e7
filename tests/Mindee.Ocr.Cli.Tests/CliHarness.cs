using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Testing;

namespace Mindee.Ocr.Cli.Tests;

/// <summary>What one run of the tool left: its exit code, standard output (bytes and text) and standard error.</summary>
public sealed record CliResult(int ExitCode, byte[] StandardOutputBytes, string StandardError)
{
    public string StandardOutput => Encoding.UTF8.GetString(StandardOutputBytes);

    public string[] ErrorLines => StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}

/// <summary>
/// Runs the tool in process, as <c>mindee-ocr ARGS</c> run in <see cref="Directory"/> would, against a
/// <see cref="FakeMindeeService"/> whose clients wait no real time.
/// </summary>
public sealed class CliHarness : IDisposable
{
    public const string ApiKey = "sk-test-4f9d2c81e7";
    public const string ModelId = "model-ocr-1";

    public CliHarness()
    {
        Directory = Path.Combine(Path.GetTempPath(), "mindee-ocr-cli-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
        Environment = new Dictionary<string, string>
        {
            ["MINDEE_V2_API_KEY"] = ApiKey,
            ["MINDEE_V2_OCR_MODEL_ID"] = ModelId,
        };
    }

    public FakeMindeeService Fake { get; } = new();

    /// <summary>The working directory of the runs: a fresh temporary one.</summary>
    public string Directory { get; }

    public Dictionary<string, string> Environment { get; }

    /// <summary>Builds the client from the options the tool resolved; the fake's fast client unless a test replaces it.</summary>
    public Func<MindeeOcrOptions, IMindeeOcrClient>? ClientFactory { get; set; }

    /// <summary>Writes a file under <see cref="Directory"/> (folders created) and returns its full path.</summary>
    public string File(string relativePath, byte[]? content = null)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, content ?? SamplePdf);
        return path;
    }

    public static byte[] SamplePdf { get; } = Mindee.Ocr.Harness.TestPdfs.Numbered(1);

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, TextWriter.Null, CancellationToken.None);

    public async Task<CliResult> RunAsync(string[] args, TextWriter? alsoStandardError, CancellationToken cancellationToken)
    {
        using var standardOutput = new MemoryStream();
        var standardError = new StringWriter();
        var host = new CliHost
        {
            StandardOutput = standardOutput,
            StandardError = alsoStandardError is null || alsoStandardError == TextWriter.Null ? standardError : new TeeWriter(standardError, alsoStandardError),
            GetEnvironmentVariable = name => Environment.TryGetValue(name, out var value) ? value : null,
            CurrentDirectory = Directory,
            IsInteractive = false,
            ClientFactory = ClientFactory ?? (options => Fake.CreateClient(options)),
        };
        int code = await MindeeOcrCli.RunAsync(args, host, cancellationToken);
        return new CliResult(code, standardOutput.ToArray(), standardError.ToString());
    }

    /// <summary>What the fake service gives for a job, exported as the tool should have.</summary>
    public async Task<byte[]> ExpectedExportAsync(string jobId, OcrExportFormat format)
    {
        var result = await Fake.CreateClient().GetResultAsync(jobId);
        using var buffer = new MemoryStream();
        await OcrExport.WriteAsync(result, buffer, format);
        return buffer.ToArray();
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Writes to two writers: the run's captured error, and a test's own watcher.</summary>
    private sealed class TeeWriter(TextWriter first, TextWriter second) : TextWriter
    {
        public override Encoding Encoding => first.Encoding;

        public override void Write(char value)
        {
            first.Write(value);
            second.Write(value);
        }

        public override void Write(string? value)
        {
            first.Write(value);
            second.Write(value);
        }

        public override void WriteLine(string? value)
        {
            first.WriteLine(value);
            second.WriteLine(value);
        }
    }
}

/// <summary>A writer that calls back with each whole line written: a test's signal that the tool reported something.</summary>
public sealed class LineWatcher(Action<string> onLine) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            onLine(_line.ToString().TrimEnd('\r'));
            _line.Clear();
        }
        else
        {
            _line.Append(value);
        }
    }
}
