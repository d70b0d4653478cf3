using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Downloads;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Resilience;
using SmartlyQ.Video.Core.Validation;

namespace SmartlyQ.Video.Core.Transport
{
    internal sealed partial class HttpTransport
    {
        /// <summary>
        /// GET of <paramref name="videoUrl"/> (a finished video), streamed into <paramref name="destination"/> in
        /// 81,920-byte chunks (memory use does not grow with the file); <paramref name="progress"/> receives the
        /// cumulative bytes of the file so far. Returns the length of the file in the destination.
        /// <para>
        /// The credential is sent only when <paramref name="sendCredential"/> is true and the URL has the base URI's
        /// scheme, host and port (CDN hosts never see it); such a download spends the key's rate limit, so each of its
        /// attempts and resumes waits for the pacer. A URL elsewhere is not paced.
        /// 408, 429, 5xx, network errors and a missing answer within <see cref="TransportOptions.AttemptTimeout"/>
        /// are retried. When the body breaks off (connection reset, no bytes for
        /// <see cref="TransportOptions.AttemptTimeout"/>, or fewer bytes than announced) the download resumes with
        /// <c>Range: bytes=&lt;written&gt;-</c> (and <c>If-Range</c> with the strong ETag, else the Last-Modified, the server
        /// sent) and appends the 206 answer, at most <see cref="TransportOptions.MaxRetries"/> times per download. A server
        /// that answers the Range request with 200 and the whole file is followed from byte 0: a seekable destination is
        /// truncated back to where it started; a non-seekable one gives <see cref="IOException"/>.
        /// </para>
        /// <para>
        /// With <paramref name="resume"/> the destination may already hold the first <see cref="DownloadResume.Offset"/>
        /// bytes of the file (a temporary file an earlier run left), ending at its position. The first request then asks
        /// for <c>Range: bytes=&lt;offset&gt;-</c> with <c>If-Range</c> (the recorded strong ETag, else its Last-Modified).
        /// The kept bytes are continued only when the answer is 206 from exactly that offset with the recorded ETag,
        /// Last-Modified and total length (or a 416 saying the file is exactly that long: it was already complete).
        /// Otherwise, a 200, or bytes kept beyond the recorded length, the destination is truncated back to where the file
        /// starts and the download starts over from byte 0 (counted in <see cref="ClientStatistics.DownloadRestarts"/>).
        /// <paramref name="resume"/>'s <see cref="DownloadResume.WholeFileStarted"/> hears every whole-file answer's
        /// validator before its first byte is written, and <see cref="DownloadResume.KeptBytes"/> tells afterwards how
        /// many bytes were kept. An offset above 0 needs a seekable destination positioned at or after it.
        /// </para>
        /// <para>
        /// The final length is checked against <c>Content-Length</c> (or <c>Content-Range</c>'s total):
        /// <see cref="IOException"/> naming expected and received bytes when the resumes run out, or when
        /// <see cref="TransportOptions.DownloadTotalTimeout"/> (none by default) passes. A non-2xx answer gives the
        /// provider's <see cref="VideoApiException"/>; the caller's cancellation gives <see cref="OperationCanceledException"/>
        /// at once. The destination keeps what was written; the caller decides whether to delete it. A URL that is not
        /// absolute http(s) or whose text holds a control character or line break, or a destination that cannot take the
        /// kept bytes, gives <see cref="ArgumentException"/> and nothing is sent.
        /// </para>
        /// </summary>
        public async Task<long> DownloadAsync(Uri videoUrl, bool sendCredential, Stream destination, DownloadResume? resume, IProgress<long>? progress, CancellationToken cancellationToken)
        {
            if (videoUrl == null) throw new ArgumentNullException(nameof(videoUrl));
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            if (!videoUrl.IsAbsoluteUri || videoUrl.Scheme != Uri.UriSchemeHttps && videoUrl.Scheme != Uri.UriSchemeHttp)
                throw new ArgumentException("The video URL must be an absolute http(s) URL.", nameof(videoUrl));
            if (UnsafeCharacters.IndexOf(videoUrl.OriginalString) >= 0)
                throw new ArgumentException("The video URL '" + UnsafeCharacters.Show(ApiUris.WithoutQuery(videoUrl)) + "' contains a control character or line break.", nameof(videoUrl));
            if (!destination.CanWrite) throw new ArgumentException("The destination stream is not writable.", nameof(destination));
            long offset = resume?.Offset ?? 0;
            if (offset > 0 && (!destination.CanSeek || destination.Position < offset))
                throw new ArgumentException("Continuing after " + offset.ToString(CultureInfo.InvariantCulture) + " kept bytes needs a seekable destination positioned after them.", nameof(destination));
            ThrowIfDisposed();
            cancellationToken.ThrowIfCancellationRequested();

            bool sendKey = sendCredential && ApiUris.SameOrigin(videoUrl, _apiRoot);

            // A request with the key may spend the key's rate limit (the sandbox counts its /files too); a CDN's cannot.
            RequestPriority priority = sendKey ? RequestPriority.Normal : RequestPriority.Unpaced;
            string operation = "GET " + ApiUris.WithoutQuery(videoUrl);
            long start = destination.CanSeek ? destination.Position - offset : 0;
            var buffer = new byte[DownloadBufferSize];
            long written = offset;
            DownloadValidator? recorded = offset > 0 ? resume!.Validator : null;
            long? expected = recorded?.Length;
            string expectedFrom = "length recorded with the kept bytes";
            EntityTagHeaderValue? etag = recorded?.ETag != null && EntityTagHeaderValue.TryParse(recorded.ETag, out EntityTagHeaderValue? parsed) ? parsed : null;
            DateTimeOffset? lastModified = recorded?.LastModified;

            // The first answer to a continued download must confirm the kept bytes belong to the same file.
            bool confirming = offset > 0;
            int resumes = 0;

            void StartOver(string why)
            {
                destination.SetLength(start);
                destination.Position = start;
                written = 0;
                expected = null;
                etag = null;
                lastModified = null;
                confirming = false;
                progress?.Report(0);
                Statistics.AddDownloadRestart();
                _log?.Invoke(string.Format(CultureInfo.InvariantCulture, "Restart of {0} from byte 0: {1}", operation, why));
            }

            void WholeFileStarted(HttpResponseMessage response)
            {
                (expected, expectedFrom) = Announced(response);
                etag = StrongETag(response);
                lastModified = response.Content.Headers.LastModified;
                resume?.WholeFileStarted?.Invoke(new DownloadValidator(expected, etag?.ToString(), lastModified));
            }

            if (confirming && expected.HasValue && offset > expected.Value)
                StartOver(string.Format(CultureInfo.InvariantCulture, "{0} bytes were kept but the file has only {1}", offset, expected.Value));

            TimerCancellation? deadline = TransportOptionsValidation.IsLimited(_downloadTotalTimeout)
                ? TimerCancellation.Start(_timeProvider, cancellationToken, _downloadTotalTimeout)
                : null;
            CancellationToken token = deadline?.Token ?? cancellationToken;
            try
            {
                while (true)
                {
                    long? from = written > 0 ? written : (long?)null;
                    RangeConditionHeaderValue? ifRange = etag != null ? new RangeConditionHeaderValue(etag)
                        : lastModified.HasValue ? new RangeConditionHeaderValue(lastModified.Value) : null;
                    HttpResponseMessage response = await ExecuteAsync(_downloadPipeline, operation, priority, ReplayRule.Safe,
                        attemptToken => SendDownloadAsync(videoUrl, sendKey, from, ifRange, attemptToken), token).ConfigureAwait(false);

                    Exception? broke = null;
                    RetryCause cause = RetryCause.NetworkError;
                    using (response)
                    {
                        // A 200 is the whole file: it is followed from byte 0 below. Errors are thrown below.
                        if (confirming && (response.StatusCode == HttpStatusCode.PartialContent || (int)response.StatusCode == 416))
                        {
                            string? changed = KeptBytesMismatch(response, from!.Value, recorded);
                            if (changed != null)
                            {
                                StartOver(changed);
                                continue;
                            }

                            resume!.KeptBytes = offset;
                            _log?.Invoke(string.Format(CultureInfo.InvariantCulture, "Continuing {0} after {1} bytes kept from an earlier attempt{2}",
                                operation, offset, expected.HasValue ? " of " + expected.Value.ToString(CultureInfo.InvariantCulture) : ""));
                        }

                        confirming = false;

                        if (from.HasValue && (int)response.StatusCode == 416)
                        {
                            // "Range Not Satisfiable" to bytes=N-: the server says the file has no byte N. When its
                            // Content-Range total equals what was received, the earlier Content-Length overstated the size
                            // (or an earlier run had received the whole file).
                            long? actual = response.Content.Headers.ContentRange?.Length;
                            if (actual == from.Value)
                            {
                                _log?.Invoke(string.Format(CultureInfo.InvariantCulture,
                                    "Download of {0} is complete at {1} bytes: the server's Content-Range total says so, although {2} bytes were announced",
                                    operation, from.Value, expected?.ToString(CultureInfo.InvariantCulture) ?? "more"));
                                return written;
                            }

                            throw new IOException(string.Format(CultureInfo.InvariantCulture,
                                "Download of {0} is incomplete: expected {1} bytes ({2}) but received {3} bytes, and the server refused to send the rest (416 Range Not Satisfiable{4}).",
                                operation, expected?.ToString(CultureInfo.InvariantCulture) ?? "more", expectedFrom, written,
                                actual.HasValue ? "; it now reports " + actual.Value.ToString(CultureInfo.InvariantCulture) + " bytes" : ""));
                        }

                        if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, operation).ConfigureAwait(false);

                        if (from.HasValue && response.StatusCode == HttpStatusCode.PartialContent)
                        {
                            ContentRangeHeaderValue? range = response.Content.Headers.ContentRange;
                            if (range == null || range.From != from.Value || range.HasLength && expected.HasValue && range.Length != expected.Value)
                                throw new IOException(string.Format(CultureInfo.InvariantCulture,
                                    "Download of {0} cannot resume: asked for bytes {1}-{2} but the server answered 206 with Content-Range '{3}'.",
                                    operation, from.Value, expected.HasValue ? (expected.Value - 1).ToString(CultureInfo.InvariantCulture) : "",
                                    range?.ToString() ?? "(none)"));
                            if (range.HasLength)
                            {
                                expected = range.Length;
                                expectedFrom = "Content-Range";
                            }
                        }
                        else if (from.HasValue)
                        {
                            // The server ignored Range (or If-Range said the file changed): the body is the whole file.
                            if (response.StatusCode != HttpStatusCode.OK)
                                throw new IOException(string.Format(CultureInfo.InvariantCulture,
                                    "Download of {0} cannot resume at byte {1}: the server answered {2} {3} instead of 206 Partial Content.",
                                    operation, from.Value, (int)response.StatusCode, response.StatusCode));
                            if (!destination.CanSeek)
                                throw new IOException(string.Format(CultureInfo.InvariantCulture,
                                    "Download of {0} cannot resume at byte {1}: the server ignored the Range request and sent the whole file again (200), " +
                                    "and the destination stream cannot seek back to start over. {1} bytes were written; download to a file or another seekable stream.",
                                    operation, from.Value));
                            StartOver(string.Format(CultureInfo.InvariantCulture,
                                "the server answered 200 with the whole file instead of the bytes from {0} on", from.Value));
                            WholeFileStarted(response);
                        }
                        else
                        {
                            WholeFileStarted(response);
                        }

                        using (var stall = new TimerCancellation(_timeProvider, token))

                        // Streams that ignore the read's token (.NET Framework's) are stopped by closing the answer.
                        using (stall.Token.Register(state => ((HttpResponseMessage)state!).Dispose(), response))
                        {
                            Stream? body = null;
                            while (true)
                            {
                                int read;
                                stall.Arm(_attemptTimeout);
                                try
                                {
                                    body ??= await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                                    read = await body.ReadAsync(buffer, 0, buffer.Length, stall.Token).ConfigureAwait(false);
                                }
                                catch (Exception ex) when (BodyBrokeOff(ex, stall, token, out cause))
                                {
                                    broke = ex;
                                    break;
                                }
                                catch (Exception ex) when (token.IsCancellationRequested && !(ex is OperationCanceledException))
                                {
                                    // The answer was closed under the read because the caller (or the deadline) cancelled.
                                    throw new OperationCanceledException(ex.Message, ex, token);
                                }
                                finally
                                {
                                    stall.Disarm();
                                }

                                if (read == 0) break;
                                if (expected.HasValue && written + read > expected.Value)
                                    throw new IOException(string.Format(CultureInfo.InvariantCulture,
                                        "Download of {0} is longer than announced: expected {1} bytes ({2}) but received at least {3} bytes.",
                                        operation, expected.Value, expectedFrom, written + read));

                                // Writes follow the caller's token only: a slow disk is not a stalled server.
                                await destination.WriteAsync(buffer, 0, read, token).ConfigureAwait(false);
                                written += read;
                                progress?.Report(written);
                            }
                        }

                        if (broke == null && (!expected.HasValue || written == expected.Value)) return written;
                    }

                    string why = broke == null ? "the body ended early" : DescribeBreak(broke, cause);
                    if (resumes >= _maxRetries) throw Incomplete(operation, written, expected, expectedFrom, resumes, why, broke);

                    resumes++;
                    Statistics.AddRetry(cause);
                    if (written > 0) Statistics.AddDownloadResume();
                    TimeSpan delay = ResumeDelay(resumes);
                    _log?.Invoke(written > 0
                        ? string.Format(CultureInfo.InvariantCulture, "Resume {0}/{1} of {2} at byte {3}{4} after {5}; waiting {6:0.0} s",
                            resumes, _maxRetries, operation, written, expected.HasValue ? " of " + expected.Value.ToString(CultureInfo.InvariantCulture) : "", why, delay.TotalSeconds)
                        : string.Format(CultureInfo.InvariantCulture, "Retry {0}/{1} of {2} after {3}; waiting {4:0.0} s",
                            resumes, _maxRetries, operation, why, delay.TotalSeconds));
                    if (delay > TimeSpan.Zero) await _timeProvider.Delay(delay, token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException ex) when (deadline != null && deadline.Fired && !cancellationToken.IsCancellationRequested)
            {
                string text = Redact(string.Format(CultureInfo.InvariantCulture,
                    "Download of {0} timed out: not complete within {1} (DownloadTotalTimeout); received {2} bytes{3}.",
                    operation, TransientFailure.Seconds(_downloadTotalTimeout), written,
                    expected.HasValue ? " of " + expected.Value.ToString(CultureInfo.InvariantCulture) : ""));
                throw new IOException(text, new TimeoutException(text, ex));
            }
            catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested && ex.CancellationToken != cancellationToken)
            {
                throw new OperationCanceledException(ex.Message, ex, cancellationToken);
            }
            finally
            {
                deadline?.Dispose();
            }
        }

