namespace SmartlyQ.Video.Core.Providers.OpenAI
{
    /// <summary>
    /// The JSON body of <c>POST /videos</c> (openai-videos-openapi.yaml <c>CreateVideoRequest</c>): <c>seconds</c> is a
    /// string (<c>"8"</c>; an integer is a 400), <c>size</c> is <c>WxH</c>; null fields are left out.
    /// </summary>
    internal sealed class OpenAICreateRequestDto
    {
        public string? Model { get; set; }
        public string? Prompt { get; set; }
        public string? Seconds { get; set; }
        public string? Size { get; set; }
        public OpenAIImageReferenceDto? InputReference { get; set; }
    }

    /// <summary><c>input_reference</c> as JSON: <c>{"image_url": "https://…"}</c> (a file goes as multipart instead).</summary>
    internal sealed class OpenAIImageReferenceDto
    {
        public string? ImageUrl { get; set; }
    }
}
