namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// Chaos route names (keys of <see cref="ChaosOptions.Routes"/>) of the OpenAI emulator. Its routes also belong to
    /// the shared groups: create and remix to <c>generate</c>, list/retrieve/delete to <c>jobs</c>, content to <c>files</c>.
    /// </summary>
    public static class OpenAIRouteNames
    {
        /// <summary><c>POST /openai/v1/videos</c>.</summary>
        public const string Create = "POST /openai/v1/videos";

        /// <summary><c>POST /openai/v1/videos/{video_id}/remix</c>.</summary>
        public const string Remix = "POST /openai/v1/videos/{video_id}/remix";

        /// <summary><c>GET /openai/v1/videos</c>.</summary>
        public const string List = "GET /openai/v1/videos";

        /// <summary><c>GET /openai/v1/videos/{video_id}</c>.</summary>
        public const string Retrieve = "GET /openai/v1/videos/{video_id}";

        /// <summary><c>DELETE /openai/v1/videos/{video_id}</c>.</summary>
        public const string Delete = "DELETE /openai/v1/videos/{video_id}";

        /// <summary><c>GET /openai/v1/videos/{video_id}/content</c> (body faults apply to it).</summary>
        public const string Content = "GET /openai/v1/videos/{video_id}/content";
    }
}
