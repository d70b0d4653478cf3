using System.Net;
using BenchmarkDotNet.Attributes;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.SmartlyQ;

namespace SmartlyQ.Video.Bench.Micro
{
    /// <summary>
    /// The client's work per job, through public <see cref="SmartlyQClient"/> methods over <see cref="CannedHandler"/>:
    /// a submission (serialize the request, parse the 202), a poll (parse a completed job), a 422 (parse the error into
    /// <see cref="VideoApiException"/>), and the canned handler alone, which is included in the other three.
    /// </summary>
    [MemoryDiagnoser]
    public class ClientBenchmarks
    {
        public const string Submit = "Submit: serialize request, parse 202 (SubmitAsync)";
        public const string Poll = "Poll: parse completed job (GetJobAsync)";
        public const string Error = "Error: parse 422 into VideoApiException";
        public const string HandlerAlone = "Canned handler alone (included above)";

        private static readonly Uri BaseUri = new Uri("https://api.smartlyq.com/v1");
        private static readonly VideoRequest Request = new VideoRequest
        {
            Model = "kling-v2-1",
            Type = "text_to_video",
            Prompt = "A lone astronaut walks across a crimson desert at sunset, slow dolly, golden hour",
            Duration = 5,
            AspectRatio = "16:9",
            Mode = "Professional",
        };

        private CannedHandler _acceptedHandler = null!;
        private CannedHandler _jobHandler = null!;
        private CannedHandler _errorHandler = null!;
        private SmartlyQClient _submitClient = null!;
        private SmartlyQClient _jobClient = null!;
        private SmartlyQClient _errorClient = null!;
        private HttpMessageInvoker _handlerAlone = null!;

        [GlobalSetup]
        public void Setup()
        {
            _acceptedHandler = new CannedHandler(HttpStatusCode.Accepted, CannedJson.Accepted);
            _jobHandler = new CannedHandler(HttpStatusCode.OK, CannedJson.CompletedJob);
            _errorHandler = new CannedHandler((HttpStatusCode)422, CannedJson.ValidationError);
            _submitClient = Client(_acceptedHandler);
            _jobClient = Client(_jobHandler);
            _errorClient = Client(_errorHandler);
            _handlerAlone = new HttpMessageInvoker(new CannedHandler(HttpStatusCode.OK, CannedJson.CompletedJob), disposeHandler: true);

            // Fail here, not in the numbers, if a call does not do what it is meant to.
            if (SubmitJob().GetAwaiter().GetResult() != "job_5f2c8a91d3e4") throw new InvalidOperationException("canned submission not parsed");
            if (ParseJob().GetAwaiter().GetResult() != JobStatus.Succeeded) throw new InvalidOperationException("canned job not parsed");
            if (ParseError().GetAwaiter().GetResult() != "VALIDATION_ERROR") throw new InvalidOperationException("canned 422 not parsed");
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _submitClient.Dispose();
            _jobClient.Dispose();
            _errorClient.Dispose();
            _handlerAlone.Dispose();
            _acceptedHandler.Dispose();
            _jobHandler.Dispose();
            _errorHandler.Dispose();
        }

        [Benchmark(Description = Submit)]
        public async Task<string> SubmitJob() => (await _submitClient.SubmitAsync(Request, new SubmitOptions { IdempotencyKey = "bench-row-1" }, CancellationToken.None)).JobUid;

        [Benchmark(Description = Poll)]
        public async Task<JobStatus> ParseJob() => (await _jobClient.GetJobAsync("job_5f2c8a91d3e4", CancellationToken.None)).Status;

        [Benchmark(Description = Error)]
        public async Task<string?> ParseError()
        {
            try
            {
                await _errorClient.SubmitAsync(Request, new SubmitOptions { IdempotencyKey = "bench-row-2" }, CancellationToken.None);
                return null;
            }
            catch (VideoApiException ex)
            {
                return ex.ErrorCode;
            }
        }

        [Benchmark(Description = HandlerAlone)]
        public async Task<HttpStatusCode> Handler()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.smartlyq.com/v1/jobs/job_5f2c8a91d3e4");
            using HttpResponseMessage response = await _handlerAlone.SendAsync(request, CancellationToken.None);
            return response.StatusCode;
        }

        private static SmartlyQClient Client(HttpMessageHandler handler)
            => new SmartlyQClient(new SmartlyQClientOptions { ApiKey = ApiKey.FromPlainText("sqk_live_benchmark_000000000000000000"), BaseUri = BaseUri, Handler = handler });
    }
}
