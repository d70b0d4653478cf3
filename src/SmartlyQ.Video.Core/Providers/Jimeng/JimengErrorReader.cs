using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using SmartlyQ.Video.Core.Json;
using SmartlyQ.Video.Core.Providers.NewApi;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.Jimeng
{
    /// <summary>
    /// Every error body of the Jimeng route as one <see cref="VideoApiException"/> with the provider's code and message:
    /// <list type="bullet">
    /// <item>new-api's middleware and proxy envelope <c>{"error":{"message":"… (request id: X)","type","code"}}</c> (the
    /// converter's "Action query parameter is required", auth, limits, unknown routes): code = <c>error.code</c>, else
    /// <c>error.type</c>; the request-id suffix is cut;</item>
    /// <item>new-api's task envelope <c>{"code":"&lt;string&gt;","message","data":null}</c>: <c>task_not_exist</c>, a submit's
    /// upstream refusal (a 500 whose code is Volcengine's numeric code as text), <c>fail_to_fetch_task</c> (its message is
    /// the raw upstream body, whose own message is shown when it is JSON);</item>
    /// <item>Volcengine's envelope <c>{"code":&lt;number&gt;,"message","request_id"}</c> (10000 is success) and its gateway
    /// failures <c>{"ResponseMetadata":{"RequestId","Error":{"CodeN","Code","Message"}}}</c>.</item>
    /// </list>
    /// A bare 429 (empty body) is <see cref="ApiErrorKind.RateLimited"/>. The kind follows the HTTP status, refined by
    /// codes: <c>task_not_exist</c> and <c>not_found</c> → NotFound; <c>invalid_api_key</c> → Unauthorized;
    /// <c>insufficient_user_quota</c>/<c>insufficient_quota</c> → InsufficientBalance; <c>model_not_found</c> →
    /// ModelNotAvailable. The request id is <c>X-Oneapi-Request-Id</c>, else the body's. Text passes the credential's redaction.
    /// </summary>
    internal sealed class JimengErrorReader : GatewayErrorReader
    {
        /// <summary>Volcengine's success code.</summary>
        public const int SuccessCode = 10000;

        public JimengErrorReader(ApiCredential credential)
            : base(JimengProvider.Name, credential)
        {
        }

        /// <summary>
        /// The exception for an error <paramref name="root"/> in any of the envelopes, also one that came with a 2xx
        /// (Volcengine answers its refusals with HTTP 200 and a code other than 10000).
        /// </summary>
        internal override VideoApiException FromEnvelope(TransportResponse response, JsonElement root)
        {
            if (FromMiddleware(response, root) is VideoApiException middleware) return middleware;

            JsonElement? metadataError = LenientJson.Member(LenientJson.Member(root, "ResponseMetadata"), "Error");
            if (metadataError?.ValueKind == JsonValueKind.Object)
            {
                string? code = LenientJson.String(LenientJson.Member(metadataError, "Code")) ?? Code(LenientJson.Member(metadataError, "CodeN"));
                string? message = LenientJson.String(LenientJson.Member(metadataError, "Message"));
                string? id = LenientJson.String(LenientJson.Member(LenientJson.Member(root, "ResponseMetadata"), "RequestId"));
                return Create(response, code, message, null, id);
            }

            return FromTask(response, Code(LenientJson.Member(root, "code")), LenientJson.String(LenientJson.Member(root, "message")),
                LenientJson.String(LenientJson.Member(root, "request_id")));
        }

        /// <summary>
        /// Volcengine's <c>not_found</c> in a 200 GetResult answer: <see cref="ApiErrorKind.NotFound"/> with code
        /// <c>not_found</c>, as the gateway's <c>task_not_exist</c> is.
        /// </summary>
        public VideoApiException TaskNotFound(TransportResponse response, string taskId, string? requestId)
            => Create(response, "not_found", "Jimeng knows no task " + taskId + " (status not_found).", null, requestId);

        /// <summary>A code given as a string, or as a number (Volcengine's), as text.</summary>
        internal static string? Code(JsonElement? value)
        {
            if (value?.ValueKind == JsonValueKind.Number && value.Value.TryGetInt64(out long number)) return number.ToString(CultureInfo.InvariantCulture);
            return LenientJson.String(value);
        }

        /// <inheritdoc />
        protected override string? AdviceFor(ApiErrorKind kind)
        {
            switch (kind)
            {
                case ApiErrorKind.Unauthorized: return "Run Connect-SmartlyQ -Provider Jimeng -BaseUri https://your-gateway/ with a valid token from the new-api gateway's dashboard.";
                case ApiErrorKind.InsufficientBalance: return "Top up the token's or the user's quota on the gateway, then run the rows again.";
                default: return null;
            }
        }
    }
}
