using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Validation;
using Xunit;
using Xunit.Abstractions;

namespace SmartlyQ.Video.Tests.Hygiene
{
    /// <summary>
    /// The injection corpus (<see cref="WireCorpus"/>) through the cmdlets' operations and the real HTTP stack into a
    /// raw socket: every request that reached the wire is checked byte by byte.
    /// </summary>
    public sealed class WireCorpusTests
    {
        /// <summary>The headers the module sends; any other header line on the wire is an injected one.</summary>
        private static readonly string[] ExpectedHeaders =
            { "Host", "Accept", "Authorization", "User-Agent", "X-Idempotency-Key", "Content-Type", "Content-Length", "Range", "If-Range" };

        /// <summary>The request lines the module sends (uids must also be ones the API issued).</summary>
        private static readonly Regex[] ExpectedLines =
        {
            new Regex("^GET /v1/me HTTP/1\\.1$"),
            new Regex("^GET /v1/videos/models HTTP/1\\.1$"),
            new Regex("^POST /v1/videos/generate HTTP/1\\.1$"),
            new Regex("^GET /v1/jobs/(?<uid>job_[0-9a-f]{12}) HTTP/1\\.1$"),
            new Regex("^POST /v1/jobs/(?<uid>job_[0-9a-f]{12})/cancel HTTP/1\\.1$"),
            new Regex("^GET /files/(?<uid>job_[0-9a-f]{12})\\.mp4 HTTP/1\\.1$"),
        };

        private readonly ITestOutputHelper _output;

