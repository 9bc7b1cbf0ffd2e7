using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Mindee.Ocr.Testing;
using Xunit;

namespace Mindee.Ocr.Cli.Tests;

/// <summary>
/// Hostile command lines, paths, settings and services against <c>mindee-ocr ocr</c>: the exit code
/// is the specified one, errors are one line each without a stack trace, standard output carries
/// exports only, no export overwrites another input (or its output), and the key is never shown.
/// </summary>
public sealed class AdversarialCliTests : IDisposable
{
    private const string Key = "sk-ADVERSARIAL-9q7Zk3wXv";

    private readonly CliHarness _cli = new();

    public AdversarialCliTests()
    {
        _cli.Environment["MINDEE_V2_API_KEY"] = Key;
        _cli.File("a.pdf");
    }

    public void Dispose() => _cli.Dispose();

    private static void AssertClean(CliResult run)
    {
        Assert.DoesNotContain(Key, run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.StandardError, StringComparison.Ordinal);
    }

    private static void AssertUsage(CliResult run)
    {
        AssertClean(run);
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.StandardError}");
        Assert.Empty(run.StandardOutputBytes);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ocr")]
    [InlineData("ocr", "a.pdf", "--concurrency", "0")]
    [InlineData("ocr", "a.pdf", "--concurrency", "-1")]
    [InlineData("ocr", "a.pdf", "--concurrency", "10001")]
    [InlineData("ocr", "a.pdf", "--concurrency", "99999999999999")]
    [InlineData("ocr", "a.pdf", "--concurrency", "abc")]
    [InlineData("ocr", "a.pdf", "--concurrency", "")]
    [InlineData("ocr", "a.pdf", "--concurrency")]
    [InlineData("ocr", "a.pdf", "--format", "XML")]
    [InlineData("ocr", "a.pdf", "--format", "pdf")]
    [InlineData("ocr", "a.pdf", "--format", "")]
    [InlineData("ocr", "a.pdf", "--format", "1")]
    [InlineData("ocr", "a.pdf", "--format", "text", "--format", "xml")]
    [InlineData("ocr", "a.pdf", "--pages", "1--2")]
    [InlineData("ocr", "a.pdf", "--pages", ",")]
    [InlineData("ocr", "a.pdf", "--pages", "0")]
    [InlineData("ocr", "a.pdf", "--pages", "first:0")]
    [InlineData("ocr", "a.pdf", "--pages", "first:-1")]
    [InlineData("ocr", "a.pdf", "--pages", "@")]
    [InlineData("ocr", "a.pdf", "--pages", "")]
    [InlineData("ocr", "a.pdf", "--pages", " ")]
    [InlineData("ocr", "a.pdf", "--pages", "except:")]
    [InlineData("ocr", "a.pdf", "--pages", "1-")]
    [InlineData("ocr", "a.pdf", "--pages", "-")]
    [InlineData("ocr", "a.pdf", "--pages", "3-1")]
    [InlineData("ocr", "a.pdf", "--pages", "1@0")]
    [InlineData("ocr", "a.pdf", "--pages", "1@@2")]
    [InlineData("ocr", "a.pdf", "--pages", "x\ny")]
    [InlineData("ocr", "a.pdf", "--pages", "99999999999")]
    [InlineData("ocr", "a.pdf", "--api-key", Key)]
    [InlineData("ocr", "a.pdf", "--api-key=" + Key)]
    [InlineData("--api-key", Key, "ocr", "a.pdf")]
    [InlineData("--api-key=" + Key, "ocr", "a.pdf")]
    [InlineData("ocr", "--api-key", Key, "a.pdf")]
    [InlineData("job", "--api-key", Key, "job-1")]
    [InlineData("ocr", "a.pdf", Key)]
    [InlineData("ocr", "a.pdf", "--output", "a.pdf")]
    [InlineData("ocr", "a.pdf", "--journal", ".")]
    [InlineData("ocr", "a.pdf", "--journal", "")]
    [InlineData("ocr", "a.pdf", "--api-key-file", "")]
    [InlineData("ocr", "a.pdf", "--api-key-file", "missing.key")]
    [InlineData("ocr", "a.pdf", "--api-key-file", ".")]
    [InlineData("nonsense")]
    [InlineData("ocr", "a.pdf", "--nonsense")]
    public async Task A_usage_or_configuration_mistake_is_exit_2_and_one_line(params string[] args)
    {
        // "ocr a.pdf KEY": two inputs without --output; still the key (the name of a missing file) is never shown.
        var run = await _cli.RunAsync(args);

        AssertUsage(run);
        Assert.Empty(_cli.Fake.Enqueues);
    }

