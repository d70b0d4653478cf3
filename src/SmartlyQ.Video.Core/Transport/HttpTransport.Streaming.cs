using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Resilience;

namespace SmartlyQ.Video.Core.Transport
{
    internal sealed partial class HttpTransport
    {
        /// <summary>
        /// Sends <paramref name="request"/> like <see cref="SendAsync"/> (same retries, replay rule, timeouts to the
        /// headers, errors and <see cref="Providers.ApiErrorKind.Uncertain"/> for an unkeyed POST that may have arrived),
        /// but a 2xx answer's body is not read into memory: <paramref name="readBody"/> receives it as a stream, with the
        /// answer's status and headers (an empty <see cref="TransportResponse.Body"/>), and its result is returned. Each
        /// read of that stream that brings no byte within <see cref="TransportOptions.AttemptTimeout"/> fails with
        /// <see cref="IOException"/>; the caller's cancellation closes the answer and gives <see cref="OperationCanceledException"/>.
        /// Failures while the body is read are not retried (the request was answered): what they mean is the caller's call.
        /// An error answer's body (small) is read whole for the provider's error reader.
        /// </summary>
        public async Task<T> SendStreamingAsync<T>(TransportRequest request, Func<Stream, TransportResponse, CancellationToken, Task<T>> readBody, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (readBody == null) throw new ArgumentNullException(nameof(readBody));
            ThrowIfDisposed();
            Uri uri = request.Resolve(_apiRoot);
            string operation = request.Operation;

            HttpResponseMessage response = await ExecuteAsync(_pipeline, operation, request.Priority, request.Replay, async token =>
            {
                using var message = new HttpRequestMessage(request.Method, uri);
                message.Headers.Accept.Add(AcceptJson);
                _credential.Apply(message);
                foreach (KeyValuePair<string, string> header in request.Headers) message.Headers.Add(header.Key, header.Value);
                if (request.Body != null) message.Content = CreateContent(request.Body, operation);
                return await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);

            using (response)
            {
                if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, operation).ConfigureAwait(false);
                TransportResponse answer = TransportResponse.From(response, new byte[0], RetryAfterHeader.Read(response, _timeProvider));
                answer.RequestId = _errors.RequestId(answer);

                // Streams that ignore the read's token (.NET Framework's) are stopped by closing the answer.
                using (cancellationToken.Register(state => ((HttpResponseMessage)state!).Dispose(), response))
                {
                    Stream body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                    using var guarded = new StallGuardStream(body, _timeProvider, _attemptTimeout, operation);
                    try
                    {
                        return await readBody(guarded, answer, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (cancellationToken.IsCancellationRequested && !(ex is OperationCanceledException))
                    {
                        throw new OperationCanceledException(ex.Message, ex, cancellationToken);
                    }
                    catch (Exception ex) when ((ex is IOException || ex is HttpRequestException) && Leaks(ex))
                    {
                        throw Scrubbed(ex);
                    }
                }
            }
        }
    }
}
