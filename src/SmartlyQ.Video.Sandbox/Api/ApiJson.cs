using System.Text.Encodings.Web;
using System.Text.Json;

namespace SmartlyQ.Video.Sandbox.Api
{
    /// <summary>Serializer settings for every JSON body the sandbox writes.</summary>
    internal static class ApiJson
    {
        // Relaxed escaping keeps messages readable ("model 'x'" instead of \u0027); bodies are never embedded in HTML.
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    }
}
