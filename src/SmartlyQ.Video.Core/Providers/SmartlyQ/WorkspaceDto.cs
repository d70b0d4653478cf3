using System.Text.Json.Serialization;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>Wire workspace of <c>GET /me</c>: <c>{"id":42,"name":"Default"}</c>.</summary>
    internal sealed class WorkspaceDto
    {
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Id { get; set; }

        [JsonConverter(typeof(LenientStringConverter))]
        public string? Name { get; set; }
    }
}
