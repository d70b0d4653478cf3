using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;

namespace SmartlyQ.Video.Core.Tests.Support
{
    /// <summary>Builds the HTTP answers the fake API gives.</summary>
    internal static class Answers
    {
        public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
            return response;
        }

        public static HttpResponseMessage Ok(string json, params (string Name, string Value)[] headers) => Json(HttpStatusCode.OK, json, headers);

        public static HttpResponseMessage Data(string dataJson) => Ok("{\"success\":true,\"data\":" + dataJson + ",\"meta\":{\"request_id\":\"req_ok\"}}");

        public static HttpResponseMessage Error(int status, string code, string message, params (string Name, string Value)[] headers)
            => Json((HttpStatusCode)status,
                "{\"success\":false,\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"details\":{}},\"meta\":{\"request_id\":\"req_err\"}}",
                headers);

        public static HttpResponseMessage Status(int status) => Json((HttpStatusCode)status, "{\"success\":false,\"error\":{\"code\":\"X\",\"message\":\"status " + status + "\"}}");

        public static HttpResponseMessage Bytes(byte[] body, long? contentLength = null)
        {
            var content = new StreamContent(new MemoryStream(body));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("video/mp4");
            content.Headers.ContentLength = contentLength ?? body.Length;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        }

        public static HttpResponseMessage Stream(Stream body, long? contentLength)
        {
            var content = new StreamContent(body);
            content.Headers.ContentLength = contentLength;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        }

        public static byte[] RandomBytes(int length, int seed = 7)
        {
            var bytes = new byte[length];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }

        /// <summary>A job answer with <paramref name="dataJson"/> as <c>data</c>.</summary>
        public static string JobBody(string dataJson) => "{\"success\":true,\"data\":" + dataJson + "}";
    }
}