    [Theory]
    [InlineData("2147483000-2147483647")]
    [InlineData("-2147483648")]
    [InlineData("2147483647")]
    [InlineData("1-10000,1-10000,1-10000,1-10000,1-10000,1-10000,1-10000,1-10000,1-10000,1-10000,1-10000")]
    public async Task Pages_beyond_the_document_fail_that_document_and_the_run_ends(string spec)
    {
        // A range ending at int.MaxValue used to wrap around and never end (growing a list until memory ran out).
        var run = await _cli.RunAsync("ocr", "a.pdf", "--pages", spec);

        AssertClean(run);
        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.StandardOutputBytes);
        Assert.StartsWith("error: a.pdf: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(_cli.Fake.Enqueues);
    }

    [Fact]
    public async Task A_very_long_pages_spec_is_exit_2_and_one_line()
    {
        var spec = string.Concat(Enumerable.Repeat("1,", 50_000)) + "x";

        AssertUsage(await _cli.RunAsync("ocr", "a.pdf", "--pages", spec));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\n")]
    [InlineData("\r\n\t \r\n")]
    public async Task An_empty_or_blank_key_file_is_exit_2(string content)
    {
        _cli.File("key.txt", Encoding.UTF8.GetBytes(content));

        AssertUsage(await _cli.RunAsync("ocr", "a.pdf", "--api-key-file", "key.txt"));
    }

    [Theory]
    [InlineData("{0}\n")]
    [InlineData("{0}\r\n")]
    [InlineData("  {0}  \n\n")]
    [InlineData("\uFEFF{0}\n")]
    public async Task The_key_file_is_trimmed(string content)
    {
        _cli.Environment.Remove("MINDEE_V2_API_KEY");
        _cli.File("key.txt", Encoding.UTF8.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, content, Key)));
        string? seen = null;
        _cli.ClientFactory = options =>
        {
            seen = options.ApiKey;
            return _cli.Fake.CreateClient(options);
        };