        private async Task<HttpResponseMessage> SendDownloadAsync(Uri videoUrl, bool sendKey, long? from, RangeConditionHeaderValue? ifRange, CancellationToken token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, videoUrl);
            if (sendKey) _credential.Apply(request);
            if (from.HasValue)
            {
                request.Headers.Range = new RangeHeaderValue(from.Value, null);
                if (ifRange != null) request.Headers.IfRange = ifRange;
            }
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
        }

        /// <summary>
        /// True (with the cause) when a body read failed in a way a Range request can repair: the stall timer ran out,
        /// or the connection failed. False for the caller's cancellation or the download deadline.
        /// </summary>
        private static bool BodyBrokeOff(Exception ex, TimerCancellation stall, CancellationToken token, out RetryCause cause)
        {
            cause = RetryCause.NetworkError;
            if (token.IsCancellationRequested) return false;
            if (stall.Fired)
            {
                // However the stream reports it (cancelled, disposed, I/O error), the stall timer stopped it.
                cause = RetryCause.AttemptTimeout;
                return true;
            }
            switch (ex)
            {
                case IOException _:
                case HttpRequestException _:
                    return true;
                case OperationCanceledException _:
                    cause = RetryCause.AttemptTimeout;
                    return true;
                default:
                    return false;
            }
        }

