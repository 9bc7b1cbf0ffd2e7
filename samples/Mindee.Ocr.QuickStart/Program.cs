// Mindee.Ocr quick start: OCR a document and print each page's text and word count.
//
//   dotnet run --project samples/Mindee.Ocr.QuickStart -- path/to/document.pdf
//
// With MINDEE_V2_API_KEY and MINDEE_V2_OCR_MODEL_ID set, it calls the real service. Without
// them it runs offline against the test kit's in-process fake, through the same client code.
using System;
using System.IO;
using System.Linq;
using Mindee.Ocr;
using Mindee.Ocr.Testing;

var path = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "sample-invoice.pdf");
var file = new FileInfo(path);
if (!file.Exists)
{
    Console.Error.WriteLine($"error: no such file: {path}");
    return 1;
}

string[] unset = [.. new[] { MindeeOcrOptions.ApiKeyEnvironmentVariable, MindeeOcrOptions.ModelIdEnvironmentVariable }
    .Where(name => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(name)))];

try
{
    MindeeOcrClient client;
    if (unset.Length == 0)
    {
        client = new MindeeOcrClient(new MindeeOcrOptions()); // key, model and address come from the environment
        Console.WriteLine("Online: sending the document to the Mindee OCR API.");
    }
    else
    {
        Console.WriteLine($"Offline: {string.Join(" and ", unset)} {(unset.Length == 1 ? "is" : "are")} not set, so this runs");
        Console.WriteLine("against the test kit's fake service, with a synthetic result (not real OCR), through the same client code.");
        var fake = new FakeMindeeService();
        fake.Then(FakeJobScenario.Succeeds(processingPolls: 1));
        client = new MindeeOcrClient(fake.CreateHttpClient(), new MindeeOcrOptions { ApiKey = "offline", ModelId = "offline-model", BaseAddress = MindeeOcrOptions.DefaultBaseAddress });
    }

    OcrInference result = await client.EnqueueAndWaitAsync(file);
    Console.WriteLine($"{result.File.Name}: {result.Result.Pages.Count} page(s)");
    for (int i = 0; i < result.Result.Pages.Count; i++)
    {
        var page = result.Result.Pages[i];
        Console.WriteLine($"--- Page {i + 1}: {page.Words.Count} words");
        Console.WriteLine(page.Content);
    }

    return 0;
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}
catch (MindeeOcrException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