        var run = await _cli.RunAsync("ocr", "a.pdf", "--api-key-file", "key.txt");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Key, seen);
        AssertClean(run);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://example.com/")]
    [InlineData("http://10.0.0.1:8080/")]
    [InlineData("https://")]
    [InlineData("//example.com")]
    public async Task A_bad_base_url_is_exit_2_before_anything_is_sent(string url)
    {
        _cli.Environment["MINDEE_V2_BASE_URL"] = url;

        AssertUsage(await _cli.RunAsync("ocr", "a.pdf"));
        Assert.Empty(_cli.Fake.Enqueues);
    }

    [Fact]
    public async Task A_damaged_journal_is_exit_2()
    {
        _cli.File("run.journal", Encoding.UTF8.GetBytes("this is not\na journal\n{\"x\":\n"));

        AssertUsage(await _cli.RunAsync("ocr", "a.pdf", "--journal", "run.journal"));
        Assert.Empty(_cli.Fake.Enqueues);
    }

    [Fact]
    public async Task A_binary_journal_is_exit_2()
    {
        _cli.File("run.journal", [0, 1, 2, 0xFF, 0xFE, 10, 0x80, 10, 0, 10]);

        AssertUsage(await _cli.RunAsync("ocr", "a.pdf", "--journal", "run.journal"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sub")]
    [InlineData("nothing-*.pdf")]
    [InlineData("**/*.none")]
    [InlineData("missing.pdf")]
    [InlineData("missing-dir/*.pdf")]
    public async Task An_input_that_cannot_be_sent_is_exit_1_with_one_line_and_nothing_on_standard_output(string input)
    {
        Directory.CreateDirectory(Path.Combine(_cli.Directory, "sub"));

        var run = await _cli.RunAsync("ocr", input);

        AssertClean(run);
        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.StandardOutputBytes);
        Assert.StartsWith("error: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_failing_every_document_is_exit_1_one_line_each_and_nothing_on_standard_output()
    {
        _cli.File("b.pdf");
        _cli.File("c.pdf");
        _cli.Fake.DefaultScenario = FakeJobScenario.Fails(new MindeeProblem { Status = 422, Title = "Unreadable\ndocument", Detail = "line one\r\nline two " + Key });

        var run = await _cli.RunAsync("ocr", "*.pdf", "-o", "out");

        AssertClean(run);
        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.StandardOutputBytes);
        Assert.Equal(3, run.ErrorLines.Length);
        Assert.All(run.ErrorLines, l => Assert.StartsWith("error: ", l, StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(Path.Combine(_cli.Directory, "out")));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(500)]
    public async Task A_service_rejecting_every_document_is_exit_1_one_line_each(int status)
    {
        _cli.File("b.pdf");
        _cli.Fake.DefaultScenario = FakeJobScenario.RejectsEnqueue(new FakeHttpError(status, "x-001", "Nope " + Key, null));

        var run = await _cli.RunAsync("ocr", "a.pdf", "b.pdf", "-o", "out");

        AssertClean(run);
        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.StandardOutputBytes);
        Assert.Equal(2, run.ErrorLines.Length);
    }

    [Fact]
    public async Task Outputs_never_overwrite_each_other_whatever_the_case_or_extension_of_the_names()
    {
        string[] inputs = ["d1/x.pdf", "d2/x.pdf", "d3/X.PDF", "d4/x.pdf.txt", "d5/x.pdf-2", "d6/x.PDF-2", "d7/x.pdf"];
        foreach (var input in inputs)
        {
            _cli.File(input);
        }

        var run = await _cli.RunAsync(["ocr", .. inputs, "-o", "out"]);

        Assert.Equal(0, run.ExitCode);
        AssertClean(run);
        var written = Directory.GetFiles(Path.Combine(_cli.Directory, "out"));
        Assert.Equal(inputs.Length, written.Length);
        Assert.Equal(inputs.Length, written.Select(f => Path.GetFileName(f).ToUpperInvariant()).Distinct().Count());
    }

    [Fact]
    public async Task An_export_never_overwrites_an_input_in_the_output_directory()
    {
        var original = Mindee.Ocr.Harness.TestPdfs.Numbered(2);
        _cli.File("out/a");
        _cli.File("out/a.txt", original);

        var run = await _cli.RunAsync("ocr", "out/a", "out/a.txt", "-o", "out");

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Equal(original, File.ReadAllBytes(Path.Combine(_cli.Directory, "out", "a.txt")));
        Assert.Equal(4, Directory.GetFiles(Path.Combine(_cli.Directory, "out")).Length);
    }

    [Fact]
    public async Task A_glob_never_picks_up_the_tools_own_exports_or_journal()
    {
        // Run twice over "**/*", the output folder and the journal inside it: the second run sees
        // the same two documents (done: skipped), not the first run's exports or the journal.
        _cli.File("b.pdf");
        var first = await _cli.RunAsync("ocr", "**/*", "-o", "out", "--journal", "run.journal");
        Assert.True(first.ExitCode == 0, first.StandardError);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(_cli.Directory, "out")).Length);

        var second = await _cli.RunAsync("ocr", "**/*", "-o", "out", "--journal", "run.journal");

        AssertClean(second);
        Assert.True(second.ExitCode == 0, second.StandardError);
        Assert.DoesNotContain(second.ErrorLines, l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(_cli.Directory, "out")).Length); // the same two exports, no "-2" names
        Assert.Equal(2, second.ErrorLines.Count(l => l.StartsWith("skipped: ", StringComparison.Ordinal)));
        Assert.Equal(2, _cli.Fake.Enqueues.Count);
    }

    [Theory]
    [InlineData("résumé été.pdf")]
    [InlineData("日本 語.pdf")]
    [InlineData("it's here.pdf")]
    [InlineData("tab\tname.pdf")]
    [InlineData("emoji 😀.pdf")]
    public async Task Unicode_and_spaces_in_names_are_kept(string name)
    {
        _cli.File(name);

        var run = await _cli.RunAsync("ocr", name, "a.pdf", "-o", "out dir");

        Assert.Equal(0, run.ExitCode);
        AssertClean(run);
        Assert.True(File.Exists(Path.Combine(_cli.Directory, "out dir", name + ".txt")));
        Assert.Equal(2, run.ErrorLines.Length);
    }

    [Theory]
    [InlineData("--weird.pdf")]
    [InlineData("-w.pdf")]
    [InlineData("--")]
    public async Task A_file_named_like_an_option_is_taken_after_double_dash(string name)
    {
        _cli.File(name);

        var run = await _cli.RunAsync("ocr", "--", name);

        AssertClean(run);
        Assert.Equal(0, run.ExitCode);
        Assert.NotEmpty(run.StandardOutputBytes);
        Assert.Equal(name, Assert.Single(_cli.Fake.Enqueues).FileName);
    }

    [Fact]
    public async Task A_lone_double_dash_is_exit_2()
    {
        AssertUsage(await _cli.RunAsync("ocr", "--"));
    }

    [Fact]
    public async Task An_output_directory_under_a_file_is_exit_2()
    {
        AssertUsage(await _cli.RunAsync("ocr", "a.pdf", "-o", "a.pdf/sub"));
    }
}
