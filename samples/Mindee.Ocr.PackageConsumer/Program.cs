// Uses Mindee.Ocr, Mindee.Ocr.Testing and Mindee.Ocr.Pdf from their packages: enqueue-and-wait
// against the test kit's fake service, then checks what came back; counts the pages of a PDF that
// Mindee.Ocr.Pdf's own dependency (PdfPig) writes. Exit code 0 when the packages work.
using System;
using System.Linq;
using Mindee.Ocr;
using Mindee.Ocr.Pdf;
using Mindee.Ocr.Testing;

var fake = new FakeMindeeService()
    .Then(FakeJobScenario.Succeeds(OcrResultFactory.FromPages("Package consumer\nTotal 7.00 EUR"), processingPolls: 1));
var client = new MindeeOcrClient(
    fake.CreateHttpClient(),
    new MindeeOcrOptions
    {
        ApiKey = "package-test",
        ModelId = "package-model",
        Polling = new PollingOptions { InitialDelay = TimeSpan.FromMilliseconds(20), FirstInterval = TimeSpan.FromMilliseconds(20) },
    });

var result = await client.EnqueueAndWaitAsync(OcrInput.FromBytes("%PDF-1.7\n"u8.ToArray(), "package.pdf"));
var words = result.Result.Pages.SelectMany(p => p.Words).Select(w => w.Content).ToArray();
var assembly = typeof(MindeeOcrClient).Assembly;
Console.WriteLine($"Mindee.Ocr {assembly.GetName().Version} from {assembly.Location}");
Console.WriteLine($"Words: {string.Join(" ", words)}");

// A PDF of two blank pages, written with PdfPig (which Mindee.Ocr.Pdf brings), counted.
using var pdf = new System.IO.MemoryStream();
using (var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder(pdf, disposeStream: false))
{
    builder.AddPage(200, 200);
    builder.AddPage(200, 200);
    builder.Build();
}

int pageCount = await PdfPages.CountAsync(OcrInput.FromBytes(pdf.ToArray(), "two.pdf"));
Console.WriteLine($"PDF pages: {pageCount}");

bool ok = pageCount == 2 && words.SequenceEqual(["Package", "consumer", "Total", "7.00", "EUR"]) && fake.Enqueues.Single().FileName == "package.pdf";
Console.WriteLine(ok ? "Package consumer passed." : "Package consumer FAILED.");
return ok ? 0 : 1;
