#!/usr/bin/env python3
"""Writes the test fixtures in the shapes of ../../../shared/spec/wire-notes.md.

Deterministic (fixed seed): running it again gives the same files. Run from this folder:
    python3 make_fixtures.py
"""
import json
import random

rng = random.Random(20251128)
JOB_ID = "12345678-1234-1234-1234-jobid1234567"
MODEL_ID = "test-model-id"

VOCAB = ("invoice total amount due date customer number account payment terms net reference order "
         "quantity unit price description tax rate subtotal balance shipping address street city "
         "postal code country phone email bank iban swift vendor supplier item service period "
         "discount currency EUR USD page signature approved received delivered Zürich Ærøskøbing "
         "naïve café 2025-07-03 14:27 #4411 100.00 1,250.50 N° ").split()


def word_polygon(x, y, w, h):
    # Four points, clockwise from the top-left, relative to the page, a slight skew like scans have.
    skew = rng.uniform(-0.0008, 0.0008)
    pts = [[x, y], [x + w, y + skew], [x + w, y + h + skew], [x, y + h]]
    return [[round(min(max(px, 0.0), 1.0), 16), round(min(max(py, 0.0), 1.0), 16)] for px, py in pts]


def page(words_target):
    words, lines = [], []
    y = 0.04
    while len(words) < words_target:
        x = 0.06
        line = []
        for _ in range(rng.randint(4, 11)):
            if len(words) >= words_target:
                break
            text = rng.choice(VOCAB)
            w = 0.0085 * len(text) + rng.uniform(0.0, 0.004)
            h = 0.011 + rng.uniform(0.0, 0.002)
            words.append({"content": text, "polygon": word_polygon(x + rng.random() * 1e-9, y + rng.random() * 1e-9, w, h)})
            line.append(text)
            x += w + 0.012
        lines.append(" ".join(line))
        y += 0.021
    return {"words": words, "content": "\n".join(lines)}


def write(name, obj, indent=4):
    with open(name, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=indent, ensure_ascii=False)
        f.write("\n")


pages = [page(380), page(370), page(350)]
result = {
    "inference": {
        "id": JOB_ID,
        "model": {"id": MODEL_ID},
        "file": {"name": "invoice-2025-07.pdf", "alias": None, "page_count": 3, "mime_type": "application/pdf"},
        "job": {"id": JOB_ID},
        "result": {"pages": pages, "options": None, "a_field_added_later": {"anything": [1, 2, 3]}},
        "extra_top_level_field": "ignored",
    }
}
write("result-3-pages.json", result, indent=2)

small = {
    "inference": {
        "id": JOB_ID,
        "model": {"id": MODEL_ID},
        "file": {"name": "receipt.jpg", "alias": "my-alias", "page_count": 1, "mime_type": "image/jpeg"},
        "job": {"id": JOB_ID},
        "result": {"pages": [{
            "words": [
                {"content": "Total", "polygon": [[0.1, 0.2], [0.2, 0.2], [0.2, 0.25], [0.1, 0.25]]},
                {"content": "42.00", "polygon": [[0.3, 0.2], [0.4, 0.2], [0.4, 0.25], [0.3, 0.25]], "confidence": 0.98},
            ],
            "content": "Total 42.00",
        }]},
    }
}
write("result-1-page.json", small)


def job(status, completed_at=None, result_url=None, error=None, webhooks=None, alias=None):
    return {"job": {
        "id": JOB_ID,
        "model_id": MODEL_ID,
        "filename": "invoice-2025-07.pdf",
        "alias": alias,
        "created_at": "2025-07-03T14:27:58.974451",
        "completed_at": completed_at,
        "status": status,
        "polling_url": f"https://api-v2.mindee.net/v2/jobs/{JOB_ID}",
        "result_url": result_url,
        "webhooks": webhooks if webhooks is not None else [],
        "error": error,
        "field_the_service_added_later": True,
    }}


write("job-processing.json", job("Processing"))
write("job-processed.json", job("Processed", completed_at="2025-07-03T14:28:04.120000Z",
                                result_url=f"https://api-v2.mindee.net/v2/products/ocr/results/{JOB_ID}",
                                webhooks=[{"id": "webhook-1", "created_at": "2025-07-03T14:28:04.500001",
                                           "status": "Processed", "error": None, "attempts_count": 1}]))
write("job-failed.json", job("Failed", completed_at="2025-07-03T14:29:00.000001", error={
    "status": 422, "title": "Unreadable document", "code": "422-102",
    "detail": "The document could not be read: it may be corrupted or password-protected.", "errors": []}))
write("job-unknown-status.json", job("Queued"))

problems = {
    "401": {"status": 401, "title": "Unauthorized", "code": "401-001", "detail": "Invalid API key.", "errors": []},
    "404": {"status": 404, "title": "Not Found", "code": "404-002", "detail": "The inference was not found: it may have expired or been deleted.", "errors": []},
    "422": {"status": 422, "title": "Invalid fields in form", "code": "422-009", "detail": "One or more fields failed validation.",
            "errors": [{"pointer": "#/model_id", "detail": "model_id must be a valid UUID format"}]},
    "429": {"status": 429, "title": "Too Many Requests", "code": "429-001", "detail": "Rate limit exceeded: 200 enqueues per minute.", "errors": []},
    "500": {"status": 500, "title": "Internal Server Error", "code": "500-001", "detail": "An unexpected error occurred.", "errors": []},
}
for status, body in problems.items():
    write(f"problem-{status}.json", body, indent=None)

with open("gateway-502.html", "w", encoding="utf-8") as f:
    f.write("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")
