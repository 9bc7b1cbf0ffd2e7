using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Mindee.Ocr.Testing;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;

namespace Mindee.Ocr.Tests;

/// <summary>Webhook signatures (computed here with the BCL) and payloads.</summary>
public class WebhookTests
{
    private const string Secret = "whsec_test_9f8e7d6c";

    private static string Sign(byte[] body, string secret = Secret) =>
        Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)).ToLowerInvariant();

    private static readonly byte[] Body = Fixture.Bytes("result-1-page.json");

    [Fact]
    public void A_signature_of_the_raw_body_is_valid() =>
        Assert.True(OcrWebhookSignature.IsValid(Body, Sign(Body), Secret));

    [Fact]
    public void A_signature_of_the_body_without_line_breaks_is_valid()
    {
        var withCrLf = Encoding.UTF8.GetBytes("{\r\n  \"inference_id\": \"x\",\r\n  \"error\": null\n}");
        var stripped = withCrLf.Where(b => b is not ((byte)'\r' or (byte)'\n')).ToArray();
        Assert.True(OcrWebhookSignature.IsValid(withCrLf, Sign(stripped), Secret));
    }

    [Fact]
    public void Uppercase_hex_and_a_sha256_prefix_are_accepted()
    {
        Assert.True(OcrWebhookSignature.IsValid(Body, Sign(Body).ToUpperInvariant(), Secret));
        Assert.True(OcrWebhookSignature.IsValid(Body, "sha256=" + Sign(Body), Secret));
    }

    [Fact]
    public void A_wrong_secret_is_invalid() =>
        Assert.False(OcrWebhookSignature.IsValid(Body, Sign(Body, "another-secret"), Secret));

    [Fact]
    public void A_tampered_body_is_invalid()
    {
        var tampered = (byte[])Body.Clone();
        tampered[^5] ^= 1;
        Assert.False(OcrWebhookSignature.IsValid(tampered, Sign(Body), Secret));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("zz")]
    public void A_missing_or_malformed_signature_is_invalid_without_an_exception(string? signature) =>
        Assert.False(OcrWebhookSignature.IsValid(Body, signature, Secret));

    [Fact]
    public void A_truncated_or_non_hex_signature_is_invalid()
    {
        var good = Sign(Body);
        Assert.False(OcrWebhookSignature.IsValid(Body, good[..^2], Secret));
        Assert.False(OcrWebhookSignature.IsValid(Body, good[..^1] + "g", Secret));
        Assert.False(OcrWebhookSignature.IsValid(Body, good + "00", Secret));
    }

    [Fact]
    public void An_empty_secret_is_a_configuration_error()
    {
        Assert.ThrowsAny<ArgumentException>(() => OcrWebhookSignature.IsValid(Body, Sign(Body), ""));
        Assert.Equal(Sign(Body), OcrWebhookSignature.Compute(Body, Secret));
    }

    [Fact]
    public void A_success_delivery_is_the_same_result_as_the_result_endpoint_gives()
    {
        var delivery = OcrWebhookDelivery.Parse(Body);

        // No '!' below: IsSuccess tells the compiler which of Inference and Failure is set ([MemberNotNullWhen]).
        Assert.True(delivery.IsSuccess);
        Assert.Null(delivery.Failure);
        Assert.Equal(Fixture.JobId, delivery.InferenceId);
        Assert.Equal(MindeeOcrJson.DeserializeInference(Body).Result.Pages[0].Words, delivery.Inference.Result.Pages[0].Words);
    }

    [Fact]
    public void A_failure_delivery_carries_every_field()
    {
        var json = """{"inference_id":"inf-9","model_id":"m-1","file_name":"scan.pdf","file_alias":"order-3","error":{"status":422,"title":"Unreadable document","code":"422-102","detail":"Corrupted."},"created_at":"2025-07-03T14:27:58.974451"}""";

        var delivery = OcrWebhookDelivery.Parse(Encoding.UTF8.GetBytes(json));

        Assert.False(delivery.IsSuccess);
        Assert.Equal("inf-9", delivery.InferenceId);
        var failure = delivery.Failure;
        Assert.Equal(("m-1", "scan.pdf", "order-3", "422-102"), (failure.ModelId, failure.FileName, failure.FileAlias, failure.Error?.Code));
        Assert.Equal(new DateTimeOffset(2025, 7, 3, 14, 27, 58, TimeSpan.Zero).AddTicks(9744510), failure.CreatedAt);
    }

    [Theory]
    [InlineData("""{"something":"else"}""", "neither a result")]
    [InlineData("""not json""", "could not be read as a Mindee OCR delivery")]
    [InlineData("""{"inference":{"id":"x"}}""", "could not be read as a Mindee OCR delivery")]
    public void A_payload_that_is_neither_says_why(string json, string expected)
    {
        var ex = Assert.Throws<MindeeOcrException>(() => OcrWebhookDelivery.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deliveries_can_be_built_for_tests()
    {
        var result = OcrResultFactory.FromPages("a");
        Assert.Equal(result.Id, OcrWebhookDelivery.FromResult(result).InferenceId);
        Assert.Equal("i", OcrWebhookDelivery.FromFailure(new OcrWebhookFailure { InferenceId = "i" }).InferenceId);
    }
}
