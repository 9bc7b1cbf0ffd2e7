// A minimal webhook receiver: verifies each delivery's signature, stores results as JSON files
// in a folder (one per inference id, so a repeated delivery is stored once) and prints them.
//
//   MINDEE_V2_WEBHOOK_SECRET=… dotnet run --project samples/Mindee.Ocr.WebhookReceiver -- --urls http://127.0.0.1:5080
//
// Point the webhook at https://<your host>/webhooks/mindee (Mindee calls HTTPS endpoints only).
using System;
using System.IO;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Mindee.Ocr;

var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();
var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "results")).FullName;

app.MapMindeeOcrWebhook("/webhooks/mindee", async (delivery, cancellationToken) =>
{
    // Deliveries can repeat: the inference id is the de-duplication key.
    var path = Path.Combine(folder, delivery.InferenceId + (delivery.IsSuccess ? ".json" : ".failed.txt"));
    if (File.Exists(path))
    {
        Console.WriteLine($"{delivery.InferenceId}: already stored, delivery ignored");
        return;
    }

    if (delivery.IsSuccess)
    {
        var result = delivery.Inference;
        await using (var file = File.Create(path))
        {
            await MindeeOcrJson.SerializeAsync(file, result, cancellationToken);
        }

        Console.WriteLine($"{result.File.Name}: {result.Result.Pages.Count} page(s), {result.Result.Pages.Sum(p => p.Words.Count)} words -> {path}");
        foreach (var page in result.Result.Pages)
        {
            Console.WriteLine(page.Content);
        }
    }
    else
    {
        var failure = delivery.Failure;
        await File.WriteAllTextAsync(path, $"{failure.FileName}: {failure.Error?.Code} {failure.Error?.Title} {failure.Error?.Detail}", cancellationToken);
        Console.WriteLine($"{failure.FileName}: processing failed ({failure.Error?.Code}) -> {path}");
    }
});

app.Run();
