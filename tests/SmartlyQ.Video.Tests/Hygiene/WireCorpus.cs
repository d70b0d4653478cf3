using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Tests.Hygiene
{
    /// <summary>
    /// Injection inputs for every user value that reaches a header, a URL path, a file name or the request body:
    /// control characters (CR, LF, CRLF with an extra header, a whole smuggled request, NUL, TAB, ESC, DEL, C1 incl.
    /// NEL, U+2028/U+2029), their percent-encoded forms, path traversal, and values too long. Each runs next to a
    /// valid row or job, which must still go through.
    /// </summary>
    public static class WireCorpus
    {
        /// <summary>Raw characters that must never reach a header, a URL or a file name. Each goes in the middle of a value, where trimming does not remove it.</summary>
        public static readonly (string Label, string Text)[] ControlPayloads =
        {
            ("CRLF + header", "\r\nX-Evil: 1"),
            ("LF + header", "\nX-Evil: 1"),
            ("CR + header", "\rX-Evil: 1"),
            ("CRLFCRLF + smuggled request", "\r\n\r\nPOST /v1/videos/generate HTTP/1.1\r\nX-Evil: 1\r\n\r\n"),
            ("NUL", "\0X-Evil"),
            ("TAB", "\tX-Evil"),
            ("ESC", "\u001B[2J"),
            ("DEL", "\u007FX-Evil"),
            ("NEL U+0085", "\u0085X-Evil: 1"),
            ("C1 U+009B", "\u009B"),
            ("U+2028", "\u2028X-Evil: 1"),
            ("U+2029", "\u2029X-Evil: 1"),
        };

        /// <summary>The same, percent-encoded: text where it is text (a header value), but a control character once a URL path is decoded.</summary>
        public static readonly string[] EncodedPayloads = { "%0d%0aX-Evil:%201", "%0D%0AX-Evil:%201", "%00" };

        /// <summary>Job uids that would change the route (or carry control characters) if pasted into <c>/jobs/{uid}</c>.</summary>
        public static readonly string[] RouteBreakingUids =
        {
            "../me", "..", ".", "a/b", "x?y=1", "job_1#frag", "job_1/cancel", "job_1%2F..%2Fme", "job_%0d%0aX-Evil:%201", "%2e%2e",
            "job_1 X-Evil", "job_" + new string('a', 125), new string('j', 10000),
        };

        private static readonly Regex DerivedKey = new Regex("^sqb-[0-9a-f]{40}$");

        public static IReadOnlyList<WireCase> All()
        {
            var cases = new List<WireCase>();
            IEnumerable<string> Controls(string prefix, string suffix = "-end") => ControlPayloads.Select(p => prefix + p.Text + suffix);

            // --- idempotency_key: a header. Refused: a row error naming idempotency_key; the next row is submitted. ---
            foreach (string key in Controls("inj").Concat(new[] { "has space", "schlüssel", "ключ", new string('k', 256), new string('k', 10000) }))
                cases.Add(new WireCase("idempotency_key", "New-SqVideo", key, true, 1,
                    c => c.NewVideoAsync(new NewVideoOptions(), c.Row(("idempotency_key", key)), c.GoodRow()), written: 1));
            foreach (string key in EncodedPayloads.Select(p => "inj" + p).Concat(new[] { "inj:X-Evil:1", new string('k', 255), Guid.NewGuid().ToString() }))
                cases.Add(new WireCase("idempotency_key", "New-SqVideo", key, false, 2,
                    c => c.NewVideoAsync(new NewVideoOptions(), c.Row(("idempotency_key", key)), c.GoodRow()),
                    check: r => r[0].Header("X-Idempotency-Key") == key ? null : "sent key '" + r[0].Header("X-Idempotency-Key") + "'", written: 2));

            // --- -BatchId: hashed into sqb-<hex> keys. Refused: terminating, before the first row. ---
            foreach (string batch in Controls("batch"))
                cases.Add(new WireCase("BatchId", "New-SqVideo", batch, true, 0,
                    c => c.NewVideoAsync(new NewVideoOptions { BatchId = batch }, c.GoodRow()), names: "batchId"));
            foreach (string batch in EncodedPayloads.Select(p => "batch" + p).Concat(new[] { "Stapel-ü-2026", new string('b', 10000) }))
                cases.Add(new WireCase("BatchId", "New-SqVideo", batch, false, 1,
                    c => c.NewVideoAsync(new NewVideoOptions { BatchId = Unique(batch) }, c.GoodRow()),
                    check: r => DerivedKey.IsMatch(r[0].Header("X-Idempotency-Key") ?? "") ? null : "derived key '" + r[0].Header("X-Idempotency-Key") + "'", written: 1));

            // --- JobUid: a URL path segment, through Wait-SqJob, Save-SqVideo and the client itself. ---
            foreach (string uid in Controls("job_1").Concat(RouteBreakingUids))
            {
                cases.Add(new WireCase("JobUid", "Wait-SqJob", uid, true, 1, c => c.WaitAsync(uid, c.Finished.JobUid), names: "InvalidJobUid", written: 1));
                cases.Add(new WireCase("JobUid", "Save-SqVideo", uid, true, 2, c => c.SaveUidsAsync(uid, c.Finished.JobUid), names: "InvalidJobUid", written: 1));
                cases.Add(new WireCase("JobUid", "SmartlyQClient.CancelJobAsync", uid, true, 0, c => c.CancelAsync(uid)));
            }
            cases.Add(new WireCase("JobUid", "SmartlyQClient.CancelJobAsync", "(issued uid)", false, 1, c => c.CancelAsync(c.Finished.JobUid), written: 1));

            // --- model and the option names: body fields matched against GET /videos/models; refused by validation. ---
            foreach (string model in Controls(WireApi.Model, "").Concat(EncodedPayloads.Select(p => WireApi.Model + p)).Concat(new[] { "../../me" }))
                cases.Add(new WireCase("model", "New-SqVideo", model, true, 1, c => c.NewVideoAsync(new NewVideoOptions(), c.Row(("model", model)), c.GoodRow()), written: 1));
            foreach ((string field, string value) in new[] { ("resolution", "720p"), ("mode", "Standard"), ("aspect_ratio", "16:9") })
                foreach (string bad in ControlPayloads.Take(4).Select(p => value + p.Text))
                    cases.Add(new WireCase(field, "New-SqVideo", bad, true, 1, c => c.NewVideoAsync(new NewVideoOptions(), c.Row((field, bad)), c.GoodRow()), written: 1));
            foreach (string url in Controls("https://example.com/cat", ".png"))
                cases.Add(new WireCase("image_url", "New-SqVideo", url, true, 1,
                    c => c.NewVideoAsync(new NewVideoOptions(), c.Row(("type", VideoType.ImageToVideo), ("image_url", url), ("prompt", "")), c.GoodRow()), written: 1));

            // --- prompt: body only. Sent, JSON-escaped: no raw control byte in the body, the text round-trips, no header. ---
            foreach (string prompt in Controls("A fox").Concat(EncodedPayloads.Select(p => "A fox " + p))
                         .Concat(new[] { "A fox\", \"model\": \"evil-model\", \"x\": \"", "A fox \\\" \\u000d\\u000a </script>" }))
                cases.Add(new WireCase("prompt", "New-SqVideo", prompt, false, 2,
                    c => c.NewVideoAsync(new NewVideoOptions(), c.Row(("prompt", prompt)), c.GoodRow()), check: r => PromptTravelledEscaped(r[0], prompt), written: 2));

            // --- BaseUri: host and path of every request. Refused: a terminating error before anything is sent. ---
            foreach (string tail in ControlPayloads.Select(p => p.Text).Concat(EncodedPayloads))
                cases.Add(new WireCase("BaseUri", "Connect-SmartlyQ", "{root}/v1" + tail, true, 0, c => c.ConnectAsync(WireContext.Key, c.Server.Root + "/v1" + tail), names: "BaseUriRejected"));
            cases.Add(new WireCase("BaseUri", "Connect-SmartlyQ", "{root}/v1/", false, 1, c => c.ConnectAsync(WireContext.Key, c.Server.Root + "/v1/"), written: 1));

            // --- ApiKey: the Authorization header. Refused without echoing the key. ---
            foreach (string key in Controls("sqk_live_wire"))
                cases.Add(new WireCase("ApiKey", "Connect-SmartlyQ", key, true, 0, c => c.ConnectAsync(key, c.Server.Root + "/v1"), names: "ApiKeyInvalid"));

            // --- FileName: -FileName templates and what {model} brings in. Refused per job; the next job is saved. ---
            foreach (string name in Controls("clip", ".mp4").Concat(new[] { "../x.mp4", "..\\x.mp4", "{job_uid}/../../x.mp4", "/tmp/x.mp4" }))
                cases.Add(new WireCase("FileName", "Save-SqVideo", name, true, 0, c => c.SaveJobsAsync(name, c.Finished), names: "FileName"));
            foreach (string model in Controls("kling", ""))
                cases.Add(new WireCase("FileName", "Save-SqVideo", "{model} = " + model, true, 1,
                    c => c.SaveJobsAsync("{model}-{job_uid}.mp4", c.FinishedAs(model: model), c.FinishedAs(model: "safe-" + Guid.NewGuid().ToString("N"))),
                    names: "FileName", written: 1));
            foreach (string name in new[] { "%0d%0a-{job_uid}.mp4", "{job_uid}.mp4" })
                cases.Add(new WireCase("FileName", "Save-SqVideo", name, false, 1, c => c.SaveJobsAsync(name, c.Finished), written: 1));

            // --- video_url: the download's URL (from the API, or a job object piped in). ---
            foreach (string tail in ControlPayloads.Select(p => p.Text))
                cases.Add(new WireCase("video_url", "Save-SqVideo", "{root}/files/x" + tail + ".mp4", true, 0,
                    c => c.SaveVideoUrlAsync(c.Server.Root + "/files/x" + tail + ".mp4"),
                    names: "InvalidVideoUrl"));

            return cases;
        }

        /// <summary>A batch id of its own per case, so two cases never derive the same keys.</summary>
        private static string Unique(string batch) => batch + "-" + Guid.NewGuid().ToString("N");

        private static string? PromptTravelledEscaped(RawRequest request, string prompt)
        {
            if (request.Body.Any(b => b < 0x20 || b == 0x7F)) return "raw control byte in the body";
            using JsonDocument json = JsonDocument.Parse(request.Body);
            if (json.RootElement.GetProperty("prompt").GetString() != prompt) return "prompt did not round-trip";
            if (json.RootElement.GetProperty("model").GetString() != WireApi.Model) return "model changed to " + json.RootElement.GetProperty("model").GetString();
            return null;
        }
    }
}