        public WireCorpusTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task Injection_corpus_puts_no_extra_header_or_request_on_the_wire_and_refused_inputs_send_nothing()
        {
            using WireContext context = await WireContext.StartAsync();
            IReadOnlyList<WireCase> corpus = WireCorpus.All();
            var problems = new List<string>();
            int expectedRequests = context.Server.Requests.Count;
            int refused = 0;

            foreach (WireCase input in corpus)
            {
                int before = context.Server.Requests.Count;
                WireOutcome outcome = await input.Run(context);
                RawRequest[] sent = context.Server.Requests.Skip(before).ToArray();
                expectedRequests += input.Requests;

                if (sent.Length != input.Requests)
                    problems.Add(input + ": " + sent.Length + " request(s) on the wire, expected " + input.Requests + " [" + string.Join("; ", sent.Select(r => r.RequestLine)) + "]");
                if (outcome.Written != input.Written)
                    problems.Add(input + ": " + outcome.Written + " object(s) written, expected " + input.Written + " (the valid row or job next to it must go on)");
                if (input.Refused)
                {
                    refused++;
                    CheckRefusal(input, outcome, problems);
                }
                else
                {
                    if (outcome.Thrown != null || outcome.Errors.Count > 0)
                        problems.Add(input + ": refused although harmless: " + (outcome.Thrown?.Message ?? outcome.Errors[0].Exception.Message));
                    else if (sent.Length > 0 && input.Check?.Invoke(sent) is string wrong)
                        problems.Add(input + ": " + wrong);
                }
            }

            RawRequest[] all = context.Server.Requests.ToArray();
            int injected = CheckWire(all, context, problems);
            problems.AddRange(context.Server.Faults.Select(f => "server: " + f));

            _output.WriteLine("inputs tried: " + corpus.Count + " (" + refused + " refused, " + (corpus.Count - refused) + " harmless and sent)");
            foreach (IGrouping<string, WireCase> field in corpus.GroupBy(c => c.Field))
                _output.WriteLine("  " + field.Key + ": " + field.Count());
            _output.WriteLine("requests captured: " + all.Length + " (expected " + expectedRequests + ")");
            _output.WriteLine("headers injected: " + injected);
            foreach (string problem in problems) _output.WriteLine("PROBLEM " + problem);

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Take(40)));
            Assert.Equal(0, injected);
            Assert.Equal(expectedRequests, all.Length);
            Assert.True(corpus.Count >= 150, "corpus of " + corpus.Count);
        }

        /// <summary>One error, naming the field, in the category a user filters on; its message shows no raw control character (or key).</summary>
        private static void CheckRefusal(WireCase input, WireOutcome outcome, List<string> problems)
        {
            int count = outcome.Errors.Count + (outcome.Thrown != null ? 1 : 0);
            if (count != 1)
            {
                problems.Add(input + ": " + count + " errors, expected exactly one");
                return;
            }

            Exception exception;
            string? id;
            ErrorKind? category;
            switch (outcome.Thrown)
            {
                case null:
                    exception = outcome.Errors[0].Exception;
                    id = outcome.Errors[0].ErrorId;
                    category = outcome.Errors[0].Category;
                    break;
                case OperationTerminatedException terminated:
                    exception = terminated.Error.Exception;
                    id = terminated.Error.ErrorId;
                    category = terminated.Error.Category;
                    break;
                case UriFormatException uri when input.Field == "BaseUri" || input.Field == "video_url":
                    // PowerShell's [Uri] conversion refuses it during parameter binding: nothing is sent either.
                    return;
                default:
                    exception = outcome.Thrown;
                    id = null;
                    category = null;
                    break;
            }

            string? param = (exception as ArgumentException)?.ParamName;
            if (param != input.Names && id != input.Names)
                problems.Add(input + ": error id '" + id + "', parameter '" + param + "', expected " + input.Names + " (" + exception.Message + ")");
            ErrorKind wanted = input.Field == "video_url" ? ErrorKind.InvalidResult : ErrorKind.InvalidArgument;
            if (category != null && category != wanted)
                problems.Add(input + ": category " + category + ", expected " + wanted);
            string mention = input.Field == "video_url" ? "video URL" : input.Field;
            if (!exception.Message.Contains(mention, StringComparison.Ordinal))
                problems.Add(input + ": message does not name " + mention + ": " + exception.Message);
            if (UnsafeCharacters.IndexOf(exception.Message) >= 0)
                problems.Add(input + ": message carries a raw control character: " + UnsafeCharacters.Show(exception.Message, 200));
            if (input.Field == "ApiKey" && exception.Message.Contains("wire", StringComparison.Ordinal))
                problems.Add(input + ": message echoes the key");
        }

        /// <summary>Checks every captured request; returns the number of header lines the module does not send.</summary>
        private static int CheckWire(IReadOnlyList<RawRequest> requests, WireContext context, List<string> problems)
        {
            int injected = 0;
            foreach (RawRequest request in requests)
            {
                string line = UnsafeCharacters.Show(request.RequestLine, 120);
                foreach ((string name, string _) in request.Headers)
                {
                    if (ExpectedHeaders.Contains(name, StringComparer.OrdinalIgnoreCase)) continue;
                    injected++;
                    problems.Add("header line '" + UnsafeCharacters.Show(name, 60) + "' on " + line);
                }

                if (request.HasBareLineBreak) problems.Add("bare CR or LF in the head of " + line);
                if (request.HasControlBytesInHead) problems.Add("control byte in the head of " + line);
                Match? match = ExpectedLines.Select(r => r.Match(request.RequestLine)).FirstOrDefault(m => m.Success);
                if (match == null) problems.Add("unexpected request line " + line);
                else if (match.Groups["uid"].Success && !context.Api.Issued(match.Groups["uid"].Value)) problems.Add("uid the API never issued in " + line);
                if (request.Header("Host") != "127.0.0.1:" + context.Server.Port) problems.Add("Host '" + request.Header("Host") + "' on " + line);
                if (request.Header("Authorization") != "Bearer " + WireContext.Key) problems.Add("Authorization is not the connection's key on " + line);
                bool post = request.Method == "POST";
                if (post != (request.Header("X-Idempotency-Key") != null)) problems.Add("X-Idempotency-Key " + (post ? "missing on" : "on") + " " + line);
                if (request.Headers.Count(h => string.Equals(h.Name, "X-Idempotency-Key", StringComparison.OrdinalIgnoreCase)) > 1) problems.Add("two idempotency keys on " + line);
            }

            return injected;
        }
    }
}
