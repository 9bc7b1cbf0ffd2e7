using System;
using System.Threading.Tasks;
using Mindee.Ocr.Testing;
using Xunit;

namespace Mindee.Ocr.Cli.Tests;

/// <summary>Usage and configuration mistakes: exit code 2, one line saying what to do, nothing sent; help, version, and the key kept out of every output.</summary>
public sealed class UsageTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("error: 2 inputs: pass --output DIR to write one file per input (standard output takes one input only).", "ocr", "a.pdf", "b.pdf")]
    [InlineData("error: 'docx' is not a format: use one of text, tsv, hocr, alto, json. See 'mindee-ocr ocr --help'.", "ocr", "a.pdf", "--format", "docx")]
    [InlineData("error: --concurrency is from 1 to 10000. See 'mindee-ocr ocr --help'.", "ocr", "a.pdf", "--concurrency", "0")]
    [InlineData("error: --pages '0': '0' is not a page number (not 0). Use forms such as '1,-1', '1-3', 'first:2', 'except:1' or 'first:1@5'.", "ocr", "a.pdf", "--pages", "0")]
    [InlineData("error: --pages '3-1': the range '3-1' goes backwards or is too long. Use forms such as '1,-1', '1-3', 'first:2', 'except:1' or 'first:1@5'.", "ocr", "a.pdf", "--pages", "3-1")]
    [InlineData("error: Required argument missing for command: 'ocr'. See 'mindee-ocr ocr --help'.", "ocr")]
    [InlineData("error: Required command was not provided. See 'mindee-ocr --help'.")]
    [InlineData("error: a key is not taken on the command line (it would show in process lists): set MINDEE_V2_API_KEY, or pass --api-key-file FILE. See 'mindee-ocr ocr --help'.", "ocr", "a.pdf", "--api-key", "sk-live-x")]
    [InlineData("error: '--outptu' is not an option of 'ocr'. See 'mindee-ocr ocr --help'.", "ocr", "a.pdf", "--outptu", "out")]
    [InlineData("error: Option '--secret-env' is required. See 'mindee-ocr webhook verify --help'.", "webhook", "verify", "--signature", "00", "body.json")]
    public async Task A_usage_mistake_is_one_line_and_exit_code_2(string expected, params string[] args)
    {
        _cli.File("a.pdf");
        _cli.File("b.pdf");

        var run = await _cli.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([expected], run.ErrorLines);
        Assert.Empty(run.StandardOutputBytes);
        Assert.Empty(_cli.Fake.Enqueues);
    }

    [Theory]
    [InlineData("MINDEE_V2_API_KEY", null, "error: no API key: set MINDEE_V2_API_KEY, or pass --api-key-file FILE.")]
    [InlineData("MINDEE_V2_OCR_MODEL_ID", null, "error: no model id: set MINDEE_V2_OCR_MODEL_ID, or pass --model ID.")]
    [InlineData("MINDEE_V2_BASE_URL", "localhost:9", "error: MINDEE_V2_BASE_URL is 'localhost:9', not an absolute URL: set it to one such as https://api-v2.mindee.net/, or unset it.")] // never replaced by the production address
    public async Task A_missing_or_unreadable_setting_says_what_to_set_in_one_line(string variable, string? value, string expected)
    {
        _cli.File("a.pdf");
        if (value is null)
        {
            _cli.Environment.Remove(variable);
        }
        else
        {
            _cli.Environment[variable] = value;
        }

        var run = await _cli.RunAsync("ocr", "a.pdf");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([expected], run.ErrorLines);
        Assert.Empty(_cli.Fake.Enqueues);
    }

    [Fact]
    public async Task The_base_url_reaches_the_client()
    {
        _cli.File("a.pdf");
        _cli.Environment["MINDEE_V2_BASE_URL"] = "http://127.0.0.1:5099/";
        MindeeOcrOptions? seen = null;
        _cli.ClientFactory = options =>
        {
            seen = options;
            return _cli.Fake.CreateClient(options);
        };

        var run = await _cli.RunAsync("ocr", "a.pdf");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new Uri("http://127.0.0.1:5099/"), seen!.BaseAddress);
        Assert.Equal(CliHarness.ApiKey, seen.ApiKey);
    }

    [Fact]
    public async Task The_api_key_file_replaces_the_environment_variable_and_the_key_appears_in_no_output()
    {
        _cli.File("a.pdf");
        _cli.File("key.txt", "sk-from-file-77aa31\n"u8.ToArray());
        _cli.Environment.Remove("MINDEE_V2_API_KEY");
        _cli.Fake.Then(FakeJobScenario.RejectsEnqueue(new FakeHttpError(401, "401-001", "Unauthorized")));
        MindeeOcrOptions? seen = null;
        _cli.ClientFactory = options =>
        {
            seen = options;
            return _cli.Fake.CreateClient(options);
        };

        var run = await _cli.RunAsync("ocr", "a.pdf", "--api-key-file", "key.txt", "--verbose");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("sk-from-file-77aa31", seen!.ApiKey);
        Assert.StartsWith("error: a.pdf: ", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("sk-from-file-77aa31", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-from-file-77aa31", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_api_key_file_is_a_usage_error()
    {
        _cli.File("a.pdf");

        var run = await _cli.RunAsync("ocr", "a.pdf", "--api-key-file", "nope.txt");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["error: cannot read the API key file 'nope.txt' (no such file): give a readable file holding the key."], run.ErrorLines);
    }

    [Fact]
    public async Task No_stack_trace_without_verbose_and_one_with_it()
    {
        _cli.File("a.pdf");
        _cli.ClientFactory = _ => throw new InvalidOperationException("the client broke");

        var quiet = await _cli.RunAsync("ocr", "a.pdf");
        var verbose = await _cli.RunAsync("ocr", "a.pdf", "--verbose");

        Assert.Equal(1, quiet.ExitCode);
        Assert.Equal(["error: the client broke (--verbose shows more)"], quiet.ErrorLines);
        Assert.Contains("   at ", verbose.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mindee-ocr ocr invoice.pdf", "ocr")]
    [InlineData("mindee-ocr job 7f2c", "job")]
    [InlineData("mindee-ocr wait 7f2c", "wait")]
    [InlineData("mindee-ocr result 3d9a", "result")]
    [InlineData("mindee-ocr webhook verify --secret-env", "webhook", "verify")]
    [InlineData("mindee-ocr webhook verify --secret-env", "webhook")]
    [InlineData("mindee-ocr ocr invoice.pdf")]
    public async Task Every_command_has_help_with_examples(string example, params string[] command)
    {
        var run = await _cli.RunAsync([.. command, "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Examples:\n  " + example, run.StandardOutput.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Empty(run.StandardError);
    }

    [Fact]
    public async Task Version_prints_the_tool_version()
    {
        var run = await _cli.RunAsync("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.StandardOutput);
    }
}
