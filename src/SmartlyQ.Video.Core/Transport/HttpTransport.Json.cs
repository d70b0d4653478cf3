using System;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Providers;

namespace SmartlyQ.Video.Core.Transport
{
    internal sealed partial class HttpTransport
    {
        /// <summary>
        /// Sends <paramref name="request"/> (as <see cref="SendAsync"/>) and reads its 2xx body as <typeparamref name="T"/>:
        /// null for an empty body; a body that is not that JSON gives the exception <paramref name="invalidResponse"/>
        /// makes of (answer, operation, problem) — the provider's <c>INVALID_RESPONSE</c>.
        /// </summary>
        public async Task<(T? Dto, TransportResponse Response)> SendJsonAsync<T>(TransportRequest request, JsonTypeInfo<T> typeInfo,
            Func<TransportResponse, string, string, VideoApiException> invalidResponse, CancellationToken cancellationToken)
            where T : class
        {
            TransportResponse response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            ReadOnlySpan<byte> json = response.TrimmedBody();
            if (json.Length == 0) return (null, response);
            try
            {
                return (JsonSerializer.Deserialize(json, typeInfo), response);
            }
            catch (JsonException ex)
            {
                throw invalidResponse(response, request.Operation, "its body is not the documented JSON (" + ex.Message + ")");
            }
        }
    }
}
