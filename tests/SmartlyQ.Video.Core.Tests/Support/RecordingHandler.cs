using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SmartlyQ.Video.Core.Tests.Support
{
    /// <summary>Sits in front of the MockHttp handler and records every attempt, body included.</summary>
    internal sealed class RecordingHandler : DelegatingHandler
    {
        private readonly ConcurrentQueue<RecordedRequest> _requests = new ConcurrentQueue<RecordedRequest>();

        public RecordingHandler(HttpMessageHandler inner)
            : base(inner)
        {
        }

        public RecordedRequest[] Requests => _requests.ToArray();

        public bool WasDisposed { get; private set; }

        /// <summary>When set, answers instead of MockHttp, with the request's cancellation token (for hung servers).</summary>
        public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? Server { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string? body = request.Content == null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            _requests.Enqueue(RecordedRequest.From(request, body));
            if (Server != null) return await Server(request, cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            WasDisposed = true;
            base.Dispose(disposing);
        }
    }
}
