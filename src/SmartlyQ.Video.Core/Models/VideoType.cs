namespace SmartlyQ.Video.Core.Models
{
    /// <summary>The <c>type</c> field of <c>POST /videos/generate</c>.</summary>
    public static class VideoType
    {
        /// <summary>Video from a text prompt; <c>prompt</c> is required.</summary>
        public const string TextToVideo = "text_to_video";

        /// <summary>Video from a still image; <c>image_url</c> is required.</summary>
        public const string ImageToVideo = "image_to_video";

        /// <summary>Every value the API accepts, in documentation order.</summary>
        public static readonly string[] All = { TextToVideo, ImageToVideo };
    }
}