        private string DescribeBreak(Exception broke, RetryCause cause)
            => cause == RetryCause.AttemptTimeout && !(broke is IOException)
                ? "no bytes for " + TransientFailure.Seconds(_attemptTimeout) + " (AttemptTimeout)"
                : TransientFailure.WithCause(broke);

        /// <summary>Exponential from <see cref="TransportOptions.RetryBaseDelay"/>, capped at <see cref="TransportOptions.MaxRetryDelay"/>.</summary>
        private TimeSpan ResumeDelay(int resume)
        {
            double ticks = _retryBaseDelay.Ticks * Math.Pow(2, Math.Min(resume - 1, 30));
            return ticks >= _maxRetryDelay.Ticks ? _maxRetryDelay : TimeSpan.FromTicks((long)ticks);
        }

        private IOException Incomplete(string operation, long written, long? expected, string expectedFrom, int resumes, string why, Exception? broke)
        {
            string budget = resumes == 0
                ? "no resume allowed (MaxRetries is 0)"
                : "gave up after " + resumes.ToString(CultureInfo.InvariantCulture) + (resumes == 1 ? " resume" : " resumes");
            string text = expected.HasValue
                ? string.Format(CultureInfo.InvariantCulture, "Download of {0} is incomplete: expected {1} bytes ({2}) but received {3} bytes; {4}, last after {5}.",
                    operation, expected.Value, expectedFrom, written, budget, why)
                : string.Format(CultureInfo.InvariantCulture, "Download of {0} broke off after {1} bytes (size not announced); {2}, last after {3}.",
                    operation, written, budget, why);
            return new IOException(Redact(ApiUris.StripQueries(text)), broke != null && !Leaks(broke) ? broke : null);
        }

