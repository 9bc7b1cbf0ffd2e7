using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.AspNetCore;

/// <summary>
/// Handles genuine webhook deliveries; mapped with <c>MapMindeeOcrWebhook&lt;THandler&gt;</c>, it is
/// resolved from each request's scope (or built there, its constructor's parameters from the
/// services), so it can take scoped services such as a database context.
/// </summary>
/// <example>
/// <code>
/// public sealed class StoreResults(AppDbContext db) : IMindeeOcrWebhookHandler
/// {
///     public async Task HandleAsync(OcrWebhookDelivery delivery, CancellationToken cancellationToken)
///     {
///         if (delivery.IsSuccess) db.Results.Add(new StoredResult(delivery.Inference));
///         await db.SaveChangesAsync(cancellationToken);
///     }
/// }
///
/// app.MapMindeeOcrWebhook&lt;StoreResults&gt;("/webhooks/mindee");
/// </code>
/// </example>
public interface IMindeeOcrWebhookHandler
{
    /// <summary>Handles one genuine delivery; the endpoint answers <c>200</c> once this returns.</summary>
    /// <param name="delivery">The verified, parsed delivery. Deliveries can repeat: de-duplicate on <see cref="OcrWebhookDelivery.InferenceId"/>.</param>
    /// <param name="cancellationToken">The request's: cancelled when the caller goes away.</param>
    /// <returns>A task that completes when the delivery is handled.</returns>
    Task HandleAsync(OcrWebhookDelivery delivery, CancellationToken cancellationToken);
}
