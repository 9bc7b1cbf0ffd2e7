// A .NET 8 web application using Mindee.Ocr (configured from "Mindee" in configuration),
// Mindee.Ocr.AspNetCore (a webhook endpoint), Mindee.Ocr.Pdf (a page count before sending) and
// Mindee.Ocr.Testing (the fake service, when MINDEE_FAKE is set). It exists to be restored and
// built against the packages by .ci/run, which checks the versions NuGet resolved for it.
using System;
using System.IO;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Mindee.Ocr;
using Mindee.Ocr.Pdf;
using Mindee.Ocr.Testing;

var builder = WebApplication.CreateSlimBuilder(args);
if (Environment.GetEnvironmentVariable("MINDEE_FAKE") is null)
{
    builder.Services.AddMindeeOcr(builder.Configuration.GetSection("Mindee"));
}
else
{
    var fake = new FakeMindeeService().Then(FakeJobScenario.Succeeds(OcrResultFactory.FromPages("Hello")));
    builder.Services.AddSingleton(fake.CreateClient());
}

var app = builder.Build();

app.MapPost("/ocr", async (HttpRequest request, IMindeeOcrClient client) =>
{
    using var body = new MemoryStream();
    await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
    var input = OcrInput.FromBytes(body.ToArray(), "upload.pdf");
    int pages = await PdfPages.CountAsync(input, request.HttpContext.RequestAborted);
    var result = await client.EnqueueAndWaitAsync(input, cancellationToken: request.HttpContext.RequestAborted);
    return Results.Text($"{pages} page(s): {result.Result.Text}");
});

app.MapMindeeOcrWebhook("/webhooks/mindee", (delivery, cancellationToken) =>
{
    Console.WriteLine(delivery);
    return System.Threading.Tasks.Task.CompletedTask;
});

app.Run();
