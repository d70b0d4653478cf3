using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SmartlyQ.Video.Tests.Hygiene
{
    /// <summary>A minimal HTTP/1.1 answer with Content-Length (the connection stays open).</summary>
    public sealed class RawResponse
    {
        public RawResponse(int status, string reason, string contentType, byte[] body, params (string Name, string Value)[] headers)
        {
            Status = status;
            Reason = reason;
            ContentType = contentType;
            Body = body;
            ExtraHeaders = headers;
        }

        public int Status { get; }
        public string Reason { get; }
        public string ContentType { get; }
        public byte[] Body { get; }
        public IReadOnlyList<(string Name, string Value)> ExtraHeaders { get; }

        public static RawResponse Json(int status, string reason, string json, params (string Name, string Value)[] headers)
            => new RawResponse(status, reason, "application/json; charset=utf-8", Encoding.UTF8.GetBytes(json), headers);

        public static RawResponse Text(int status, string reason, string text)
            => new RawResponse(status, reason, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text));

        public byte[] ToBytes()
        {
            var head = new StringBuilder();
            head.Append("HTTP/1.1 ").Append(Status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Reason).Append("\r\n");
            head.Append("Content-Type: ").Append(ContentType).Append("\r\n");
            head.Append("Content-Length: ").Append(Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            foreach ((string name, string value) in ExtraHeaders) head.Append(name).Append(": ").Append(value).Append("\r\n");
            head.Append("\r\n");
            return Encoding.ASCII.GetBytes(head.ToString()).Concat(Body).ToArray();
        }
    }
}
