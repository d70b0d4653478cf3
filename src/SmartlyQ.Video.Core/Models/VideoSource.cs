using System;

namespace SmartlyQ.Video.Core.Models
{
    /// <summary>
    /// Where a <see cref="VideoModel"/>'s values come from: the API (<see cref="Api"/>, naming the endpoint) or a
    /// built-in catalog (<see cref="BuiltIn"/>, naming the document and its date), so a user can tell what to trust.
    /// </summary>
    public sealed class VideoSource
    {
        private VideoSource(VideoSourceKind kind, string reference)
        {
            Kind = kind;
            Reference = reference;
        }

        /// <summary>API or built-in catalog.</summary>
        public VideoSourceKind Kind { get; }

        /// <summary>The endpoint (e.g. <c>GET /videos/models</c>) or the document (e.g. <c>OpenAI video generation guide, 2026-12</c>).</summary>
        public string Reference { get; }

        /// <summary>Values read from the provider's <paramref name="endpoint"/>, e.g. <c>GET /videos/models</c>.</summary>
        public static VideoSource Api(string endpoint)
            => new VideoSource(VideoSourceKind.Api, string.IsNullOrWhiteSpace(endpoint) ? throw new ArgumentException("Name the endpoint.", nameof(endpoint)) : endpoint);

        /// <summary>Values built into the module from <paramref name="document"/> (what it is and when it was read).</summary>
        public static VideoSource BuiltIn(string document)
            => new VideoSource(VideoSourceKind.BuiltIn, string.IsNullOrWhiteSpace(document) ? throw new ArgumentException("Name the document.", nameof(document)) : document);

        /// <summary><c>API: GET /videos/models</c> or <c>built-in: OpenAI video generation guide, 2026-12</c>.</summary>
        public override string ToString() => (Kind == VideoSourceKind.Api ? "API: " : "built-in: ") + Reference;
    }
}