        /// <summary>The full file's size as the answer announces it: Content-Range's total for a 206, else Content-Length.</summary>
        private static (long? Length, string Source) Announced(HttpResponseMessage response)
        {
            ContentRangeHeaderValue? range = response.Content.Headers.ContentRange;
            if (response.StatusCode == HttpStatusCode.PartialContent && range != null && range.HasLength && (range.From ?? 0) == 0)
                return (range.Length, "Content-Range");
            return (response.Content.Headers.ContentLength, "Content-Length");
        }

        /// <summary>
        /// Null when the first answer (206 or 416) to a continued download confirms the kept bytes: a 206 from exactly
        /// <paramref name="from"/>, or a 416 saying the file is exactly that long, with the recorded ETag, Last-Modified
        /// and length. Otherwise why the download must start over.
        /// </summary>
        private static string? KeptBytesMismatch(HttpResponseMessage response, long from, DownloadValidator? recorded)
        {
            int status = (int)response.StatusCode;
            ContentRangeHeaderValue? range = response.Content.Headers.ContentRange;
            if (status == 206 && (range == null || range.From != from))
                return "the server answered 206 with Content-Range '" + (range?.ToString() ?? "(none)") + "' to bytes=" + from.ToString(CultureInfo.InvariantCulture) + "-";
            if (status == 416 && range?.Length != from)
                return "the server has no byte " + from.ToString(CultureInfo.InvariantCulture) + " of the file (416" +
                    (range?.Length != null ? "; it reports " + range.Length.Value.ToString(CultureInfo.InvariantCulture) + " bytes" : "") + ")";
            if (recorded == null) return null;

            EntityTagHeaderValue? tag = StrongETag(response);
            if (recorded.ETag != null && tag != null && tag.ToString() != recorded.ETag)
                return "the file's ETag changed from " + recorded.ETag + " to " + tag;
            if (recorded.ETag != null && tag == null && status == 206)
                return "the server no longer sends the ETag " + recorded.ETag + " the kept bytes came with";
            DateTimeOffset? modified = response.Content.Headers.LastModified;
            if (recorded.LastModified.HasValue && modified.HasValue && modified.Value != recorded.LastModified.Value)
                return "the file's Last-Modified changed";
            if (recorded.ETag == null && recorded.LastModified.HasValue && !modified.HasValue && status == 206)
                return "the server no longer sends the Last-Modified the kept bytes came with";
            if (recorded.Length.HasValue && range?.Length != null && range.Length.Value != recorded.Length.Value)
                return "the file is now " + range.Length.Value.ToString(CultureInfo.InvariantCulture) + " bytes, not " + recorded.Length.Value.ToString(CultureInfo.InvariantCulture);
            return null;
        }

        private static EntityTagHeaderValue? StrongETag(HttpResponseMessage response)
        {
            EntityTagHeaderValue? tag = response.Headers.ETag;
            return tag != null && !tag.IsWeak ? tag : null;
        }
    }
}
