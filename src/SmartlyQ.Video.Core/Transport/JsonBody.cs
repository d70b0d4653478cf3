using System;
using System.Net.Http;
using System.Net.Http.Headers;

namespace SmartlyQ.Video.Core.Transport
{
    /// <summary>A UTF-8 JSON body (<c>Content-Type: application/json</c>), serialised once and sent from the same bytes on every attempt.</summary>
    internal sealed class JsonBody : TransportBody
    {
        private readonly byte[] _utf8;

        public JsonBody(byte[] utf8) => _utf8 = utf8 ?? throw new ArgumentNullException(nameof(utf8));

        /// <inheritdoc />
        public override HttpContent CreateContent()
        {
            var content = new ByteArrayContent(_utf8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return content;
        }
    }
}
