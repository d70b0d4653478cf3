using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SmartlyQ.Video.Bench.Providers
{
    /// <summary>
    /// The OpenAI comparison: a client written the way the official SDK's examples do it, one video after another —
    /// <c>videos.create</c> (<c>POST /videos</c> with model, prompt, seconds and size), then <c>videos.retrieve</c>
    /// (<c>GET /videos/{id}</c>) every poll interval until <c>completed</c> or <c>failed</c>, then
    /// <c>videos.download_content</c> (<c>GET /videos/{id}/content</c>). Like the SDK it retries a 429 after its
    /// Retry-After, so it is correct, only sequential.
    /// </summary>
    internal sealed class SdkStyleOpenAIClient : IDisposable
    {
        private readonly HttpClient _http;
        private readonly TimeSpan _pollInterval;

        public SdkStyleOpenAIClient(Uri baseUri, string apiKey, TimeSpan pollInterval)
        {
            _http = new HttpClient { BaseAddress = new Uri(baseUri.AbsoluteUri.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(10) };
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            _pollInterval = pollInterval;
        }

        public long Requests { get; private set; }
        public long Received429 { get; private set; }
        public int Saved { get; private set; }

        /// <summary>Runs the rows one after another (model, prompt, seconds, size); returns the time taken.</summary>
        public async Task<TimeSpan> RunAsync(IEnumerable<(string Model, string Prompt, string Seconds, string Size)> rows, string directory, CancellationToken ct)
        {
            var clock = Stopwatch.StartNew();
            foreach (var row in rows)
            {
                string id;
                using (JsonDocument created = await SendJsonAsync(() => new HttpRequestMessage(HttpMethod.Post, "videos")
                       {
                           Content = JsonContent(new Dictionary<string, string> { ["model"] = row.Model, ["prompt"] = row.Prompt, ["seconds"] = row.Seconds, ["size"] = row.Size }),
                       }, ct))
                    id = created.RootElement.GetProperty("id").GetString()!;

                string status;
                do
                {
                    await Task.Delay(_pollInterval, ct);
                    using JsonDocument video = await SendJsonAsync(() => new HttpRequestMessage(HttpMethod.Get, "videos/" + Uri.EscapeDataString(id)), ct);
                    status = video.RootElement.GetProperty("status").GetString() ?? "";
                }
                while (status != "completed" && status != "failed");

                if (status != "completed") continue;
                using HttpResponseMessage content = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "videos/" + Uri.EscapeDataString(id) + "/content"), HttpCompletionOption.ResponseHeadersRead, ct);
                content.EnsureSuccessStatusCode();
                await using (var file = new FileStream(Path.Combine(directory, id + ".mp4"), FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                    await content.Content.CopyToAsync(file, ct);
                Saved++;
            }

            return clock.Elapsed;
        }

        public void Dispose() => _http.Dispose();

        private static ByteArrayContent JsonContent(Dictionary<string, string> body)
        {
            var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return content;
        }

        private async Task<JsonDocument> SendJsonAsync(Func<HttpRequestMessage> create, CancellationToken ct)
        {
            using HttpResponseMessage response = await SendAsync(create, HttpCompletionOption.ResponseContentRead, ct);
            response.EnsureSuccessStatusCode();
            return JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct));
        }

        private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, HttpCompletionOption completion, CancellationToken ct)
        {
            while (true)
            {
                using HttpRequestMessage request = create();
                Requests++;
                HttpResponseMessage response = await _http.SendAsync(request, completion, ct);
                if (response.StatusCode != HttpStatusCode.TooManyRequests) return response;
                Received429++;
                TimeSpan wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                response.Dispose();
                await Task.Delay(wait, ct);
            }
        }
    }
}
