using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SmartlyQ.Video.Bench.Batch
{
    /// <summary>
    /// The comparison: a script-style client with a plain <see cref="HttpClient"/>, one row at a time — submit, wait
    /// the poll interval, <c>GET /jobs/{id}</c> until the job is finished (polling again every interval), download the
    /// video, next row. A 429 is waited out (Retry-After) and repeated, so it is correct, just sequential.
    /// </summary>
    internal sealed class NaiveClient : IDisposable
    {
        private readonly HttpClient _http;
        private readonly TimeSpan _pollInterval;

        public NaiveClient(Uri root, string apiKey, TimeSpan pollInterval)
        {
            _http = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromMinutes(10) };
            // Set once for every request, downloads included, as a quick script does.
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            _pollInterval = pollInterval;
        }

        public long Requests { get; private set; }
        public long Received429 { get; private set; }
        public int Saved { get; private set; }
        public int Failed { get; private set; }

        public async Task<TimeSpan> RunAsync(IEnumerable<Row> rows, string directory, CancellationToken ct)
        {
            var clock = Stopwatch.StartNew();
            foreach (Row row in rows)
            {
                string jobUid;
                using (JsonDocument submitted = await SendJsonAsync(() =>
                       {
                           var post = new HttpRequestMessage(HttpMethod.Post, "v1/videos/generate") { Content = new ByteArrayContent(row.ToJson()) };
                           post.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                           post.Headers.Add("X-Idempotency-Key", Guid.NewGuid().ToString());
                           return post;
                       }, ct))
                    jobUid = submitted.RootElement.GetProperty("data").GetProperty("job_uid").GetString()!;

                string? videoUrl = null;
                while (true)
                {
                    await Task.Delay(_pollInterval, ct);
                    using JsonDocument job = await SendJsonAsync(() => new HttpRequestMessage(HttpMethod.Get, "v1/jobs/" + jobUid), ct);
                    JsonElement data = job.RootElement.GetProperty("data");
                    string? status = data.GetProperty("status").GetString();
                    if (status == "completed")
                    {
                        videoUrl = data.GetProperty("result").GetProperty("video_url").GetString();
                        break;
                    }
                    if (status == "failed" || status == "cancelled") break;
                }

                if (videoUrl == null)
                {
                    Failed++;
                    continue;
                }

                using HttpResponseMessage video = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, videoUrl), HttpCompletionOption.ResponseHeadersRead, ct);
                video.EnsureSuccessStatusCode();
                await using (var file = new FileStream(Path.Combine(directory, jobUid + ".mp4"), FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                    await video.Content.CopyToAsync(file, ct);
                Saved++;
            }

            return clock.Elapsed;
        }

        public void Dispose() => _http.Dispose();

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
